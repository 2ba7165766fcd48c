import { describe, expect, it } from "vitest";
import { SitrepError } from "../../src/domain/errors.js";
import { parseImportFile } from "../../src/domain/incident-import/import-file.js";
import type { ImportedIncident } from "../../src/domain/incident-import/import-row.js";

const NOW = new Date("2024-03-01T00:00:00Z");
const base = { title: "T", declaredAt: "2023-05-01T10:00:00Z", resolvedAt: "2023-05-01T11:00:00Z" };

describe("import file", () => {
  it("reads CSV: lists split on ';', empty cells absent, a key from time and title when there is no id", () => {
    const csv =
      "title,declaredAt,resolvedAt,causes,components,severity\nQueue, stuck,2023-05-01T10:00:00Z,2023-05-01T11:00:00Z,Deploy; config,API;;Web,2\n";
    const bad = parseImportFile({ format: "csv", text: csv }, NOW);
    expect(bad).toBeInstanceOf(SitrepError);
    const good = parseImportFile({ format: "csv", text: csv.replace("Queue, stuck", '"Queue, stuck"') }, NOW) as ImportedIncident[];
    expect(good).toHaveLength(1);
    expect(good[0]).toMatchObject({
      key: "2023-05-01T10:00:00.000Z Queue, stuck",
      title: "Queue, stuck",
      causes: ["deploy", "config"],
      components: ["API", "Web"],
      severity: 2,
      identifiedAt: null,
      source: null,
    });
  });

  it("refuses times out of order, in the future, and a provider without an upstream source", () => {
    const problems = (row: Record<string, unknown>) =>
      (parseImportFile({ format: "json", value: [{ ...base, ...row }] }, NOW) as SitrepError).message;
    expect(problems({ identifiedAt: "2023-05-01T09:00:00Z" })).toContain("row 1, identifiedAt: is before declaredAt");
    expect(problems({ monitoringAt: "2023-05-01T12:00:00Z" })).toContain("row 1, resolvedAt: is before monitoringAt");
    expect(problems({ resolvedAt: "2025-01-01T00:00:00Z" })).toContain("row 1, resolvedAt: is in the future");
    expect(problems({ provider: "AWS" })).toContain("row 1, provider: is only for an upstream source");
    expect(problems({ impactEndedAt: "2023-05-01T10:30:00Z" })).toContain("row 1, impactEndedAt: needs impactStartedAt");
    expect(problems({ declaredAt: "yesterday" })).toContain("row 1, declaredAt: must be an ISO-8601 UTC time");
    expect(problems({ causes: ["not/a cause"] })).toContain('row 1, causes: "not/a cause" is not a cause category');
  });

  it("names at most five problems, and refuses an empty file or the wrong shape", () => {
    const many = Array.from({ length: 9 }, () => ({ ...base, severity: 0 }));
    const error = parseImportFile({ format: "json", value: { incidents: many } }, NOW) as SitrepError;
    expect(error.message.match(/row \d+, severity/g)).toHaveLength(5);
    expect((parseImportFile({ format: "json", value: [] }, NOW) as SitrepError).message).toBe("The file has no incidents.");
    expect((parseImportFile({ format: "json", value: { rows: [] } }, NOW) as SitrepError).field).toBe("incidents");
    expect((parseImportFile({ format: "json", value: ["a string"] }, NOW) as SitrepError).message).toContain("row 1, row:");
  });
});
