// SIP-date (RFC 3261 §20.17 → RFC 2616 §3.3.1 rfc1123-date, GMT only):
//   SIP-date = wkday "," SP date1 SP time SP "GMT"
//   date1    = 2DIGIT SP month SP 4DIGIT ; e.g. 02 Jun 1982
//   time     = 2DIGIT ":" 2DIGIT ":" 2DIGIT
// The Date header is informational. A value in any other zone (RFC 4475 §3.1.2.12, baddate) is
// ignored — parseSipDate returns null — rather than failing the whole message.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// Fixed-width pattern, no nested quantifiers: cannot backtrack.
const SIP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d\d) ([A-Z][a-z][a-z]) (\d{4}) (\d\d):(\d\d):(\d\d) GMT$/;

export function parseSipDate(v: string): Date | null {
  const m = SIP_DATE.exec(v.trim());
  if (m === null) return null;
  const month = MONTHS.indexOf(m[3]!);
  if (month < 0) return null;
  const [day, year, hh, mm, ss] = [m[2], m[4], m[5], m[6], m[7]].map(Number) as [number, number, number, number, number];
  if (day < 1 || day > 31 || hh > 23 || mm > 59 || ss > 60) return null;
  const t = Date.UTC(year, month, day, hh, mm, Math.min(ss, 59));
  const d = new Date(t);
  if (d.getUTCDate() !== day) return null; // 31 Feb and the like
  return d;
}

export function formatSipDate(d: Date): string {
  return d.toUTCString(); // "Sat, 13 Nov 2010 23:29:00 GMT" — the same rfc1123 form
}
