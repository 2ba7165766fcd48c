import type { TimelineEntry } from "./timeline.js";

/** At most this many pages per incident in one window: a page wakes people, and a loop must not wake them all night. */
export const PAGE_LIMIT = 3;
export const PAGE_WINDOW_MS = 10 * 60_000;

/**
 * Whether one more page may go out now, given the incident's `team_paged`
 * entries; when not, the time the oldest page in the window leaves it.
 * Only requests count (drills included), not PagerDuty's answers to them.
 */
export function nextPageAllowedAt(entries: readonly TimelineEntry[], now: Date): Date | null {
  const since = now.getTime() - PAGE_WINDOW_MS;
  const recent = entries
    .filter((e) => e.kind === "team_paged" && (e.payload.state === "requested" || e.payload.state === "drill"))
    .map((e) => e.occurredAt.getTime())
    .filter((at) => at > since)
    .sort((a, b) => a - b);
  if (recent.length < PAGE_LIMIT) return null;
  return new Date(recent[recent.length - PAGE_LIMIT]! + PAGE_WINDOW_MS);
}
