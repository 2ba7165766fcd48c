/** Severity 1 is the worst. Each level has a one-line meaning shown wherever it is chosen. */
export const SEVERITIES = [1, 2, 3, 4] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_MEANINGS: Record<Severity, string> = {
  1: "Critical: the product is down or data is at risk for many customers",
  2: "Major: a core feature is broken or badly degraded for many customers",
  3: "Minor: a feature is degraded, or a few customers are affected",
  4: "Low: no visible customer impact yet, but it needs a response",
};

export function isSeverity(value: unknown): value is Severity {
  return typeof value === "number" && (SEVERITIES as readonly number[]).includes(value);
}

export function severityLabel(severity: Severity): string {
  return `SEV${severity}`;
}
