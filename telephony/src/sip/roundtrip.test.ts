import { describe, expect, it } from 'vitest';
import { CORPUS_SKIP_MESSAGE, loadCorpus } from '../testing/corpus.ts';
import { parseMessage, serializeMessage } from './message.ts';
import type { SipMessage } from './messageTypes.ts';

// parse → serialise → parse must give the same structure for every message the parser accepts,
// and the canonical form must be a fixed point: serialising the re-parsed message gives the very
// same bytes. Also: the canonical form is valid on a stream (it always has Content-Length).

const corpus = loadCorpus(import.meta.url);

function parseOk(buf: Buffer, transport: 'udp' | 'tcp' | 'ws'): SipMessage {
  const r = parseMessage(buf, { transport });
  if (!r.ok) throw new Error(`rejected: ${r.status} ${r.reason}`);
  return r.message;
}

if (corpus === null) {
  describe.skip(CORPUS_SKIP_MESSAGE, () => {
    it('corpus absent', () => {});
  });
} else {
  describe('round trip of every accepted corpus message', () => {
    const accepted = corpus.filter((e) => parseMessage(e.bytes, { transport: 'udp' }).ok);

    it('covers every valid row of the table', () => {
      const valid = corpus.filter((e) => e.verdict === 'valid').map((e) => e.file);
      expect(valid.every((f) => accepted.some((a) => a.file === f))).toBe(true);
      expect(accepted.length).toBeGreaterThanOrEqual(valid.length);
    });

    for (const entry of accepted) {
      it(entry.file, () => {
        const first = parseOk(entry.bytes, 'udp');
        const wire = serializeMessage(first);
        const second = parseOk(wire, 'udp');
        expect(second).toEqual(first);
        // byte-level: canonical output is a fixed point
        const again = serializeMessage(second);
        expect(again.equals(wire)).toBe(true);
        // the canonical form frames on a stream too, body byte for byte
        const overTcp = parseOk(wire, 'tcp');
        expect(overTcp).toEqual(first);
        expect(overTcp.body.equals(first.body)).toBe(true);
      });
    }
  });
}
