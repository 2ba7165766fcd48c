import { invalidInput, type SitrepError } from "../errors.js";

/** A closed range of UTC months, "2023-06" to "2024-02". */
export interface MonthRange {
  readonly from: string;
  readonly to: string;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const MAX_REPORT_MONTHS = 120;

const index = (month: string): number => {
  const [, year, m] = MONTH.exec(month)!;
  return Number(year) * 12 + Number(m) - 1;
};
const fromIndex = (i: number): string => `${String(Math.floor(i / 12)).padStart(4, "0")}-${String((i % 12) + 1).padStart(2, "0")}`;

export function parseMonthRange(from: string, to: string): MonthRange | SitrepError {
  if (!MONTH.test(from)) return invalidInput("from", `from must be a month such as 2023-06 (got "${from}").`);
  if (!MONTH.test(to)) return invalidInput("to", `to must be a month such as 2024-02 (got "${to}").`);
  const count = index(to) - index(from) + 1;
  if (count < 1) return invalidInput("to", `to (${to}) is before from (${from}).`);
  if (count > MAX_REPORT_MONTHS) return invalidInput("to", `A report covers at most ${MAX_REPORT_MONTHS} months.`);
  return { from, to };
}

export function monthsOf(range: MonthRange): string[] {
  const months: string[] = [];
  for (let i = index(range.from); i <= index(range.to); i++) months.push(fromIndex(i));
  return months;
}

/** The UTC month a time falls in ("2023-06"); without toISOString, which a report calls per incident. */
export function monthOf(date: Date): string {
  return fromIndex(date.getUTCFullYear() * 12 + date.getUTCMonth());
}

/** The first instant of the month, and of the month after the range: [start, end). */
export function rangeBounds(range: MonthRange): { start: Date; end: Date } {
  const at = (i: number) => new Date(Date.UTC(Math.floor(i / 12), i % 12, 1));
  return { start: at(index(range.from)), end: at(index(range.to) + 1) };
}

/** The `count` months up to and including `to` (a month, or the month of a time). */
export function lastMonths(to: Date | string, count: number): MonthRange {
  const last = typeof to === "string" ? to : monthOf(to);
  if (!MONTH.test(last)) return { from: last, to: last };
  return { from: fromIndex(index(last) - count + 1), to: last };
}
