// In-band DTMF detection (ITU-T Q.23/Q.24 tones) with Goertzel filters, the fallback for peers
// that do not negotiate RFC 4733 telephone-event.
//
// Blocks of 205 samples at 8 kHz (25.6 ms, the classic size whose bins fall near all eight
// frequencies). A block holds a digit when one row and one column tone together carry most of
// its energy, each is loud enough, and their levels are within the allowed twist. A digit is
// reported once after two consecutive blocks agree (≥ 51 ms of tone, Q.24 asks for 40 ms) and
// is not reported again until a block without it (the inter-digit pause).

import { goertzelPower, meanSquare } from './goertzel.ts';

const ROWS = [697, 770, 852, 941];
const COLS = [1209, 1336, 1477, 1633];
const KEYS = ['123A', '456B', '789C', '*0#D'];
const BLOCK = 205;
const MIN_AMPLITUDE = 300; // each tone, in sample units (about −40 dBm0)
const MIN_SHARE = 0.75; // of the block's energy in the two tones
const MAX_TWIST_DB = 8;

function strongest(block: Float32Array, freqs: readonly number[]): [index: number, power: number] {
  let best = 0;
  let bestPower = -1;
  for (let i = 0; i < freqs.length; i++) {
    const p = goertzelPower(block, freqs[i]!, 8000);
    if (p > bestPower) [best, bestPower] = [i, p];
  }
  return [best, bestPower];
}

/** Which digit a 205-sample block holds, if any. */
export function detectDtmfBlock(block: Float32Array): string | null {
  const ms = meanSquare(block);
  if (ms === 0) return null;
  const [r, rp] = strongest(block, ROWS);
  const [c, cp] = strongest(block, COLS);
  if (Math.sqrt(rp) < MIN_AMPLITUDE || Math.sqrt(cp) < MIN_AMPLITUDE) return null;
  if ((rp + cp) / 2 / ms < MIN_SHARE) return null;
  if (Math.abs(10 * Math.log10(rp / cp)) > MAX_TWIST_DB) return null;
  return KEYS[r]![c]!;
}

/** Feeds audio of any frame size; returns the digits that completed in it. */
export class DtmfToneDetector {
  readonly #block = new Float32Array(BLOCK);
  #fill = 0;
  #candidate: string | null = null;
  #reported: string | null = null;

  push(samples: ArrayLike<number>): string[] {
    const found: string[] = [];
    for (let i = 0; i < samples.length; i++) {
      this.#block[this.#fill++] = samples[i]!;
      if (this.#fill < BLOCK) continue;
      this.#fill = 0;
      const digit = detectDtmfBlock(this.#block);
      if (digit === null) {
        this.#reported = null;
      } else if (digit === this.#candidate && digit !== this.#reported) {
        this.#reported = digit;
        found.push(digit);
      }
      this.#candidate = digit;
    }
    return found;
  }
}
