import { Duration } from "luxon";
import type { Incident } from "./incident.js";

/** Parses an ISO-8601 duration such as PT20M; null when it is not one. */
export function parseIsoDuration(text: string): number | null {
  const duration = Duration.fromISO(text);
  if (!duration.isValid) return null;
  const ms = duration.as("milliseconds");
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

/**
 * The plan's cadence: an update is due one interval after the last status
 * update (or the declaration); a resolved incident owes none.
 */
export function nextUpdateDue(incident: Pick<Incident, "phase" | "lastUpdateAt" | "declaredAt">, intervalMs: number): Date | null {
  if (incident.phase === "resolved") return null;
  const from = incident.lastUpdateAt ?? incident.declaredAt;
  return new Date(from.getTime() + intervalMs);
}

/** A public incident report is owed when customers were hurt for an hour or more (seed 000/003). */
export const PUBLIC_REPORT_THRESHOLD_MS = 60 * 60_000;
/** Seed 000 counts incidents over 60 minutes as "extended". */
export const EXTENDED_INCIDENT_MS = 60 * 60_000;
