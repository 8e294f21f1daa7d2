import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSdp } from '../sdp/sdp.ts';
import { loadCorpus } from '../testing/corpus.ts';
import { TYPICAL_INVITE } from '../testing/fixtures.ts';
import type { FrameEvent } from './framer.ts';
import { SipStreamFramer } from './framer.ts';
import { parseMessage, serializeMessage } from './message.ts';
import type { ParseResult, Transport } from './messageTypes.ts';

// Property-based robustness: whatever bytes arrive, parseMessage returns a well-formed result
// (never throws, never reports an internal error) within a bounded time, anything it accepts
// round-trips through serializeMessage, and the stream framer never holds more than its limit.
// Seeds are the torture corpus (when present) plus a typical INVITE; mutations are byte flips,
// truncations, duplications, deletions, insertions and huge header values.

const corpus = loadCorpus(import.meta.url);
const SEEDS: Buffer[] = [TYPICAL_INVITE, ...(corpus?.map((e) => e.bytes) ?? [])];
const TRANSPORTS: Transport[] = ['udp', 'tcp', 'ws'];
/** Generous per-call bound (typical parses take microseconds); catches super-linear blowups. */
const TIME_LIMIT_MS = 250;
/** Let huge inputs through the size gate so their parsing cost is what gets measured. */
const FUZZ_MAX_BYTES = 512 * 1024;

function checkResult(r: ParseResult): void {
  if (r.ok) {
    expect(['request', 'response']).toContain(r.message.kind);
    return;
  }
  expect(Number.isInteger(r.status) && r.status >= 400 && r.status <= 599).toBe(true);
  expect(typeof r.reason).toBe('string');
  expect(r.reason).not.toMatch(/internal/);
  expect(typeof r.canRespond).toBe('boolean');
}

/** parseMessage over every transport: result shape, time bound, and round trip when accepted. */
function checkParse(buf: Buffer): void {
  for (const transport of TRANSPORTS) {
    const opts = { transport, maxMessageBytes: FUZZ_MAX_BYTES };
    let t0 = performance.now();
    const r = parseMessage(buf, opts);
    let dt = performance.now() - t0;
    // a slow call is timed again (best of three): a GC pause or a busy machine is not a blowup
    for (let k = 0; k < 2 && dt >= TIME_LIMIT_MS; k++) {
      t0 = performance.now();
      parseMessage(buf, opts);
      dt = Math.min(dt, performance.now() - t0);
    }
    expect(dt).toBeLessThan(TIME_LIMIT_MS);
    checkResult(r);
    if (r.ok) {
      const wire = serializeMessage(r.message);
      const again = parseMessage(wire, { transport: 'tcp', maxMessageBytes: FUZZ_MAX_BYTES * 2 });
      if (!again.ok) throw new Error(`canonical form rejected: ${again.reason}\n${wire.toString('latin1').slice(0, 2000)}`);
      expect(again.message).toEqual(r.message);
      // and SDP parsing of whatever body it carries never throws
      const sdp = parseSdp(r.message.body);
      if (!sdp.ok) expect(sdp.error).not.toMatch(/internal/);
    }
  }
}

type Mutation =
  | { kind: 'flip'; at: number; value: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicate'; from: number; len: number; to: number }
  | { kind: 'delete'; from: number; len: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'huge'; at: number; fill: string; size: number; asHeader: boolean };

const FILLS = ['a', ';', ',', '"', '<', '>', '%', ' ', '\\', ':', '[', '@', '=', '\r\n ', '\t', '%00', ';a=', '"\\"', 'é'];

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), from: fc.nat(), len: fc.nat({ max: 400 }), to: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), from: fc.nat(), len: fc.nat({ max: 64 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 16 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('huge' as const),
      at: fc.nat(),
      fill: fc.constantFrom(...FILLS),
      size: fc.integer({ min: 1000, max: 100_000 }),
      asHeader: fc.boolean(),
    }),
  },
);

