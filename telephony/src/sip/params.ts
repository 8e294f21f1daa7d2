import { C_TOKEN, is } from './chars.ts';
import type { Scanner } from './scanner.ts';
import { fail } from './scanner.ts';

// Header parameters, shared by From/To/Contact/Route/Via/Content-Type…
//   generic-param = token [ EQUAL gen-value ]
//   gen-value     = token / host / quoted-string
// Names are case-insensitive (RFC 3261 §7.3.1) and are stored lowercased so lookups are plain
// string compares. Values are kept exactly as received — a quoted-string keeps its quotes — since
// their case-sensitivity depends on the parameter (a tag is compared case-sensitively).

/** One `;name[=value]` parameter. `value` is null for a parameter without "=" (e.g. `;lr`). */
export interface Param {
  name: string;
  value: string | null;
}

/** Value chars: token chars plus those a host can hold ("[", "]", ":" — RFC 5118 received=). */
function isValueChar(c: number): boolean {
  return is(c, C_TOKEN) || c === 58 || c === 91 || c === 93;
}

/** Reads `*( SEMI generic-param )` from the cursor. */
export function parseParams(sc: Scanner, out: Param[] = []): Param[] {
  while (sc.eatSep(59)) {
    const name = sc.token('parameter name').toLowerCase();
    let value: string | null = null;
    if (sc.eatSep(61)) {
      if (sc.peek() === 34) {
        value = sc.quotedString().raw;
      } else {
        const start = sc.i;
        while (sc.i < sc.end && isValueChar(sc.s.charCodeAt(sc.i))) sc.i++;
        if (sc.i === start) fail(`empty value for parameter ${name}`);
        value = sc.s.slice(start, sc.i);
      }
    }
    out.push({ name, value });
  }
  return out;
}

/**
 * Looks a parameter up by (case-insensitive) name: the value, null when it is present without a
 * value, undefined when absent.
 */
export function getParam(params: readonly Param[], name: string): string | null | undefined {
  const n = name.toLowerCase();
  for (const p of params) if (p.name === n) return p.value;
  return undefined;
}

export function hasParam(params: readonly Param[], name: string): boolean {
  return getParam(params, name) !== undefined;
}

/** Returns a copy of `params` with `name` set to `value` (replacing an existing one in place). */
export function withParam(params: readonly Param[], name: string, value: string | null): Param[] {
  const n = name.toLowerCase();
  let found = false;
  const out = params.map((p) => {
    if (p.name !== n) return p;
    found = true;
    return { name: n, value };
  });
  if (!found) out.push({ name: n, value });
  return out;
}

/** `;name=value;flag` — assumes names and values are valid (they are, when they came from a parse). */
export function serializeParams(params: readonly Param[]): string {
  let out = '';
  for (const p of params) out += p.value === null ? `;${p.name}` : `;${p.name}=${p.value}`;
  return out;
}

/** Removes the quotes and quoted-pair escapes of a quoted-string parameter value; tokens pass unchanged. */
export function unquote(v: string): string {
  if (v.length < 2 || v.charCodeAt(0) !== 34 || v.charCodeAt(v.length - 1) !== 34) return v;
  let out = '';
  for (let i = 1; i < v.length - 1; i++) {
    const c = v[i]!;
    if (c === '\\' && i + 1 < v.length - 1) {
      out += v[i + 1]!;
      i++;
    } else out += c;
  }
  return out;
}

/** Makes a quoted-string of arbitrary text: `"` and `\` and control chars become quoted-pairs. */
export function quote(v: string): string {
  let out = '"';
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 13 || c === 10) throw new TypeError('CR/LF cannot be carried in a quoted string');
    if (c === 34 || c === 92 || (c < 0x20 && c !== 9) || c === 0x7f) out += '\\';
    out += v[i]!;
  }
  return out + '"';
}
