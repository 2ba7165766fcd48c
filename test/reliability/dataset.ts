/**
 * A fixed, deterministic dataset: about two years of incidents (2022-03 to
 * 2024-02) in the import format, from a seeded PRNG (mulberry32), with whole
 * minutes so every figure can be recomputed by hand.
 */
export interface DatasetRow {
  id: string;
  title: string;
  severity: number;
  declaredAt: string;
  identifiedAt?: string;
  monitoringAt?: string;
  resolvedAt: string;
  impactStartedAt?: string;
  impactEndedAt?: string;
  source?: "internal" | "upstream";
  provider?: string;
  causes: string[];
  components: string[];
}

export const DATASET_FROM = "2022-03";
export const DATASET_TO = "2024-02";
const CAUSES = ["deploy", "config", "capacity", "dependency"];
const PROVIDERS = ["GitHub", "AWS", "GCP"];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

export function reliabilityDataset(seed = 20240223): DatasetRow[] {
  const random = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const minute = 60_000;
  const rows: DatasetRow[] = [];
  for (let m = 0; m < 24; m++) {
    const year = 2022 + Math.floor((m + 2) / 12);
    const month = (m + 2) % 12;
    const count = int(2, 9);
    for (let k = 0; k < count; k++) {
      const declared = Date.UTC(year, month, int(1, 28), int(0, 23), int(0, 59));
      const detect = random() < 0.35 ? 0 : int(1, 150);
      // Most incidents are short; about one in three runs long (seed 000's "extended").
      const long = random() < 0.35;
      const identified = declared + (long ? int(30, 240) : int(3, 30)) * minute;
      const monitoring = identified + int(2, long ? 60 : 15) * minute;
      const resolved = monitoring + int(5, long ? 90 : 20) * minute;
      const sourceRoll = random();
      const source = sourceRoll < 0.55 ? "internal" : sourceRoll < 0.85 ? "upstream" : undefined;
      const causes = CAUSES.filter(() => random() < 0.3);
      const row: DatasetRow = {
        id: `INC-${rows.length + 1000}`,
        title: `Past incident ${rows.length + 1}`,
        severity: int(1, 4),
        declaredAt: iso(declared),
        resolvedAt: iso(resolved),
        causes,
        components: random() < 0.5 ? ["API"] : ["Builds", "Web"],
      };
      if (random() < 0.85) row.identifiedAt = iso(identified);
      if (random() < 0.8) row.monitoringAt = iso(monitoring);
      if (random() < 0.75) {
        row.impactStartedAt = iso(declared - detect * minute);
        if (random() < 0.8) row.impactEndedAt = iso(monitoring + int(0, 20) * minute);
      }
      if (source) row.source = source;
      if (source === "upstream") row.provider = PROVIDERS[int(0, PROVIDERS.length - 1)]!;
      rows.push(row);
    }
  }
  return rows;
}
