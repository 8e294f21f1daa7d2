import type { Mixer, MixableSession } from '../media/mixer.ts';
import { attachSession } from '../media/mixer.ts';

// Two call legs talking to each other through a Mixer — a caller's RtpSession and an agent's
// WebRtcMedia, or any two legs with the media layer's shape. The mixer (a pacer client) takes one
// frame from each leg per tick and writes what the other said into its output queue, so legs with
// drifting clocks stay bounded in latency, and a third party (a supervisor, a recorder) can join
// the same mixer later.

/** A leg the bridge can follow: the mixer's view of a session, plus its end. */
export interface BridgeableLeg extends MixableSession {
  readonly closed: boolean;
  on(event: 'audio', listener: (pcm: Int16Array) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  off(event: 'audio', listener: (pcm: Int16Array) => void): unknown;
  off(event: 'close', listener: () => void): unknown;
}

let bridges = 0;

/**
 * Adds both legs to `mixer` (as participants `ids`, default unique ones) so each hears the other,
 * and returns the function that takes them out again (idempotent). When either leg closes the
 * bridge comes down by itself; the other leg then plays nothing until someone gives it a source.
 */
export function bridgeLegs(mixer: Mixer, a: BridgeableLeg, b: BridgeableLeg, ids?: [string, string]): () => void {
  if (a === b) throw new TypeError('cannot bridge a leg to itself');
  if (a.closed || b.closed) throw new TypeError('cannot bridge a closed leg');
  const n = ++bridges;
  const [idA, idB] = ids ?? [`bridge${n}-a`, `bridge${n}-b`];
  const pa = mixer.add(idA);
  let pb;
  try {
    pb = mixer.add(idB);
  } catch (error) {
    mixer.remove(idA);
    throw error;
  }
  const detachA = attachSession(pa, a);
  const detachB = attachSession(pb, b);
  let up = true;
  const unbridge = (): void => {
    if (!up) return;
    up = false;
    a.off('close', unbridge);
    b.off('close', unbridge);
    if (!a.closed) detachA();
    if (!b.closed) detachB();
    mixer.remove(idA);
    mixer.remove(idB);
  };
  a.on('close', unbridge);
  b.on('close', unbridge);
  return unbridge;
}
