import type { Ctx } from '../../context.ts';
import { List, w3, type Value } from './format.ts';
import type { AttributeDef } from './attributes.ts';
import type { Open311Service } from './services.ts';

export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
export const FORMATS = ['text/xml', 'application/json'];

/**
 * The Service Discovery document. The changeset moves when the administrators change a
 * service definition's questions; changes to the taxonomy itself are not tracked here.
 */
export async function discovery(ctx: Ctx, baseUrl: string): Promise<Value> {
  const [row] = await ctx.db.query<{ value: string }>("SELECT value FROM settings WHERE key = 'open311.changeset'");
  const changeset = w3(row ? new Date(row.value) : new Date('2026-01-01T00:00:00Z'));
  return {
    changeset,
    contact: ctx.env.OPEN311_CONTACT,
    key_service: 'API keys are issued by the hotline center’s administrators (API 密钥由热线中心系统管理员发放).',
    endpoints: new List('endpoint', [
      { specification: SPECIFICATION, url: baseUrl, changeset, type: 'production', formats: new List('format', FORMATS) },
    ]),
  };
}

export function serviceEntry(s: Open311Service, type: 'realtime' | 'batch'): Value {
  return {
    service_code: s.code,
    service_name: s.name,
    description: s.fullName,
    metadata: true, // every service has at least the appeal-type attribute
    type,
    keywords: s.subcategories.map((c) => c.name).join(', '),
    group: s.group,
  };
}

export function serviceDefinition(s: Open311Service, defs: AttributeDef[]): Value {
  return {
    service_code: s.code,
    attributes: new List(
      'attribute',
      defs.map((d) => ({
        variable: d.variable,
        code: d.code,
        datatype: d.datatype,
        required: d.required,
        datatype_description: d.datatypeDescription,
        order: d.order,
        description: d.description,
        values: new List('value', d.values.map((v) => ({ key: v.key, name: v.name }))),
      })),
    ),
  };
}
