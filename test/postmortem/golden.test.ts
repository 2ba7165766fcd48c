import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadRunbookLibrary } from "../../src/adapters/runbooks/runbook-library.js";
import type { AppContext } from "../../src/app/context.js";
import { exportPostmortem } from "../../src/app/export-postmortem.js";
import { admin, appContext, TestClock } from "../support/app-context.js";
import { freshConnection } from "../support/test-database.js";
import { replaySeed003 } from "./seed-003-replay.js";

const GOLDEN = new URL("./golden/seed-003.md", import.meta.url);

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
    const markdown = await exportPostmortem(ctx, admin(), ref);
    expect(markdown).toBe(readFileSync(GOLDEN, "utf8"));
  });

  it("is deterministic: exported again later, the same record gives the same bytes", async () => {
    const first = await exportPostmortem(ctx, admin(), 1);
    clock.advance(90 * 24 * 3_600_000);
    expect(await exportPostmortem(ctx, admin(), 1)).toBe(first);
  });
});
