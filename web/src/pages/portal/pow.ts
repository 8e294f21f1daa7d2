// The portal's side of the proof-of-work: find a nonce so that sha256(challenge + nonce) starts with
// `difficulty` zero bits. Runs in a Web Worker so the page stays responsive; where workers are not
// available, in slices on the main thread that yield between them.
import { leadingZeroBits, sha256Words } from './sha256';

const encoder = new TextEncoder();

/** Tries nonces start, start+1, … (base 36) up to `count` of them; the nonce found, or null. */
export function searchNonce(challenge: string, difficulty: number, start: number, count: number): string | null {
  for (let i = start; i < start + count; i++) {
    const nonce = i.toString(36);
    if (leadingZeroBits(sha256Words(encoder.encode(challenge + nonce))) >= difficulty) return nonce;
  }
  return null;
}

const SLICE = 4000;

/** Solves on the main thread in slices, yielding to the page between them. */
export async function solveInSlices(challenge: string, difficulty: number, signal?: AbortSignal): Promise<string> {
  for (let start = 0; ; start += SLICE) {
    if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const found = searchNonce(challenge, difficulty, start, SLICE);
    if (found !== null) return found;
    await new Promise((r) => setTimeout(r, 0));
  }
}

/** Solves in a Web Worker when the browser has them, else in slices. */
export async function solvePow(challenge: string, difficulty: number, signal?: AbortSignal): Promise<string> {
  if (typeof Worker === 'undefined') return solveInSlices(challenge, difficulty, signal);
  let worker: Worker;
  try {
    worker = new Worker(new URL('./powWorker.ts', import.meta.url), { type: 'module' });
  } catch {
    return solveInSlices(challenge, difficulty, signal);
  }
  return new Promise<string>((resolve, reject) => {
    const stop = () => {
      worker.terminate();
      reject(new DOMException('aborted', 'AbortError'));
    };
    signal?.addEventListener('abort', stop, { once: true });
    worker.onmessage = (e: MessageEvent<{ nonce: string }>) => {
      signal?.removeEventListener('abort', stop);
      worker.terminate();
      resolve(e.data.nonce);
    };
    worker.onerror = () => {
      signal?.removeEventListener('abort', stop);
      worker.terminate();
      solveInSlices(challenge, difficulty, signal).then(resolve, reject);
    };
    worker.postMessage({ challenge, difficulty });
  });
}
