import { afterAll, describe, expect, it } from "vitest";
import { freshDatabase } from "../support/test-database.js";
import { startTestSitrep } from "../support/test-sitrep.js";

/** The same database under a new Sitrep: a restart loses nothing. */
const database = await freshDatabase();
afterAll(async () => database.drop());

describe("restart", () => {
  it("keeps every incident and timeline entry across a restart, and numbering continues", async () => {
    const first = await startTestSitrep({}, { database });
    const declared = await first.api<{ incident: { number: number } }>("POST", "/api/v1/incidents", {
      title: "Survives restarts",
      severity: 2,
    });
    await first.api("POST", `/api/v1/incidents/${declared.body.incident.number}/notes`, { text: "Before the restart." });
    await first.close();

    const second = await startTestSitrep({}, { database });
    const timeline = await second.api<{ entries: Array<{ kind: string }> }>(
      "GET",
      `/api/v1/incidents/${declared.body.incident.number}/timeline`,
    );
    expect(timeline.body.entries.map((e) => e.kind)).toEqual(["incident_declared", "runbook_suggested", "note_added"]);
    const next = await second.api<{ incident: { number: number } }>("POST", "/api/v1/incidents", { title: "After the restart" });
    expect(next.body.incident.number).toBe(declared.body.incident.number + 1);
    await second.close();
  });
});
