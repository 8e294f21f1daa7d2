import type { FastifyInstance } from 'fastify';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';

// Helpers for the Open311 tests: requests as a client sends them, and XML read back into the
// JSON shape (Spark convention) so one assertion covers both formats.

const LISTS: Record<string, string> = {
  services: 'service',
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
  service_requests: 'request',
  errors: 'error',
};

const parser = new XMLParser({ parseTagValue: false, trimValues: true, ignoreDeclaration: true });

/** Parses an XML body (after checking it is well-formed) into the Spark JSON shape, scalars as strings. */
export function sparkFromXml(xml: string): unknown {
  expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = parser.parse(xml) as Record<string, unknown>;
  const [root] = Object.keys(doc);
  return convert(root!, doc[root!]);
}

function convert(name: string, node: unknown): unknown {
  const item = LISTS[name];
  if (item) {
    if (node === '' || node === undefined) return [];
    const children = (node as Record<string, unknown>)[item];
    return (Array.isArray(children) ? children : [children]).map((c) => convert(item, c));
  }
  if (node !== null && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, convert(k, v)]));
  return node;
}

/** JSON with every scalar as the string XML would carry (null → ''). */
export function asXmlStrings(v: unknown): unknown {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(asXmlStrings);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, asXmlStrings(x)]));
  return String(v);
}

export async function getBoth(app: FastifyInstance, path: string, query = '') {
  const q = query ? `?${query}` : '';
  const [xml, json] = await Promise.all([app.inject({ url: `${path}.xml${q}` }), app.inject({ url: `${path}.json${q}` })]);
  return { xml, json };
}

export function formBody(fields: Record<string, string | string[] | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : v === undefined ? [] : [v]) p.append(k, x);
  return p.toString();
}

export function postRequest(app: FastifyInstance, format: 'xml' | 'json', fields: Record<string, string | string[] | undefined>) {
  return app.inject({
    method: 'POST',
    url: `/open311/v2/requests.${format}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    payload: formBody(fields),
  });
}
