import type { DatasetRow } from "./dataset.js";

/**
 * The report's figures recomputed from the dataset rows in the plainest way,
 * independently of src/: minutes from ISO strings, one loop per figure.
 */
const MIN = 60_000;
const t = (s: string | undefined) => (s === undefined ? undefined : Date.parse(s));
const r1 = (n: number) => Math.round(n * 10) / 10;

export interface Expected {
  incidents: number;
  extended: { internal: number; upstream: number; unclassified: number; total: number };
  impactMinutes: { internal: number; upstream: number; unclassified: number; total: number };
  timeToDetect: { median: number | null; p90: number | null };
  timeToIdentify: { median: number | null; p90: number | null };
  timeToResolve: { median: number | null; p90: number | null };
  shareBeforeIdentification: number | null;
}

function times(row: DatasetRow) {
  const declared = t(row.declaredAt)!;
  const impact = t(row.impactStartedAt);
  const start = impact !== undefined && impact < declared ? impact : declared;
  const resolved = t(row.resolvedAt)!;
  const identified = t(row.identifiedAt) ?? t(row.monitoringAt) ?? resolved;
  const impactMinutes = impact === undefined ? 0 : ((t(row.impactEndedAt) ?? resolved) - impact) / MIN;
  return {
    detect: (declared - start) / MIN,
    identify: (identified - start) / MIN,
    resolve: (resolved - start) / MIN,
    impactMinutes,
    source: row.source ?? ("unclassified" as const),
  };
}

/** Percentile by linear interpolation between closest ranks (numpy's default). */
function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return r1(sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below));
}

export function expectedFor(rows: DatasetRow[]): Expected {
  const all = rows.map(times);
  const extended = { internal: 0, upstream: 0, unclassified: 0, total: 0 };
  const impact = { internal: 0, upstream: 0, unclassified: 0, total: 0 };
  for (const x of all) {
    if (x.resolve > 60) {
      extended[x.source] += 1;
      extended.total += 1;
    }
    impact[x.source] += x.impactMinutes;
    impact.total += x.impactMinutes;
  }
  const sumIdentify = all.reduce((s, x) => s + x.identify, 0);
  const sumResolve = all.reduce((s, x) => s + x.resolve, 0);
  const spread = (pick: (x: (typeof all)[number]) => number) => ({
    median: percentile(all.map(pick), 0.5),
    p90: percentile(all.map(pick), 0.9),
  });
  return {
    incidents: rows.length,
    extended,
    impactMinutes: {
      internal: r1(impact.internal),
      upstream: r1(impact.upstream),
      unclassified: r1(impact.unclassified),
      total: r1(impact.total),
    },
    timeToDetect: spread((x) => x.detect),
    timeToIdentify: spread((x) => x.identify),
    timeToResolve: spread((x) => x.resolve),
    shareBeforeIdentification: sumResolve > 0 ? Math.round((sumIdentify / sumResolve) * 1000) / 1000 : null,
  };
}

export const monthOfRow = (row: DatasetRow) => row.declaredAt.slice(0, 7);
