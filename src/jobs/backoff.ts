/**
 * Exponential backoff with full jitter (1 s, 2 s, 4 s … capped at 5 minutes),
 * unless the upstream said when to come back (Retry-After), which wins.
 */
export function retryDelayMs(attempts: number, retryAfterMs: number | undefined, random: () => number = Math.random): number {
  if (retryAfterMs !== undefined) return retryAfterMs + Math.floor(random() * 250);
  const ceiling = Math.min(300_000, 1_000 * 2 ** Math.max(0, attempts - 1));
  return Math.max(250, Math.floor(random() * ceiling));
}
