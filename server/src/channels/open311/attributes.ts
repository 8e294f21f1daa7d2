import { APPEAL_TYPES, APPEAL_TYPE_LABELS, type AppealType } from '@hotline/shared';
import type { Queryable } from '../../db/db.ts';
import type { Open311Service } from './services.ts';
import { clean, w3 } from './format.ts';

export const DATATYPES = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] as const;
export type Datatype = (typeof DATATYPES)[number];

export interface AttributeDef {
  code: string;
  variable: boolean;
  datatype: Datatype;
  required: boolean;
  description: string;
  datatypeDescription: string | null;
  order: number;
  values: { key: string; name: string }[];
}

/** Built-in attributes map onto work-order fields; their codes are reserved. */
export const SUBCATEGORY = 'subcategory';
export const APPEAL_TYPE = 'appeal_type';
export const RESERVED_CODES = [SUBCATEGORY, APPEAL_TYPE];
export const DEFAULT_APPEAL_TYPE: AppealType = 'help';

interface AttributeRow {
  code: string;
  datatype: Datatype;
  variable: boolean;
  required: boolean;
  description: string;
  datatype_description: string | null;
  options: { key: string; name: string }[];
}

/**
 * The service definition's attributes: the built-in subcategory (when the service has
 * third-level categories) and appeal type, then the administrators' own questions for every
 * service and for this one. `order` is assigned here so it is unique within the service.
 */
export async function definitionOf(q: Queryable, service: Open311Service): Promise<AttributeDef[]> {
  const rows = await q.query<AttributeRow>(
    `SELECT code, datatype, variable, required, description, datatype_description, options
       FROM open311_attributes WHERE category_id IS NULL OR category_id = $1 ORDER BY sort, code`,
    [service.code],
  );
  const defs: Omit<AttributeDef, 'order'>[] = [];
  if (service.subcategories.length) {
    defs.push({
      code: SUBCATEGORY, variable: true, datatype: 'singlevaluelist', required: false,
      description: '具体问题类型', datatypeDescription: '选择最贴近的一项；不确定可不选',
      values: service.subcategories.map((c) => ({ key: c.id, name: c.name })),
    });
  }
  defs.push({
    code: APPEAL_TYPE, variable: true, datatype: 'singlevaluelist', required: false,
    description: '诉求类型', datatypeDescription: `不选即为“${APPEAL_TYPE_LABELS[DEFAULT_APPEAL_TYPE]}”`,
    values: APPEAL_TYPES.map((t) => ({ key: t, name: APPEAL_TYPE_LABELS[t] })),
  });
  for (const r of rows) {
    defs.push({
      code: r.code, variable: r.variable, datatype: r.datatype, required: r.required, description: r.description,
      datatypeDescription: r.datatype_description, values: r.options ?? [],
    });
  }
  return defs.map((d, i) => ({ ...d, order: i + 1 }));
}

/** Values from `attribute[code]=v` and `attribute[code][]=v` form fields, by code. */
export function attributeFields(form: URLSearchParams): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [k, v] of form) {
    const m = /^attribute\[([^\]]*)\](\[\])?$/.exec(k);
    if (!m) continue;
    const list = out.get(m[1]!) ?? [];
    list.push(clean(v));
    out.set(m[1]!, list);
  }
  return out;
}

export const W3_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export type AttributeValue = string | number | string[];

/** Checks submitted values against the definition; returns the typed values and every problem found. */
export function checkAttributes(defs: AttributeDef[], submitted: Map<string, string[]>): { values: Record<string, AttributeValue>; problems: string[] } {
  const problems: string[] = [];
  const values: Record<string, AttributeValue> = {};
  const byCode = new Map(defs.map((d) => [d.code, d]));
  for (const code of submitted.keys()) {
    const d = byCode.get(code);
    if (!d) problems.push(`attribute[${code}] is not an attribute of this service`);
    else if (!d.variable) problems.push(`attribute[${code}] is informational and takes no value`);
  }
  for (const d of defs) {
    if (!d.variable) continue;
    const given = (submitted.get(d.code) ?? []).map((v) => v.trim()).filter((v) => v !== '');
    if (!given.length) {
      if (d.required) problems.push(`attribute[${d.code}] (${d.description}) is required`);
      continue;
    }
    if (d.datatype !== 'multivaluelist' && given.length > 1) {
      problems.push(`attribute[${d.code}] takes one value, got ${given.length}`);
      continue;
    }
    const v = given[0]!;
    const keys = new Set(d.values.map((x) => x.key));
    switch (d.datatype) {
      case 'string':
        if (/[\r\n]/.test(v) || v.length > 500) problems.push(`attribute[${d.code}] must be one line of at most 500 characters`);
        else values[d.code] = v;
        break;
      case 'text':
        if (v.length > 4000) problems.push(`attribute[${d.code}] must be at most 4000 characters`);
        else values[d.code] = v;
        break;
      case 'number':
        if (!/^-?\d+(\.\d+)?$/.test(v) || !Number.isFinite(Number(v))) problems.push(`attribute[${d.code}] must be a number, got "${v}"`);
        else values[d.code] = Number(v);
        break;
      case 'datetime':
        if (!W3_DATETIME.test(v) || Number.isNaN(Date.parse(v))) problems.push(`attribute[${d.code}] must be an ISO 8601 date and time with a time zone, got "${v}"`);
        else values[d.code] = new Date(v).toISOString();
        break;
      case 'singlevaluelist':
        if (!keys.has(v)) problems.push(`attribute[${d.code}] has no value with key "${v}"`);
        else values[d.code] = v;
        break;
      case 'multivaluelist': {
        const bad = given.filter((x) => !keys.has(x));
        if (bad.length) problems.push(`attribute[${d.code}] has no value with key ${bad.map((b) => `"${b}"`).join(', ')}`);
        else values[d.code] = [...new Set(given)];
        break;
      }
    }
  }
  return { values, problems };
}

/** Readable lines of the administrators' questions and answers, appended to the order's content. */
export function describeAnswers(defs: AttributeDef[], values: Record<string, AttributeValue>): string[] {
  const lines: string[] = [];
  for (const d of defs) {
    if (RESERVED_CODES.includes(d.code) || values[d.code] === undefined) continue;
    const v = values[d.code]!;
    const name = (k: string) => d.values.find((x) => x.key === k)?.name ?? k;
    const shown = Array.isArray(v)
      ? v.map(name).join('、')
      : d.datatype === 'singlevaluelist' ? name(String(v)) : d.datatype === 'datetime' ? w3(new Date(String(v))) : String(v);
    lines.push(`${d.description}：${shown}`);
  }
  return lines;
}
