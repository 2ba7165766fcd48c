import { DateTime } from "luxon";

/** Fixed zone and locale: postmortems and reports read the same on every machine. */
const utc = (date: Date) => DateTime.fromJSDate(date, { zone: "utc" }).setLocale("en-US");

/** "Apr 29, 2022 - 12:45 UTC", as the status page shows its updates (seed 003). */
export function statusPageTime(date: Date): string {
  return utc(date).toFormat("LLL dd, yyyy - HH:mm 'UTC'");
}

/** "2022-04-29 12:45" (UTC implied by the section it is in). From the ISO string: a timeline has thousands. */
export function utcMinute(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** "2022-04-29 12:45:07": the timeline's resolution, so the order of close events reads right. */
export function utcSecond(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** "2022-04-29". */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** "Jun 2023" for a "2023-06" month key. */
export function monthLabel(month: string): string {
  return DateTime.fromFormat(month, "yyyy-LL", { zone: "utc" }).setLocale("en-US").toFormat("LLL yyyy");
}
