import { parseNameAddr } from '../sip/nameAddr.ts';
import type { NameAddr } from '../sip/nameAddr.ts';
import type { SipRequest } from '../sip/messageTypes.ts';
import { getHeader } from '../sip/headerAccess.ts';
import { mimeOf } from '../sip/mediaType.ts';

// Bodies and headers of in-dialog requests that carry application data:
//  - INFO with application/dtmf-relay ("Signal=5\r\nDuration=160") or application/dtmf ("5"), the
//    de-facto SIP INFO DTMF used by phones that cannot send RFC 4733 events;
//  - REFER's Refer-To (RFC 3515 §2.1) and the message/sipfrag bodies of its NOTIFYs (§2.4.5,
//    RFC 3420): a SIP status line such as "SIP/2.0 200 OK".

const DTMF_CHARS = /^[0-9*#A-Da-d]$/;

export interface InfoDtmf {
  digit: string;
  durationMs: number;
}

export function parseInfoDtmf(req: SipRequest): InfoDtmf | undefined {
  if (req.contentType === undefined) return undefined;
  const type = mimeOf(req.contentType);
  const text = req.body.toString('utf8').slice(0, 512);
  if (type === 'application/dtmf') {
    const d = text.trim();
    return DTMF_CHARS.test(d) ? { digit: d.toUpperCase(), durationMs: 160 } : undefined;
  }
  if (type !== 'application/dtmf-relay') return undefined;
  let digit: string | undefined;
  let duration = 160;
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(signal|duration)\s*=\s*(\S+)\s*$/i.exec(line);
    if (m === null) continue;
    if (m[1]!.toLowerCase() === 'signal') digit = m[2]!;
    else if (/^\d{1,5}$/.test(m[2]!)) duration = Number(m[2]);
  }
  if (digit === '10') digit = '*';
  if (digit === '11') digit = '#';
  return digit !== undefined && DTMF_CHARS.test(digit) ? { digit: digit.toUpperCase(), durationMs: duration } : undefined;
}

export function dtmfRelayBody(digit: string, durationMs: number): string {
  return `Signal=${digit}\r\nDuration=${durationMs}\r\n`;
}

/** The Refer-To of a REFER, or undefined when absent or unparseable (→ 400). */
export function referTo(req: SipRequest): NameAddr | undefined {
  const v = getHeader(req, 'Refer-To');
  return v === undefined ? undefined : (parseNameAddr(v) ?? undefined);
}

/** "SIP/2.0 180 Ringing" → 180, or undefined. */
export function sipfragStatus(body: Buffer): { status: number; reason: string } | undefined {
  const m = /^SIP\/2\.0 ([1-6]\d\d) ?([^\r\n]*)/.exec(body.toString('utf8', 0, Math.min(body.length, 256)));
  return m === null ? undefined : { status: Number(m[1]), reason: m[2] ?? '' };
}
