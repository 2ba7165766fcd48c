import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/adapters/cli/main.js";
import { overrideBreaker } from "../../src/app/override-breaker.js";
import type { BreakerBoard } from "../../src/app/ports/breakers.js";
import { person } from "../support/app-context.js";
import { FakeStatuspage } from "../support/fake-statuspage.js";
import { startTestSitrep, TEST_API_TOKEN, type TestSitrep } from "../support/test-sitrep.js";
import { waitFor } from "../support/wait-for.js";

let fake: FakeStatuspage;
let sitrep: TestSitrep;

beforeAll(async () => {
  fake = await new FakeStatuspage().start();
  sitrep = await startTestSitrep(fake.env());
}, 120_000);
afterAll(async () => {
  await sitrep?.stop();
  await fake?.close();
}, 60_000);

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const env = { SITREP_URL: sitrep.url, SITREP_TOKEN: TEST_API_TOKEN, SITREP_USER: "UALICE" };
  const code = await runCli(argv, env, { stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
  return { code, out, err };
}

const metrics = async () => {
  const response = await fetch(`${sitrep.url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/plain");
  return response.text();
};

describe("breakers, health and metrics", { timeout: 60_000 }, () => {
  it("an operator holds the status page back by hand, sees it in `sitrep health` and /metrics, and lets it go", async () => {
    expect(await metrics()).toContain('sitrep_breaker_state{upstream="statuspage",state="closed"} 1');
    const opened = await cli("breaker", "open", "statuspage");
    expect(opened).toMatchObject({ code: 0, err: "" });
    expect(opened.out).toContain("statuspage breaker: open (manual override)");

    const declared = await sitrep.api<{ incident: { number: number } }>("POST", "/api/v1/incidents", {
      title: "Queue backlog",
      public: true,
    });
    const ref = declared.body.incident.number;
    const health = await cli("health");
    expect(health.code).toBe(0);
    expect(health.out).toMatch(/statuspage\s+open \(manual\)\s+1\s/);
    expect(health.out).toMatch(/slack\s+closed\s+0\s/);
    const scraped = await metrics();
    expect(scraped).toContain('sitrep_breaker_state{upstream="statuspage",state="open"} 1');
    expect(scraped).toContain('sitrep_breaker_mode{upstream="statuspage",mode="open"} 1');
    expect(scraped).toContain('sitrep_outbox_pending{upstream="statuspage"} 1');
    expect(scraped).toMatch(/sitrep_outbox_oldest_pending_age_seconds\{upstream="statuspage"\} \d/);
    expect(scraped).toMatch(/sitrep_incidents\{phase="investigating"\} [1-9]/);
    expect(scraped).not.toContain("Queue backlog");

    expect((await cli("breaker", "auto", "statuspage")).out).toContain("statuspage breaker: closed (auto)");
    await waitFor("the held push to land", async () => {
      const { body } = await sitrep.api<{ incident: { statuspageState: string } }>("GET", `/api/v1/incidents/${ref}`);
      return body.incident.statuspageState === "published";
    });
    const json = JSON.parse((await cli("--json", "health")).out) as { outbox: Array<{ upstream: string; pending: number }> };
    expect(json.outbox.find((o) => o.upstream === "statuspage")!.pending).toBe(0);
  });

  it("rejects a bad override with a clear answer and changes nothing", async () => {
    const badUpstream = await sitrep.api<{ error: { field: string } }>("POST", "/api/v1/breakers/nope", { mode: "open" });
    expect(badUpstream.status).toBe(400);
    expect(badUpstream.body.error.field).toBe("upstream");
    const badMode = await sitrep.api<{ error: { field: string } }>("POST", "/api/v1/breakers/slack", { mode: "sideways" });
    expect(badMode.status).toBe(400);
    expect(badMode.body.error.field).toBe("mode");
    const cliBad = await cli("breaker", "open", "twitter");
    expect(cliBad.code).not.toBe(0);
    expect(cliBad.err).toContain("upstream must be one of statuspage, slack, pagerduty");
    expect((await fetch(`${sitrep.url}/api/v1/health`)).status).toBe(401);
    // A Slack user who is not an admin (the API token always is one).
    const board: BreakerBoard = {
      list: () => Promise.reject(new Error("not needed")),
      setMode: () => Promise.reject(new Error("a refused override must not reach the breakers")),
    };
    const refused = await overrideBreaker(board, { actor: person("UBOB"), upstream: "slack", mode: "open" }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "forbidden" });
    const { body } = await sitrep.api<{ breakers: Array<{ upstream: string; state: string; mode: string }> }>("GET", "/api/v1/breakers");
    expect(body.breakers.map((b) => [b.upstream, b.state, b.mode])).toEqual([
      ["statuspage", "closed", "auto"],
      ["slack", "closed", "auto"],
      ["pagerduty", "closed", "auto"],
    ]);
  });
});