function mutate(seed: Buffer, muts: Mutation[]): Buffer {
  let b = Buffer.from(seed);
  for (const m of muts) {
    const n = b.length;
    const pos = (x: number): number => (n === 0 ? 0 : x % (n + 1));
    switch (m.kind) {
      case 'flip':
        if (n > 0) b[m.at % n] = m.value;
        break;
      case 'truncate':
        b = b.subarray(0, pos(m.at));
        break;
      case 'duplicate': {
        const from = pos(m.from);
        const piece = b.subarray(from, from + m.len);
        const to = pos(m.to);
        b = Buffer.concat([b.subarray(0, to), piece, b.subarray(to)]);
        break;
      }
      case 'delete': {
        const from = pos(m.from);
        b = Buffer.concat([b.subarray(0, from), b.subarray(from + m.len)]);
        break;
      }
      case 'insert': {
        const at = pos(m.at);
        b = Buffer.concat([b.subarray(0, at), m.bytes, b.subarray(at)]);
        break;
      }
      case 'huge': {
        const blob = m.fill.repeat(Math.ceil(m.size / m.fill.length));
        if (m.asHeader) {
          // a new header right after the start line, or a huge value appended to an existing one
          const eol = b.indexOf('\r\n');
          const at = eol < 0 ? n : eol + 2;
          b = Buffer.concat([b.subarray(0, at), Buffer.from(`X-Huge: ${blob}\r\n`), b.subarray(at)]);
        } else {
          const at = pos(m.at);
          b = Buffer.concat([b.subarray(0, at), Buffer.from(blob), b.subarray(at)]);
        }
        break;
      }
    }
  }
  return b;
}

const seedArb = fc.constantFrom(...SEEDS);
const mutatedArb = fc.tuple(seedArb, fc.array(mutationArb, { minLength: 1, maxLength: 6 })).map(([s, m]) => mutate(s, m));

describe('fuzz: parseMessage', () => {
  it('random bytes: never throws, bounded time, well-formed result', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => checkParse(Buffer.from(bytes))),
      { numRuns: 400 },
    );
  });

  it('random SIP-ish text: never throws, bounded time, round-trips when accepted', () => {
    const token = fc.constantFrom('INVITE', 'SIP/2.0', 'sip:', '@', ' ', '\r\n', ':', ';', ',', '<', '>', '"', 'Via', 'To', 'From', 'Call-ID', 'CSeq', 'l', '0', '1', 'tag=', 'branch=z9hG4bK', '[::1]', 'a.b', '%41', '\\');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 200 }), (parts) => checkParse(Buffer.from(parts.join('')))),
      { numRuns: 400 },
    );
  });

  it('mutated corpus messages: never throws, bounded time, round-trips when accepted', () => {
    fc.assert(fc.property(mutatedArb, (buf) => checkParse(buf)), { numRuns: 1500 });
  });

  it('pathological inputs stay linear', () => {
    const head = 'OPTIONS sip:a@example.com SIP/2.0\r\n';
    const n = 60_000;
    const cases: Record<string, string> = {
      'colon-less lines': head + 'x\r\n'.repeat(n / 3) + '\r\n',
      'many params': head + `To: <sip:a@b.com>${';p'.repeat(n / 2)}\r\n\r\n`,
      'many Via values': head + `Via: ${'SIP/2.0/UDP h,'.repeat(n / 14)}\r\n\r\n`,
      'open quotes': head + `To: ${'"'.repeat(n)}\r\n\r\n`,
      'open angles': head + `Contact: ${'<'.repeat(n)}\r\n\r\n`,
      escapes: `OPTIONS sip:${'%41'.repeat(n / 3)}@example.com SIP/2.0\r\n\r\n`,
      backslashes: head + `To: "${'\\\\'.repeat(n / 2)}" <sip:a@b.com>\r\n\r\n`,
      'folded lines': head + 'Subject: a' + '\r\n b'.repeat(n / 4) + '\r\n\r\n',
      'long display name tokens': head + `From: ${'a '.repeat(n / 2)}sip:x@y.com\r\n\r\n`,
      'many headers': head + 'X: 1\r\n'.repeat(n / 6) + '\r\n',
      'many at signs': `OPTIONS sip:${'@'.repeat(n)} SIP/2.0\r\n\r\n`,
      'many URI params': `OPTIONS sip:a@example.com${';p'.repeat(n / 2)} SIP/2.0\r\n\r\n`,
      'many escaped URI params': `OPTIONS sip:a@example.com${';%41'.repeat(n / 4)} SIP/2.0\r\n\r\n`,
      'many contacts': head + `Contact: ${'<sip:a@b>,'.repeat(n / 10)}\r\n\r\n`,
      'long host': `OPTIONS sip:${'a.'.repeat(n / 2)}com SIP/2.0\r\n\r\n`,
      'many IPv6 colons': `OPTIONS sip:[${'1:'.repeat(n / 2)}] SIP/2.0\r\n\r\n`,
    };
    for (const [name, text] of Object.entries(cases)) {
      const buf = Buffer.from(text);
      parseMessage(buf, { transport: 'udp' }); // warm-up: time the algorithm, not the JIT
      // best of three, so a GC pause or a busy machine does not fail a linear-time parse; a
      // quadratic one would take seconds on these 60 KB inputs
      let best = Infinity;
      for (let k = 0; k < 3; k++) {
        const t0 = performance.now();
        checkResult(parseMessage(buf, { transport: 'udp' }));
        best = Math.min(best, performance.now() - t0);
      }
      expect(best, name).toBeLessThan(100);
    }
  });
});

