import { z } from "zod";
import { normalizeCauses } from "../classification.js";
import type { IncidentSource } from "../incident.js";
import type { Severity } from "../severity.js";
import { cleanName, cleanNames, cleanText, TEXT_MAX, TITLE_MAX } from "../validation.js";

/** One past incident as read from an import file, checked. */
export interface ImportedIncident {
  /** The team's own id, or the declared time and title: what makes a re-import a no-op. */
  readonly key: string;
  readonly title: string;
  readonly description: string;
  readonly severity: Severity;
  readonly declaredAt: Date;
  readonly identifiedAt: Date | null;
  readonly monitoringAt: Date | null;
  readonly resolvedAt: Date;
  readonly impactStartedAt: Date | null;
  readonly impactEndedAt: Date | null;
  readonly source: IncidentSource | null;
  readonly provider: string | null;
  readonly causes: readonly string[];
  readonly components: readonly string[];
  readonly commander: string | null;
}

const time = z.iso
  .datetime({ offset: true, message: "must be an ISO-8601 UTC time such as 2023-06-15T10:12:00Z" })
  .transform((t) => new Date(t));
const optionalTime = time.nullish().transform((t) => t ?? null);
const list = z.array(z.string().max(100, "each entry is at most 100 characters")).max(50, "at most 50 entries").default([]);

/** The documented row format (README, "Importing past incidents"); unknown fields are refused, so a typo is not lost silently. */
export const importRowSchema = z.strictObject({
  id: z.string().trim().min(1, "must not be empty").max(100, "is at most 100 characters").nullish(),
  title: z.string({ message: "is required" }).trim().min(1, "is required").max(TITLE_MAX, `is at most ${TITLE_MAX} characters`),
  description: z.string().max(TEXT_MAX, `is at most ${TEXT_MAX} characters`).nullish(),
  severity: z
    .number({ message: "must be 1, 2, 3 or 4" })
    .int("must be 1, 2, 3 or 4")
    .min(1, "must be 1, 2, 3 or 4")
    .max(4, "must be 1, 2, 3 or 4")
    .default(3),
  declaredAt: time,
  identifiedAt: optionalTime,
  monitoringAt: optionalTime,
  resolvedAt: z.iso
    .datetime({ offset: true, message: "is required (only resolved incidents are imported), as an ISO-8601 UTC time" })
    .transform((t) => new Date(t)),
  impactStartedAt: optionalTime,
  impactEndedAt: optionalTime,
  source: z.enum(["internal", "upstream"], { message: "must be internal or upstream" }).nullish(),
  provider: z.string().trim().max(100, "is at most 100 characters").nullish(),
  causes: list,
  components: list,
  commander: z
    .string()
    .regex(/^[UW][A-Z0-9]{2,}$/, "must be a Slack user id such as U012AB3CD")
    .nullish(),
});

export type ImportRow = z.output<typeof importRowSchema>;

/** The rules between fields; the first broken one as [field, message], or null. */
export function crossFieldProblem(row: ImportRow, now: Date): [string, string] | null {
  const order: Array<[keyof ImportRow, Date | null | undefined]> = [
    ["declaredAt", row.declaredAt],
    ["identifiedAt", row.identifiedAt],
    ["monitoringAt", row.monitoringAt],
    ["resolvedAt", row.resolvedAt],
  ];
  let previous: [string, Date] | null = null;
  for (const [field, at] of order) {
    if (!at) continue;
    if (previous && at.getTime() < previous[1].getTime()) return [field, `is before ${previous[0]}`];
    previous = [field, at];
  }
  if (row.resolvedAt.getTime() > now.getTime()) return ["resolvedAt", "is in the future"];
  if (row.impactEndedAt && !row.impactStartedAt) return ["impactEndedAt", "needs impactStartedAt"];
  if (row.impactStartedAt && row.impactStartedAt.getTime() > row.resolvedAt.getTime()) return ["impactStartedAt", "is after resolvedAt"];
  if (row.impactStartedAt && row.impactEndedAt && row.impactEndedAt.getTime() < row.impactStartedAt.getTime()) {
    return ["impactEndedAt", "is before impactStartedAt"];
  }
  if (row.source === "upstream" && !row.provider) return ["provider", "is required when the source is upstream"];
  if (row.source !== "upstream" && row.provider) return ["provider", "is only for an upstream source"];
  const causes = normalizeCauses(row.causes);
  if (!Array.isArray(causes)) return ["causes", causes.message];
  return null;
}

export function toImportedIncident(row: ImportRow): ImportedIncident {
  return {
    key: row.id ?? `${row.declaredAt.toISOString()} ${row.title}`,
    title: cleanName(row.title),
    description: cleanText(row.description),
    severity: row.severity as Severity,
    declaredAt: row.declaredAt,
    identifiedAt: row.identifiedAt,
    monitoringAt: row.monitoringAt,
    resolvedAt: row.resolvedAt,
    impactStartedAt: row.impactStartedAt,
    impactEndedAt: row.impactEndedAt,
    source: row.source ?? null,
    provider: cleanName(row.provider) || null,
    causes: normalizeCauses(row.causes) as string[],
    components: cleanNames(row.components),
    commander: row.commander ?? null,
  };
}
