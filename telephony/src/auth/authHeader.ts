// The auth-param lists of WWW-Authenticate / Authorization and their proxy twins (RFC 3261
// §25.1, RFC 7616 §3.3–3.4):
//
//   challenge   = "Digest" LWS digest-cln *(COMMA digest-cln)
//   credentials = "Digest" LWS dig-resp *(COMMA dig-resp)
//   auth-param  = token EQUAL ( token / quoted-string )
//
// Commas inside quoted strings are not separators, so the list is walked by hand. Parameter
// names are case-insensitive (stored lowercased); values are returned unquoted. Input is bounded
// by the message size, and a malformed list yields null rather than a partial result.

export interface AuthHeader {
  scheme: string;
  params: Map<string, string>;
}

const TOKEN = /^[A-Za-z0-9\-.!%*_+`'~]+$/;

export function parseAuthHeader(value: string): AuthHeader | null {
  const s = value.trim();
  const sp = s.search(/[ \t]/);
  if (sp <= 0) return null;
  const scheme = s.slice(0, sp);
  if (!TOKEN.test(scheme)) return null;
  const params = new Map<string, string>();
  let i = sp;
  const n = s.length;
  while (i < n) {
    while (i < n && (s[i] === ' ' || s[i] === '\t' || s[i] === ',')) i++;
    if (i >= n) break;
    const eq = s.indexOf('=', i);
    if (eq < 0) return null;
    const name = s.slice(i, eq).trim().toLowerCase();
    if (!TOKEN.test(name)) return null;
    i = eq + 1;
    while (i < n && (s[i] === ' ' || s[i] === '\t')) i++;
    let v = '';
    if (s[i] === '"') {
      i++;
      for (;;) {
        if (i >= n) return null; // unterminated quoted string
        const c = s[i]!;
        if (c === '\\' && i + 1 < n) {
          v += s[i + 1]!;
          i += 2;
        } else if (c === '"') {
          i++;
          break;
        } else {
          v += c;
          i++;
        }
      }
    } else {
      const start = i;
      while (i < n && s[i] !== ',' && s[i] !== ' ' && s[i] !== '\t') i++;
      v = s.slice(start, i);
    }
    if (params.has(name)) return null; // RFC 7616 §3.4: each parameter at most once
    params.set(name, v);
    while (i < n && (s[i] === ' ' || s[i] === '\t')) i++;
    if (i < n && s[i] !== ',') return null;
  }
  return { scheme, params };
}

/** Serialises params: the names in `unquoted` as tokens, every other value as a quoted string. */
export function serializeAuthHeader(scheme: string, params: readonly [string, string][], unquoted: ReadonlySet<string>): string {
  const parts = params.map(([k, v]) => {
    if (/[\r\n]/.test(v)) throw new TypeError(`CR/LF in auth parameter ${k}`);
    return unquoted.has(k) ? `${k}=${v}` : `${k}="${v.replace(/(["\\])/g, '\\$1')}"`;
  });
  return `${scheme} ${parts.join(', ')}`;
}
