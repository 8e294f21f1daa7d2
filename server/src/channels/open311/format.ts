import { XMLBuilder } from 'fast-xml-parser';

// One document, two renderings. GeoReport v2 defines XML and derives JSON from it by the Spark
// convention: an element that only wraps repeated children (<services><service/>…</services>)
// becomes an array, whatever the number of children; every other element becomes a property.

/** A repeated child element: `<formats><format/>…</formats>` in XML, an array in JSON. */
export class List {
  constructor(
    readonly item: string,
    readonly items: Value[],
  ) {}
}

export type Value = string | number | boolean | null | undefined | List | { [key: string]: Value };
export type Format = 'xml' | 'json';

export const CONTENT_TYPES: Record<Format, string> = {
  xml: 'text/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

// Characters XML 1.0 cannot carry at all (control characters, lone surrogates). Citizens' text
// may hold them; they are dropped from both renderings so the two never differ.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export const clean = (s: string) => s.replace(NOT_XML_CHAR, '');

export function toJson(v: Value): unknown {
  if (v === undefined) return undefined;
  if (v === null || typeof v === 'boolean' || typeof v === 'number') return v;
  if (typeof v === 'string') return clean(v);
  if (v instanceof List) return v.items.map(toJson);
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, toJson(x)]));
}

function toXmlTree(v: Value): unknown {
  if (v === undefined) return undefined;
  if (v === null) return null;
  if (typeof v === 'string') return clean(v);
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  if (v instanceof List) return v.items.length ? { [v.item]: v.items.map(toXmlTree) } : '';
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, toXmlTree(x)]));
}

const builder = new XMLBuilder({ format: true, indentBy: '  ', processEntities: true });

export function toXml(root: string, v: Value): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build({ [root]: toXmlTree(v) }).trim()}\n`;
}

/** The body for a document whose XML root element is `root` (JSON drops the root, per Spark). */
export function render(format: Format, root: string, v: Value): string {
  return format === 'json' ? JSON.stringify(toJson(v)) : toXml(root, v);
}

/** Splits `services.json` / `033.xml` into the resource name and the format; null for any other ending. */
export function splitFormat(file: string): { name: string; format: Format } | null {
  const m = /^(.+)\.(xml|json)$/.exec(file);
  return m ? { name: m[1]!, format: m[2] as Format } : null;
}

/** A w3 date-time in the city's time zone (Asia/Shanghai, UTC+8 all year): 2026-11-23T09:00:00+08:00. */
export function w3(d: Date): string {
  return new Date(new Date(d).getTime() + 8 * 3600_000).toISOString().replace(/(\.\d{3})?Z$/, '+08:00');
}
