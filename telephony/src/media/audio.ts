// The unit of audio inside the media layer: 20 ms frames of 160 signed 16-bit samples at 8 kHz
// (what one G.711 RTP packet carries), pulled from sources once per pacer tick.

export const SAMPLE_RATE = 8000;
export const FRAME_MS = 20;
export const FRAME_SAMPLES = (SAMPLE_RATE * FRAME_MS) / 1000;

/** Anything that yields audio frame by frame: players, tone generators, mixer outputs. */
export interface AudioSource {
  /**
   * Fills `out` (FRAME_SAMPLES long) with the next 20 ms and returns true, or returns false when
   * the source has ended (then `out` is unspecified and the caller stops reading it).
   */
  read(out: Int16Array): boolean;
}

export function clamp16(x: number): number {
  return x > 32767 ? 32767 : x < -32768 ? -32768 : x;
}
