import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../support/app-context.js";
import { cliAgainst, type Cli } from "../support/cli-runner.js";
import { startTestSitrep, type TestSitrep } from "../support/test-sitrep.js";
import { replaySeed003 } from "./seed-003-replay.js";

let sitrep: TestSitrep;
let cli: Cli;
let ref: number;
const clock = new TestClock();

beforeAll(async () => {
  sitrep = await startTestSitrep({}, { clock });
  cli = cliAgainst(sitrep, { SITREP_USER: "UALICE" });
  ref = await replaySeed003(sitrep.app, clock);
});
afterAll(async () => sitrep.stop());

const get = (path: string, headers: Record<string, string> = {}) => sitrep.fetch(path, { headers });

describe("postmortem delivery", () => {
  it("GET /api/v1/incidents/{ref}/postmortem and `sitrep postmortem` give the same bytes: the golden draft", async () => {
    const response = await get(`/api/v1/incidents/${ref}/postmortem`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    const bytes = Buffer.from(await response.arrayBuffer());
    const printed = await cli("postmortem", String(ref));
    expect(printed).toMatchObject({ code: 0, err: "" });
    expect(Buffer.from(printed.out, "utf8").equals(bytes)).toBe(true);
    expect(bytes.toString("utf8")).toBe(readFileSync(new URL("./golden/seed-003.md", import.meta.url), "utf8"));
  });

  it("answers 401 without a token and 404 for an unknown incident; the CLI prints one line", async () => {
    expect((await fetch(`${sitrep.url}/api/v1/incidents/${ref}/postmortem`)).status).toBe(401);
    const missing = await get("/api/v1/incidents/999/postmortem");
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("not_found");
    expect(await cli("postmortem", "999")).toMatchObject({ code: 1, out: "", err: "sitrep: There is no incident #999.\n" });
  });

  it("follow-ups from several incidents: listed by `followups --open`, closed by `sitrep done`, shown in the postmortem", async () => {
    clock.set(new Date("2022-06-01T08:00:00Z"));
    const declared = await cli("declare", "Second incident");
    const second = /#(\d+)/.exec(declared.out)![1]!;
    expect((await cli("followup", second, "Add a canary for the workspace service", "--owner", "UBOB")).code).toBe(0);
    const open = await cli("followups", "--open");
    expect(open.out).toContain("Alert on attach_workspace failures");
    expect(open.out).toContain("Add a canary for the workspace service");
    expect(open.out).not.toContain("Add a test for the GCS to S3 fallback");
    expect(open.out).toMatch(new RegExp(`#${ref}\\s+1\\s+Alert on attach_workspace failures`));
    expect(open.out).toMatch(new RegExp(`#${second}\\s+4\\s+Add a canary`));

    clock.set(new Date("2022-06-03T08:00:00Z"));
    expect(await cli("done", "1")).toMatchObject({ code: 0, out: `Follow-up 1 of #${ref} done: Alert on attach_workspace failures\n` });
    expect((await cli("done", "1")).err).toBe("sitrep: Follow-up 1 is already done.\n");
    expect((await cli("done", "77")).err).toBe("sitrep: There is no follow-up 77.\n");
    expect((await cli("done", "x")).code).toBe(2);
    const stillOpen = await cli("followups", "--open");
    expect(stillOpen.out).not.toContain("Alert on attach_workspace failures");
    expect(stillOpen.out).toContain("Add a canary for the workspace service");

    const draft = (await cli("postmortem", String(ref))).out;
    expect(draft).toContain("| 1 | Alert on attach\\_workspace failures | UCAROL | done 2022-06-03 |");
    expect(draft).toContain("| 2022-06-03 08:00:00 | UALICE | Follow-up done: Alert on attach\\_workspace failures |");
    const secondDraft = (await cli("postmortem", second)).out;
    expect(secondDraft).toContain("| 4 | Add a canary for the workspace service | UBOB | open |");
  });

  it("POST /api/v1/followups/{id}/done answers the follow-up, and 400 for a bad id", async () => {
    const done = await sitrep.api<{ followUp: { id: number; done: boolean; doneAt: string }; incident: number }>(
      "POST",
      "/api/v1/followups/3/done",
    );
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ incident: ref, followUp: { id: 3, done: true, doneAt: "2022-06-03T08:00:00.000Z" } });
    const bad = await sitrep.api<{ error: { field: string } }>("POST", "/api/v1/followups/abc/done");
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe("id");
  });

  it("causes and source can be given when resolving, through the API and the CLI", async () => {
    const { out } = await cli("declare", "Upstream trouble");
    const n = /#(\d+)/.exec(out)![1]!;
    const resolved = await cli(
      "resolve",
      n,
      "Recovered",
      "--source",
      "upstream",
      "--provider",
      "GitHub",
      "--cause",
      "Dependency",
      "webhooks",
    );
    expect(resolved.code).toBe(0);
    const shown = await sitrep.api<{ incident: Record<string, unknown> }>("GET", `/api/v1/incidents/${n}`);
    expect(shown.body.incident).toMatchObject({
      phase: "resolved",
      source: "upstream",
      provider: "GitHub",
      causes: ["dependency", "webhooks"],
    });
    const { body } = await sitrep.api<{ entries: Array<{ kind: string; via: string }> }>("GET", `/api/v1/incidents/${n}/timeline`);
    const byPeople = body.entries.filter((e) => e.via !== "system");
    expect(byPeople.slice(-2).map((e) => e.kind)).toEqual(["phase_changed", "source_set"]);

    const other = await sitrep.api<{ incident: { number: number } }>(
      "POST",
      "/api/v1/incidents",
      { title: "Bad classification" },
      { "x-sitrep-actor": "UALICE" },
    );
    const number = other.body.incident.number;
    const before = await sitrep.api<{ entries: unknown[] }>("GET", `/api/v1/incidents/${number}/timeline`);
    const refused = await sitrep.api<{ error: { field: string } }>(
      "POST",
      `/api/v1/incidents/${number}/phase`,
      { phase: "resolved", source: "upstream", causes: ["dependency"] },
      { "x-sitrep-actor": "UALICE" },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.field).toBe("provider");
    const causesOnly = await sitrep.api<{ error: { field: string } }>(
      "POST",
      `/api/v1/incidents/${number}/phase`,
      { phase: "resolved", causes: ["deploy"] },
      { "x-sitrep-actor": "UALICE" },
    );
    expect(causesOnly.body.error.field).toBe("source");
    const after = await sitrep.api<{ entries: unknown[]; incident: number }>("GET", `/api/v1/incidents/${number}/timeline`);
    expect(after.body.entries).toEqual(before.body.entries);
  });
});
