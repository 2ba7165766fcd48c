import type { Incident } from "../incident.js";
import { customerImpactMs, isExtended, timeToDetectMs, timeToIdentifyMs, timeToResolveMs } from "../incident-times.js";
import { quantile } from "./quantile.js";

/** What a report needs of an incident. */
export type ReportIncident = Pick<
  Incident,
  | "number"
  | "severity"
  | "mode"
  | "source"
  | "causes"
  | "declaredAt"
  | "identifiedAt"
  | "monitoringAt"
  | "resolvedAt"
  | "impactStartedAt"
  | "impactEndedAt"
>;

/** Split by where the cause was (seed 000); "unclassified" until someone sets the source. */
export interface SourceSplit {
  readonly internal: number;
  readonly upstream: number;
  readonly unclassified: number;
  readonly total: number;
}

/** Minutes. */
export interface Spread {
  readonly median: number | null;
  readonly p90: number | null;
}

export interface Aggregate {
  readonly incidents: number;
  readonly resolved: number;
  /** Resolved incidents that lasted over 60 minutes. */
  readonly extended: SourceSplit;
  readonly impactMinutes: SourceSplit;
  readonly timeToDetect: Spread;
  readonly timeToIdentify: Spread;
  readonly timeToResolve: Spread;
  /** Of all resolved incident time, the share (0..1) spent before the cause was identified. */
  readonly shareBeforeIdentification: number | null;
}

const MINUTE = 60_000;
const round1 = (n: number) => Math.round(n * 10) / 10;
const minutes = (ms: number) => ms / MINUTE;
const sourceOf = (i: ReportIncident): keyof Omit<SourceSplit, "total"> => i.source ?? "unclassified";

function split(incidents: readonly ReportIncident[], value: (i: ReportIncident) => number): SourceSplit {
  const sums = { internal: 0, upstream: 0, unclassified: 0 };
  for (const incident of incidents) sums[sourceOf(incident)] += value(incident);
  const r = { internal: round1(sums.internal), upstream: round1(sums.upstream), unclassified: round1(sums.unclassified) };
  return { ...r, total: round1(sums.internal + sums.upstream + sums.unclassified) };
}

function spread(values: ReadonlyArray<number | null>): Spread {
  const known = values.filter((v): v is number => v !== null).map(minutes);
  const at = (p: number) => {
    const q = quantile(known, p);
    return q === null ? null : round1(q);
  };
  return { median: at(0.5), p90: at(0.9) };
}

/** The figures of seed 000 for one group of incidents (a month, a severity, a cause, the whole range). */
export function aggregate(incidents: readonly ReportIncident[]): Aggregate {
  const resolved = incidents.filter((i) => i.resolvedAt !== null);
  const resolveTotal = resolved.reduce((sum, i) => sum + timeToResolveMs(i)!, 0);
  const identifyTotal = resolved.reduce((sum, i) => sum + timeToIdentifyMs(i)!, 0);
  return {
    incidents: incidents.length,
    resolved: resolved.length,
    extended: split(incidents, (i) => (isExtended(i) ? 1 : 0)),
    impactMinutes: split(incidents, (i) => minutes(customerImpactMs(i) ?? 0)),
    timeToDetect: spread(incidents.map(timeToDetectMs)),
    timeToIdentify: spread(incidents.map(timeToIdentifyMs)),
    timeToResolve: spread(incidents.map(timeToResolveMs)),
    shareBeforeIdentification: resolveTotal > 0 ? Math.round((identifyTotal / resolveTotal) * 1000) / 1000 : null,
  };
}
