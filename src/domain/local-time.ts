import { DateTime } from "luxon";

/**
 * A time as someone typed it: ISO 8601 ("2026-04-29T09:53", "2026-04-29T09:53Z",
 * "…+02:00") or SQL-like ("2026-04-29 09:53"). An explicit offset or Z wins;
 * without one the time is read in `zone` (the typist's own), so "09:53" means
 * their 09:53. Null when it is not a time or the zone is unknown.
 */
export function readTime(text: string, zone: string): Date | null {
  for (const parse of [DateTime.fromISO, DateTime.fromSQL]) {
    const time = parse(text, { zone });
    if (time.isValid) return time.toJSDate();
  }
  return null;
}

/** "2026-04-29 09:53 UTC (11:53 Europe/Paris)": UTC for the record, and the reader's own time beside it. */
export function utcAndLocal(date: Date, zone: string | null): string {
  const utc = DateTime.fromJSDate(date, { zone: "utc" });
  const text = `${utc.toFormat("yyyy-LL-dd HH:mm")} UTC`;
  if (zone === null) return text;
  const local = utc.setZone(zone);
  if (!local.isValid || local.offset === 0) return text;
  const sameDay = local.toFormat("yyyy-LL-dd") === utc.toFormat("yyyy-LL-dd");
  return `${text} (${local.toFormat(sameDay ? "HH:mm" : "yyyy-LL-dd HH:mm")} ${zone})`;
}
