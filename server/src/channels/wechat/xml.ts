import { XMLParser, XMLValidator } from 'fast-xml-parser';

export class WechatXmlError extends Error {}

const parser = new XMLParser({
  ignoreAttributes: true,
  // Every value stays a string: MsgId is a 64-bit number that a JS number would round.
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  ignoreDeclaration: true,
});

/**
 * The fields of a WeChat push (`<xml><ToUserName>…</ToUserName>…</xml>`), one level deep, values
 * as strings. Refuses what is not well-formed XML, has no `<xml>` root, or declares a DTD
 * (entity expansion has no place in WeChat's messages).
 */
export function parseWechatXml(text: string): Record<string, string> {
  if (!text.trim()) throw new WechatXmlError('empty body');
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new WechatXmlError('DTDs are not accepted');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new WechatXmlError(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const doc = parser.parse(text) as Record<string, unknown>;
  const root = doc.xml;
  if (!root || typeof root !== 'object' || Array.isArray(root)) throw new WechatXmlError('the root element must be <xml> with fields');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(root as Record<string, unknown>)) {
    // Nested structures (e.g. ScanCodeInfo of menu scan events) are kept as JSON text.
    out[k] = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v);
  }
  return out;
}

/** A CDATA section that stays one even when the text contains "]]>". */
export function cdata(text: string): string {
  return `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** XML with the given fields in order: strings as CDATA, numbers bare (WeChat's own layout). */
export function buildWechatXml(fields: [string, string | number][]): string {
  return `<xml>${fields.map(([k, v]) => `<${k}>${typeof v === 'number' ? v : cdata(v)}</${k}>`).join('')}</xml>`;
}
