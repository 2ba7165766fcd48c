import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importIncidents } from "../../src/app/import-incidents.js";
import { SitrepError } from "../../src/domain/errors.js";
import { person } from "../support/app-context.js";
import { cliAgainst, type Cli } from "../support/cli-runner.js";
import { startTestSitrep, type TestSitrep } from "../support/test-sitrep.js";

let sitrep: TestSitrep;
let cli: Cli;

beforeAll(async () => {
  sitrep = await startTestSitrep();
  cli = cliAgainst(sitrep, { SITREP_USER: "UALICE" });
});
afterAll(async () => sitrep.stop());

type ErrorBody = { error: { code: string; message: string; field?: string } };

async function postImport(body: string, contentType: string): Promise<{ status: number; body: unknown }> {
  const response = await sitrep.fetch("/api/v1/import", { method: "POST", headers: { "content-type": contentType }, body });
  return { status: response.status, body: await response.json() };
}

/** Everything an import could change: the incidents, their timelines, and the next number. */
async function snapshot(): Promise<unknown> {
  const [incidents, entries, counter] = await Promise.all([
    sitrep.connection.sql.query(`SELECT number, title, import_key FROM incidents ORDER BY id`),
    sitrep.connection.sql.query(`SELECT count(*)::int AS n FROM timeline_entries`),
    sitrep.connection.sql.query(`SELECT value FROM counters WHERE name = 'incident_number'`),
  ]);
  return { incidents, entries, counter };
}

const row = (overrides: Record<string, unknown> = {}) => ({
  id: `R-${Math.random().toString(36).slice(2)}`,
  title: "Past incident",
  declaredAt: "2023-05-01T10:00:00Z",
  resolvedAt: "2023-05-01T11:30:00Z",
  ...overrides,
});

describe("importing past incidents", () => {
  it("rejects a malformed JSON file naming each bad row and field, and changes nothing", async () => {
    const before = await snapshot();
    const file = JSON.stringify({
      incidents: [
        row(),
        row({ resolvedAt: "2023-05-01T09:00:00Z" }),
        row({ severity: 7 }),
        row({ source: "upstream" }),
        row({ resolved_at: "2023-05-01T11:00:00Z" }),
      ],
    });
    const { status, body } = await postImport(file, "application/json");
    expect(status).toBe(400);
    const { error } = body as ErrorBody;
    expect(error.code).toBe("invalid_input");
    expect(error.field).toBe("resolvedAt");
    expect(error.message).toContain("Nothing was imported.");
    expect(error.message).toContain("row 2, resolvedAt: is before declaredAt");
    expect(error.message).toContain("row 3, severity: must be 1, 2, 3 or 4");
    expect(error.message).toContain("row 4, provider: is required when the source is upstream");
    expect(error.message).toContain("row 5, resolved_at: is not a field of the import format");
    expect(await snapshot()).toEqual(before);
  });

  it("rejects a malformed CSV naming the row and its line, and unreadable CSV, changing nothing", async () => {
    const before = await snapshot();
    const csv =
      "id,title,declaredAt,resolvedAt\nA-1,Fine,2023-05-01T10:00:00Z,2023-05-01T11:00:00Z\nA-2,,2023-05-01T10:00:00Z,2023-05-01T11:00:00Z\n";
    const bad = await postImport(csv, "text/csv");
    expect(bad.status).toBe(400);
    expect((bad.body as ErrorBody).error.message).toContain("row 2 (line 3), title: is required");
    const broken = await postImport('id,title\n"A-1,unclosed\n', "text/csv");
    expect(broken.status).toBe(400);
    expect((broken.body as ErrorBody).error.message).toMatch(/^The CSV cannot be read: /);
    const twice = await postImport(JSON.stringify([row({ id: "X" }), row({ id: "X" })]), "application/json");
    expect((twice.body as ErrorBody).error.message).toContain("row 2, id: the same incident as row 1");
    expect(await snapshot()).toEqual(before);
  });

  it("the CLI imports the example file, and re-importing the same file adds nothing", async () => {
    const first = await cli("import", "examples/incidents.csv");
    expect(first).toMatchObject({ code: 0, err: "" });
    expect(first.out).toMatch(/^Imported 3 incidents \(#\d+ to #\d+\); 0 already imported\.\n$/);
    const after = await snapshot();
    const again = await cli("import", "examples/incidents.csv");
    expect(again.out).toBe("Imported 0 incidents; 3 already imported.\n");
    const sameAsJson = await cli("import", "examples/incidents.json");
    expect(sameAsJson.out).toBe("Imported 0 incidents; 3 already imported.\n");
    expect(await snapshot()).toEqual(after);
  });

  it("imported incidents are resolved history: mode imported, classified, times kept, the file named in the timeline", async () => {
    const { body } = await sitrep.api<{ incidents: Array<Record<string, unknown>> }>("GET", "/api/v1/incidents?status=all");
    const upstream = body.incidents.find((i) => i.title === "GitHub outage delays pipelines")!;
    expect(upstream).toMatchObject({
      mode: "imported",
      phase: "resolved",
      source: "upstream",
      provider: "GitHub",
      causes: ["dependency"],
      components: ["Pipelines", "GitHub checks"],
      declaredAt: "2023-06-29T14:02:00.000Z",
      impactStartedAt: "2023-06-29T13:55:00.000Z",
      resolvedAt: "2023-06-29T16:31:00.000Z",
      channelId: null,
    });
    const timeline = await sitrep.api<{ entries: Array<{ kind: string; summary: string }> }>(
      "GET",
      `/api/v1/incidents/${upstream.number}/timeline`,
    );
    expect(timeline.body.entries.map((e) => e.summary)).toEqual(["Imported from incidents.csv (id INC-2023-062)"]);
    const outbox = await sitrep.connection.sql.query(`SELECT id FROM outbox`);
    expect(outbox).toEqual([]);
  });

  it("a file that overlaps an earlier one adds only its new rows", async () => {
    const file = JSON.parse(readFileSync("examples/incidents.json", "utf8")) as { incidents: unknown[] };
    file.incidents.push(row({ id: "INC-2023-099", title: "One more" }));
    const { status, body } = await postImport(JSON.stringify(file), "application/json");
    expect(status).toBe(200);
    expect(body).toMatchObject({ imported: 1, skipped: 3 });
  });

  it("only an admin may import, and the CLI says why a file cannot be read", async () => {
    const error = await importIncidents(sitrep.app, { actor: person("UALICE"), file: { format: "json", value: [row()] } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SitrepError);
    expect((error as SitrepError).code).toBe("forbidden");
    const missing = await cli("import", "nowhere.csv");
    expect(missing).toMatchObject({ code: 1, err: "sitrep: Cannot read nowhere.csv (ENOENT).\n" });
    const wrongKind = await cli("import", "README.md");
    expect(wrongKind.err).toBe("sitrep: README.md: an import file ends in .json or .csv.\n");
  });
});
