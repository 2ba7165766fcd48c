import type { Incident } from "../incident.js";
import { customerImpactMs, isExtended, timeToDetectMs, timeToIdentifyMs, timeToResolveMs } from "../incident-times.js";
import { quantile } from "./quantile.js";

/** What a report needs of an incident. */
export type ReportIncident = Pick<
  Incident,
  | "number"
  | "private"
  | "declaredBy"
  | "commander"
  | "communications"
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

/** One incident's times, computed once (a report groups each incident several ways). */
export interface Measured {
  readonly source: keyof Omit<SourceSplit, "total">;
  readonly detectMs: number;
  readonly identifyMs: number | null;
  readonly resolveMs: number | null;
  readonly impactMs: number;
  readonly extended: boolean;
}

export function measure(incident: ReportIncident): Measured {
  return {
    source: incident.source ?? "unclassified",
    detectMs: timeToDetectMs(incident),
    identifyMs: timeToIdentifyMs(incident),
    resolveMs: timeToResolveMs(incident),
    impactMs: customerImpactMs(incident) ?? 0,
    extended: isExtended(incident),
  };
}

const MINUTE = 60_000;
const round1 = (n: number) => Math.round(n * 10) / 10;

function split(incidents: readonly Measured[], value: (i: Measured) => number): SourceSplit {
  const sums = { internal: 0, upstream: 0, unclassified: 0 };
  for (const incident of incidents) sums[incident.source] += value(incident);
  const r = { internal: round1(sums.internal), upstream: round1(sums.upstream), unclassified: round1(sums.unclassified) };
  return { ...r, total: round1(sums.internal + sums.upstream + sums.unclassified) };
}

function spread(values: ReadonlyArray<number | null>): Spread {
  const known = values.filter((v): v is number => v !== null).map((ms) => ms / MINUTE);
  const at = (p: number) => {
    const q = quantile(known, p);
    return q === null ? null : round1(q);
  };
  return { median: at(0.5), p90: at(0.9) };
}

/** The figures of seed 000 for one group of incidents (a month, a severity, a cause, the whole range). */
export function aggregate(incidents: readonly Measured[]): Aggregate {
  let resolved = 0;
  let resolveTotal = 0;
  let identifyTotal = 0;
  for (const i of incidents) {
    if (i.resolveMs === null) continue;
    resolved += 1;
    resolveTotal += i.resolveMs;
    identifyTotal += i.identifyMs ?? i.resolveMs;
  }
  return {
    incidents: incidents.length,
    resolved,
    extended: split(incidents, (i) => (i.extended ? 1 : 0)),
    impactMinutes: split(incidents, (i) => i.impactMs / MINUTE),
    timeToDetect: spread(incidents.map((i) => i.detectMs)),
    timeToIdentify: spread(incidents.map((i) => i.identifyMs)),
    timeToResolve: spread(incidents.map((i) => i.resolveMs)),
    shareBeforeIdentification: resolveTotal > 0 ? Math.round((identifyTotal / resolveTotal) * 1000) / 1000 : null,
  };
}
