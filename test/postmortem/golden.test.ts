import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadRunbookLibrary } from "../../src/adapters/runbooks/runbook-library.js";
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
  // The shipped runbooks folder, as Sitrep runs with by default: its checklist is part of the draft.
  const library = loadRunbookLibrary(fileURLToPath(new URL("../../runbooks", import.meta.url)));
  ctx = { ...appContext(fresh.connection, { clock }), library };
});
afterAll(async () => drop());

describe("postmortem draft (golden)", () => {
  it("the incident of seed 003, replayed at its real times, gives exactly test/postmortem/golden/seed-003.md", async () => {
    const ref = await replaySeed003(ctx, clock);
    // Without Slack, as the API answers in test/postmortem/delivery.test.ts: people by their ids.
    const markdown = await exportPostmortem(ctx, admin(), ref);
    // `vitest -u` rewrites the file when the draft changes on purpose; review its diff.
    await expect(markdown).toMatchFileSnapshot(GOLDEN);
  });

  it("is deterministic: exported again later, the same record gives the same bytes", async () => {
    const first = await exportPostmortem(ctx, admin(), 1, SLACK_NAMES);
    clock.advance(90 * 24 * 3_600_000);
    expect(await exportPostmortem(ctx, admin(), 1, SLACK_NAMES)).toBe(first);
  });

  it("with Slack's names, the same draft names people by them wherever it named their ids", async () => {
    const withIds = await exportPostmortem(ctx, admin(), 1);
    const named = await exportPostmortem(ctx, admin(), 1, SLACK_NAMES);
    expect(named).toContain("- **Commander:** Alice Moreau");
    expect(named).toContain("| Alert on attach\\_workspace failures | Carol Tan | open |");
    expect(named).not.toMatch(/\bU(ALICE|BOB|CAROL)\b/);
    const byName = Object.entries(DISPLAY_NAMES).reduce((text, [id, name]) => text.replace(new RegExp(`\\b${id}\\b`, "g"), name), withIds);
    expect(named).toBe(byName);
  });
});
