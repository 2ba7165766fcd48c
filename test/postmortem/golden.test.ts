import { fileURLToPath } from "node:url";
import { loadRunbookLibrary } from "../../src/adapters/runbooks/runbook-library.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import type { PeopleNames } from "../../src/app/ports.js";
import { exportPostmortem } from "../../src/app/export-postmortem.js";
import { admin, appContext, TestClock } from "../support/app-context.js";
import { freshConnection } from "../support/test-database.js";
import { replaySeed003 } from "./seed-003-replay.js";

const GOLDEN = fileURLToPath(new URL("./golden/seed-003.md", import.meta.url));

/** What Slack's users.info would answer for the three responders (the Slack-backed lookup has its own test). */
const DISPLAY_NAMES: Record<string, string> = { UALICE: "Alice Moreau", UBOB: "Bob Okafor", UCAROL: "Carol Tan" };
const SLACK_NAMES: PeopleNames = { nameOf: async (id) => DISPLAY_NAMES[id] ?? null };

let ctx: AppContext;
let drop: () => Promise<void>;
const clock = new TestClock();

beforeAll(async () => {
  const fresh = await freshConnection();
  drop = fresh.drop;
  // The team's real checklist (runbooks/checklist.md), so the draft shows done and open items.
  ctx = { ...appContext(fresh.connection, { clock }), library: loadRunbookLibrary("runbooks") };
});
afterAll(async () => drop());

describe("postmortem draft (golden)", () => {
  it("the incident of seed 003, replayed at its real times, gives exactly test/postmortem/golden/seed-003.md", async () => {
    const ref = await replaySeed003(ctx, clock);
    const markdown = await exportPostmortem(ctx, admin(), ref, SLACK_NAMES);
    // `vitest -u` rewrites the file when the draft changes on purpose; review its diff.
    await expect(markdown).toMatchFileSnapshot(GOLDEN);
  });

  it("is deterministic: exported again later, the same record gives the same bytes", async () => {
    const first = await exportPostmortem(ctx, admin(), 1, SLACK_NAMES);
    clock.advance(90 * 24 * 3_600_000);
    expect(await exportPostmortem(ctx, admin(), 1, SLACK_NAMES)).toBe(first);
  });

  it("without Slack, people appear by their ids", async () => {
    const markdown = await exportPostmortem(ctx, admin(), 1);
    expect(markdown).toContain("- **Commander:** UALICE");
    expect(markdown).not.toContain("Alice Moreau");
  });
});
