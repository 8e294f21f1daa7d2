/**
 * Delay before the next attempt after `attempt` failures: BASE doubled per failure up to MAX,
 * then "equal jitter" (half fixed, half random) so receivers coming back from an outage are not
 * hit by every sender in the same second.
 */
export function retryDelayMs(attempt: number, baseSeconds: number, maxSeconds: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxSeconds, baseSeconds * 2 ** Math.max(0, attempt - 1)) * 1000;
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
