import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../support/app-context.js";
import { cliAgainst, type Cli } from "../support/cli-runner.js";
import { startTestSitrep, type TestSitrep } from "../support/test-sitrep.js";

let sitrep: TestSitrep;
let cli: Cli;

beforeAll(async () => {
  sitrep = await startTestSitrep({}, { clock: new TestClock(new Date("2024-03-10T12:00:00Z")) });
  cli = cliAgainst(sitrep);
  expect((await cli("import", "examples/incidents.json")).code).toBe(0);
});
afterAll(async () => sitrep.stop());

const get = (path: string, headers: Record<string, string> = {}) => sitrep.fetch(path, { headers });

type Report = { report: { from: string; to: string; months: Array<{ month: string; incidents: number }>; total: { incidents: number } } };

describe("GET /reports/reliability and sitrep report", () => {
  it("answers HTML with inline SVG charts by default, JSON for Accept: application/json, markdown for ?format=md", async () => {
    const html = await get("/reports/reliability?from=2023-06&to=2024-02");
    expect(html.status).toBe(200);
    expect(html.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const page = await html.text();
    expect(page).toMatch(/^<!doctype html>/);
    expect(page.match(/<svg /g)).toHaveLength(2);

    const json = await get("/reports/reliability?from=2023-06&to=2024-02", { accept: "application/json" });
    expect(json.headers.get("content-type")).toMatch(/^application\/json/);
    const { report } = (await json.json()) as Report;
    expect(report).toMatchObject({ from: "2023-06", to: "2024-02", total: { incidents: 3 } });
    expect(report.months.slice(0, 2)).toMatchObject([
      { month: "2023-06", incidents: 2 },
      { month: "2023-07", incidents: 1 },
    ]);

    const markdown = await get("/reports/reliability?from=2023-06&to=2024-02&format=md");
    expect(markdown.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    const text = await markdown.text();
    expect(text).toMatch(/^# Reliability report: Jun 2023 to Feb 2024\n/);
    expect(text.match(/<svg /g)).toHaveLength(2);
  });

  it("defaults to the last 12 months and refuses bad months, naming the parameter", async () => {
    const { report } = (await (await get("/reports/reliability", { accept: "application/json" })).json()) as Report;
    expect([report.from, report.to]).toEqual(["2023-04", "2024-03"]);
    for (const [query, field] of [
      ["from=2023-13&to=2024-02", "from"],
      ["from=2024-02&to=2023-06", "to"],
      ["from=2023-06&to=2024-02&format=pdf", "format"],
    ]) {
      const response = await get(`/reports/reliability?${query}`);
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { error: { field: string } }).error.field).toBe(field);
    }
  });

  it("needs the API token", async () => {
    expect((await fetch(`${sitrep.url}/reports/reliability`)).status).toBe(401);
  });

  it("the CLI prints the same report in each format", async () => {
    const query = "from=2023-06&to=2024-02";
    const html = await cli("report", "--from", "2023-06", "--to", "2024-02");
    expect(html.out).toBe(await (await get(`/reports/reliability?${query}`)).text());
    const md = await cli("report", "--from", "2023-06", "--to", "2024-02", "--format", "md");
    expect(md.out).toBe(await (await get(`/reports/reliability?${query}&format=md`)).text());
    const json = await cli("report", "--from", "2023-06", "--to", "2024-02", "--format", "json");
    expect(JSON.parse(json.out)).toEqual(await (await get(`/reports/reliability?${query}`, { accept: "application/json" })).json());
    expect((await cli("report", "--format", "pdf")).code).toBe(2);
    expect((await cli("report", "--from", "June")).err).toBe('sitrep: from must be a month such as 2023-06 (got "June").\n');
  });
});
