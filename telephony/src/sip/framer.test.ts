import { describe, expect, it } from 'vitest';
import { TYPICAL_INVITE } from '../testing/fixtures.ts';
import type { FrameEvent } from './framer.ts';
import { SipStreamFramer, contentLengthOf } from './framer.ts';
import { parseMessage } from './message.ts';

const SMALL = Buffer.from(
  'OPTIONS sip:a@b.com SIP/2.0\r\nv: SIP/2.0/TCP h.example.com;branch=z9hG4bKx\r\nf: <sip:c@d.com>;tag=1\r\n' +
    't: <sip:a@b.com>\r\ni: 1@h\r\nCSeq: 1 OPTIONS\r\nl: 5\r\n\r\nhello',
);

function messages(events: FrameEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'message' ? [e.data.toString('latin1')] : []));
}
function types(events: FrameEvent[]): string[] {
  return events.map((e) => e.type);
}

describe('SipStreamFramer', () => {
  it('cuts back-to-back messages by Content-Length', () => {
    const f = new SipStreamFramer();
    const ev = f.push(Buffer.concat([TYPICAL_INVITE, SMALL, TYPICAL_INVITE]));
    expect(messages(ev)).toEqual([TYPICAL_INVITE, SMALL, TYPICAL_INVITE].map((b) => b.toString('latin1')));
    expect(f.bufferedBytes).toBe(0);
    for (const e of ev) if (e.type === 'message') expect(parseMessage(e.data, { transport: 'tcp' }).ok).toBe(true);
  });

  it('reassembles a message fed one byte at a time', () => {
    const f = new SipStreamFramer();
    const out: FrameEvent[] = [];
    for (const b of TYPICAL_INVITE) out.push(...f.push(Buffer.from([b])));
    expect(messages(out)).toEqual([TYPICAL_INVITE.toString('latin1')]);
  });

  it('emits ping for CRLFCRLF and pong for a lone CRLF (RFC 5626)', () => {
    const f = new SipStreamFramer();
    expect(types(f.push(Buffer.from('\r\n\r\n')))).toEqual(['ping']);
    expect(types(f.push(Buffer.from('\r\n')))).toEqual(['pong']);
    expect(types(f.push(Buffer.concat([Buffer.from('\r\n\r\n\r\n'), SMALL])))).toEqual(['ping', 'pong', 'message']);
  });

  it('recognises a ping split across reads', () => {
    const f = new SipStreamFramer();
    const first = types(f.push(Buffer.from('\r\n')));
    const second = types(f.push(Buffer.from('\r\n')));
    expect([...first, ...second]).toContain('ping');
    const g = new SipStreamFramer();
    expect(types(g.push(Buffer.from('\r\n\r')))).toEqual([]); // CRLF CR: wait for the LF
    expect(types(g.push(Buffer.from('\n')))).toEqual(['ping']);
  });

  it('handles folded and compact Content-Length', () => {
    const m = Buffer.from('OPTIONS sip:a@b.com SIP/2.0\r\nContent-Length:\r\n  3\r\n\r\nabc');
    expect(messages(new SipStreamFramer().push(m))).toEqual([m.toString('latin1')]);
    const h = Buffer.from('X\r\nContent-Language: 99\r\nL : 2\r\n\r\n');
    expect(contentLengthOf(h, h.length)).toBe(2);
  });

  it('frames a header block without Content-Length as having no body', () => {
    const m = Buffer.from('OPTIONS sip:a@b.com SIP/2.0\r\nTo: x\r\n\r\n');
    expect(messages(new SipStreamFramer().push(m))).toEqual([m.toString('latin1')]);
  });

  it.each([
    ['negative', 'Content-Length: -1'],
    ['not a number', 'Content-Length: abc'],
    ['conflicting', 'Content-Length: 1\r\nl: 2'],
    ['overflowing', 'Content-Length: 99999999999999999999'],
  ])('fails the stream on a %s Content-Length', (_w, h) => {
    const f = new SipStreamFramer();
    const ev = f.push(Buffer.from(`OPTIONS sip:a@b.com SIP/2.0\r\n${h}\r\n\r\n`));
    expect(types(ev)).toEqual(['error']);
    expect(f.failed).toBe(true);
    expect(f.push(SMALL)).toEqual([]); // stays failed: no resync possible
    f.reset();
    expect(types(f.push(SMALL))).toEqual(['message']);
  });

  it('caps the header section: an endless header never grows the buffer past the limit', () => {
    const f = new SipStreamFramer({ maxHeaderBytes: 1024, maxMessageBytes: 4096 });
    const line = Buffer.from('X-Junk: ' + 'a'.repeat(100) + '\r\n');
    let events: FrameEvent[] = [];
    for (let i = 0; i < 100 && events.length === 0; i++) {
      events = f.push(line);
      expect(f.bufferedBytes).toBeLessThanOrEqual(1024);
    }
    expect(events).toEqual([{ type: 'error', status: 513, reason: expect.stringMatching(/header/) }]);
    expect(f.bufferedBytes).toBe(0);
  });

  it('refuses a Content-Length that would exceed the message limit before reading the body', () => {
    const f = new SipStreamFramer({ maxMessageBytes: 4096 });
    const ev = f.push(Buffer.from('OPTIONS sip:a@b.com SIP/2.0\r\nContent-Length: 5000\r\n\r\n'));
    expect(ev).toEqual([{ type: 'error', status: 513, reason: expect.stringMatching(/message/) }]);
  });

  it('never holds more than one message even when a huge chunk arrives at once', () => {
    const f = new SipStreamFramer({ maxMessageBytes: 8192, maxHeaderBytes: 2048 });
    const many = Buffer.concat(Array.from({ length: 200 }, () => SMALL));
    const ev = f.push(many);
    expect(messages(ev)).toHaveLength(200);
    expect(f.bufferedBytes).toBe(0);
  });

  it('keeps a partial message across pushes and reports how much it holds', () => {
    const f = new SipStreamFramer();
    expect(f.push(TYPICAL_INVITE.subarray(0, 100))).toEqual([]);
    expect(f.bufferedBytes).toBe(100);
    expect(messages(f.push(TYPICAL_INVITE.subarray(100)))).toHaveLength(1);
  });
});
