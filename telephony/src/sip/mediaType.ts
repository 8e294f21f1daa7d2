import type { Param } from './params.ts';
import { getParam, parseParams, serializeParams, unquote } from './params.ts';
import { ParseFail, Scanner, splitList } from './scanner.ts';

// Content-Type and Accept (RFC 3261 §20.1, §20.15):
//   media-type  = m-type SLASH m-subtype *(SEMI m-parameter)
//   m-parameter = m-attribute EQUAL m-value       m-value = token / quoted-string
//   Accept      = "Accept" HCOLON [ accept-range *(COMMA accept-range) ]
//   accept-range = media-range *(SEMI accept-param)
//   media-range = ( "*/*" / ( m-type SLASH "*" ) / ( m-type SLASH m-subtype ) ) *( SEMI m-parameter )
// Type and subtype are case-insensitive and stored lowercased.

export interface MediaType {
  type: string;
  subtype: string;
  params: Param[];
}

export function parseMediaTypeOrFail(v: string): MediaType {
  const sc = new Scanner(v);
  sc.skipWs();
  const type = sc.token('media type').toLowerCase();
  sc.expectSep(47, '"/" in media type');
  const subtype = sc.token('media subtype').toLowerCase();
  const params = parseParams(sc);
  sc.expectEnd('media type');
  return { type, subtype, params };
}

export function parseMediaType(v: string): MediaType | null {
  try {
    return parseMediaTypeOrFail(v);
  } catch (e) {
    if (e instanceof ParseFail) return null;
    throw e;
  }
}

export function serializeMediaType(m: MediaType): string {
  return `${m.type}/${m.subtype}${serializeParams(m.params)}`;
}

/** `type/subtype` without parameters, lowercased. */
export function mimeOf(m: MediaType): string {
  return `${m.type}/${m.subtype}`;
}

/**
 * Does an Accept header value (possibly several, already joined with ",") admit `mime`?
 * `*` wildcards match; a range with q=0 excludes. Unparseable ranges are skipped. An Accept
 * header with an empty value admits nothing (RFC 3261 §20.1).
 */
export function acceptAdmits(accept: string, mime: string): boolean {
  const [type, subtype] = mime.toLowerCase().split('/');
  const ranges = splitList(accept);
  if (ranges === null) return false;
  for (const r of ranges) {
    if (r === '') continue;
    const m = parseMediaType(r);
    if (m === null) continue;
    const q = getParam(m.params, 'q');
    if (q !== undefined && q !== null && Number(unquote(q)) === 0) continue;
    if ((m.type === '*' || m.type === type) && (m.subtype === '*' || m.subtype === subtype)) return true;
  }
  return false;
}