describe('fuzz: SipStreamFramer', () => {
  const LIMITS = { maxMessageBytes: 16 * 1024, maxHeaderBytes: 4 * 1024 };

  function feed(framer: SipStreamFramer, data: Buffer, cuts: number[]): FrameEvent[] {
    const points = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
    const out: FrameEvent[] = [];
    let prev = 0;
    for (const p of [...points, data.length]) {
      out.push(...framer.push(data.subarray(prev, p)));
      expect(framer.bufferedBytes).toBeLessThanOrEqual(LIMITS.maxMessageBytes);
      prev = p;
    }
    return out;
  }

  it('random bytes in random chunks: never throws, never buffers past the limit', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40_000 }), fc.array(fc.nat(), { maxLength: 30 }), (bytes, cuts) => {
        const f = new SipStreamFramer(LIMITS);
        for (const e of feed(f, Buffer.from(bytes), cuts)) {
          if (e.type === 'message') expect(e.data.length).toBeLessThanOrEqual(LIMITS.maxMessageBytes);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('mutated messages in random chunks: bounded, and every frame is safe to parse', () => {
    fc.assert(
      fc.property(fc.array(mutatedArb, { minLength: 1, maxLength: 4 }), fc.array(fc.nat(), { maxLength: 30 }), (bufs, cuts) => {
        const f = new SipStreamFramer(LIMITS);
        for (const e of feed(f, Buffer.concat(bufs), cuts)) {
          if (e.type === 'message') {
            expect(e.data.length).toBeLessThanOrEqual(LIMITS.maxMessageBytes);
            checkResult(parseMessage(e.data, { transport: 'tcp' }));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('valid messages with keep-alives, cut anywhere: framed back exactly', () => {
    const canonical = SEEDS.flatMap((s) => {
      const r = parseMessage(s, { transport: 'udp' });
      return r.ok ? [serializeMessage(r.message)] : [];
    });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...canonical), fc.constantFrom('', '\r\n\r\n', '\r\n')), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        (items, cuts) => {
          const data = Buffer.concat(items.flatMap(([m, ka]) => [Buffer.from(ka), m]));
          const f = new SipStreamFramer(LIMITS);
          const events = feed(f, data, cuts);
          const got = events.flatMap((e) => (e.type === 'message' ? [e.data] : []));
          expect(events.some((e) => e.type === 'error')).toBe(false);
          expect(got.map((g) => g.toString('latin1'))).toEqual(items.map(([m]) => m.toString('latin1')));
          expect(f.bufferedBytes).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
