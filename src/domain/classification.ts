import { invalidInput, SitrepError } from "./errors.js";
import type { IncidentSource } from "./incident.js";
import { cleanName } from "./validation.js";

export interface Classification {
  readonly source: IncidentSource;
  /** Only for an upstream source. */
  readonly provider: string | null;
  readonly causes: readonly string[];
}

export interface ClassificationRequest {
  readonly source: string;
  readonly provider?: string | null;
  /** When omitted the current causes are kept. */
  readonly causes?: readonly string[];
}

/** Cause categories are short lowercase words, so the report can group by them. */
const CAUSE = /^[a-z0-9][a-z0-9 _-]{0,39}$/;
export const MAX_CAUSES = 10;

/** Suggested categories (free-form ones are accepted too); the README lists them. */
export const SUGGESTED_CAUSES = ["deploy", "config", "capacity", "dependency", "infrastructure", "data", "security", "testing"] as const;

/**
 * Decides the classification of seed 000: internal, or upstream with its
 * provider, plus cause categories (trimmed, lowercased, de-duplicated).
 */
export function decideClassification(request: ClassificationRequest, currentCauses: readonly string[]): Classification | SitrepError {
  if (request.source !== "internal" && request.source !== "upstream") {
    return invalidInput("source", "source must be internal or upstream.");
  }
  const provider = cleanName(request.provider) || null;
  if (request.source === "upstream" && provider === null) {
    return invalidInput("provider", "An upstream source needs its provider, for example: upstream AWS.");
  }
  const causes = normalizeCauses(request.causes ?? currentCauses);
  if (causes instanceof SitrepError) return causes;
  return { source: request.source, provider: request.source === "upstream" ? provider : null, causes };
}

export function normalizeCauses(raw: readonly string[]): string[] | SitrepError {
  const causes = [...new Set(raw.map((c) => cleanName(c).toLowerCase()).filter(Boolean))];
  if (causes.length > MAX_CAUSES) return invalidInput("causes", `At most ${MAX_CAUSES} cause categories.`);
  const bad = causes.find((c) => !CAUSE.test(c));
  if (bad !== undefined) {
    return invalidInput("causes", `"${bad}" is not a cause category: use a short word such as ${SUGGESTED_CAUSES.slice(0, 3).join(", ")}.`);
  }
  return causes;
}
