// The XML side of a GeoReport v2 document, read against the same JSON Schema as its JSON: the
// XML must be well-formed, start with the declaration naming UTF-8, carry no attributes or
// namespaces (the specification's XML is schemaless and plain), have the expected root, and list
// containers may hold only their item element. It is then read by the Spark convention, each
// text typed by what the schema allows there (true → boolean, 28.19 → number, empty → null), so
// the result can be validated with the JSON Schema.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { resolve, validate, type Schema } from './validate.ts';

/** The specification's list containers and the element each repeats. */
export const LIST_ITEMS: Record<string, string> = {
  services: 'service',
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
  service_requests: 'request',
  errors: 'error',
};

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, trimValues: true, ignoreDeclaration: true });
const NUMBER = /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/;

export interface XmlReading {
  value: unknown;
  problems: string[];
}

export function readXml(xml: string, schema: Schema, rootElement: string): XmlReading {
  const problems: string[] = [];
  if (!/^<\?xml version="1\.0" encoding="utf-8"\?>/i.test(xml)) problems.push('the document must start with <?xml version="1.0" encoding="utf-8"?>');
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true) return { value: undefined, problems: [...problems, `not well-formed XML: ${wellFormed.err.msg} (line ${wellFormed.err.line})`] };
  const doc = parser.parse(xml) as Record<string, unknown>;
  const roots = Object.keys(doc);
  if (roots.length !== 1 || roots[0] !== rootElement) problems.push(`the root element must be <${rootElement}>, found ${roots.map((r) => `<${r}>`).join(' ') || 'none'}`);
  return { value: read(doc[roots[0]!], schema, schema, roots[0]!, `/${roots[0]}`, problems), problems };
}

function plain(s: Schema, root: Schema): Record<string, unknown> {
  let cur: Schema = s;
  while (typeof cur === 'object' && typeof cur.$ref === 'string') cur = resolve(root, cur.$ref);
  return typeof cur === 'object' ? cur : {};
}

const allows = (s: Record<string, unknown>, type: string) => (Array.isArray(s.type) ? s.type.includes(type) : s.type === type);

function read(node: unknown, schema: Schema, root: Schema, name: string, at: string, problems: string[]): unknown {
  const s = plain(schema, root);
  if (node !== null && typeof node === 'object') {
    for (const k of Object.keys(node)) if (k.startsWith('@')) problems.push(`${at}: attribute ${k.slice(1)} (the specification's XML has no attributes or namespaces)`);
  }
  const children = (node !== null && typeof node === 'object' ? node : {}) as Record<string, unknown>;
  const elements = Object.keys(children).filter((k) => !k.startsWith('@'));

  if (allows(s, 'array')) {
    const item = LIST_ITEMS[name];
    if (!item) problems.push(`${at}: <${name}> is not a list container of the specification`);
    if (node === '') return [];
    for (const k of elements) if (k !== item) problems.push(`${at}: <${k}> inside <${name}>, which holds only <${item}>`);
    const raw = children[item ?? ''];
    const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    return list.map((c, i) => read(c, (s.items ?? true) as Schema, root, item!, `${at}/${item}[${i}]`, problems));
  }
  if (allows(s, 'object') || s.properties) {
    if (node === '') return {};
    if (typeof node !== 'object' || node === null) return node;
    const props = (s.properties ?? {}) as Record<string, Schema>;
    const out: Record<string, unknown> = {};
    for (const k of elements) {
      if (Array.isArray(children[k])) problems.push(`${at}: <${k}> appears more than once`);
      out[k] = read(children[k], props[k] ?? true, root, k, `${at}/${k}`, problems);
    }
    return out;
  }
  if (typeof node !== 'string') return node;
  // The first reading of the text that the schema accepts: as text, as empty, as true/false, as a number.
  const readings: unknown[] = [node];
  if (node === '') readings.push(null);
  if (node === 'true' || node === 'false') readings.push(node === 'true');
  if (NUMBER.test(node)) readings.push(Number(node));
  const fits = readings.findIndex((r) => validate(schema, r, root).length === 0);
  return fits === -1 ? node : readings[fits];
}
