import { DateTime } from "luxon";
import type { ComponentStatus } from "../../../domain/component-status.js";
import { PHASE_LABELS } from "../../../domain/phase.js";
import type { PublicUpdate } from "../../../domain/public-updates.js";

/** "Apr 29, 2022 - 12:16 UTC", as Statuspage shows it; the status page is always in UTC. */
export function postedAt(date: Date): string {
  return DateTime.fromJSDate(date, { zone: "utc" }).setLocale("en-US").toFormat("LLL dd, yyyy - HH:mm 'UTC'");
}

/** "Apr 29, 2022", for history headings. */
export function day(date: Date): string {
  return DateTime.fromJSDate(date, { zone: "utc" }).setLocale("en-US").toFormat("LLL dd, yyyy");
}

/** "Identified — <text> — Posted Apr 29, 2022 - 12:16 UTC" */
export function updateLine(update: PublicUpdate): string {
  return `${PHASE_LABELS[update.status]} — ${update.body} — Posted ${postedAt(update.at)}`;
}

/** "Machine Jobs and Windows Jobs" */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

export const STATUS_BANNERS: Record<ComponentStatus, string> = {
  operational: "All systems operational",
  under_maintenance: "Maintenance in progress",
  degraded_performance: "Some systems are degraded",
  partial_outage: "Partial outage",
  major_outage: "Major outage",
};
