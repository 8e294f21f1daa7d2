// Web Worker: solves one proof-of-work challenge and posts the nonce back.
import { searchNonce } from './pow';

const scope = self as unknown as { onmessage: ((e: MessageEvent<{ challenge: string; difficulty: number }>) => void) | null; postMessage(m: unknown): void };

scope.onmessage = (e) => {
  const { challenge, difficulty } = e.data;
  for (let start = 0; ; start += 100_000) {
    const nonce = searchNonce(challenge, difficulty, start, 100_000);
    if (nonce !== null) {
      scope.postMessage({ nonce });
      return;
    }
  }
};
