import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSitrep, type TestSitrep } from "../support/test-sitrep.js";
import { waitFor } from "../support/wait-for.js";

interface Entry {
  kind: string;
  occurredAt: string;
  payload: { dueAt?: string; level?: number };
}
interface ReminderJob {
  dueAt: string;
  level: number;
  state: string;
}

// Long enough that an update just after declaring lands well before the first
// reminder's escalation, so it finds a reminder pending (see updateNeedsReminder).
const INTERVAL_MS = 8_000;
const alice = { "x-sitrep-actor": "UALICE" };
const ms = (iso: string) => new Date(iso).getTime();

let sitrep: TestSitrep;
beforeAll(async () => {
  sitrep = await startTestSitrep({ STATUS_UPDATE_INTERVAL: "PT8S" });
});
afterAll(async () => sitrep.stop());

async function declare(title: string): Promise<{ number: number; nextUpdateDueAt: string }> {
  const { body } = await sitrep.api<{ incident: { number: number; nextUpdateDueAt: string } }>(
    "POST",
    "/api/v1/incidents",
    { title },
    alice,
  );
  return body.incident;
}

async function reminders(ref: number): Promise<Entry[]> {
  const { body } = await sitrep.api<{ entries: Entry[] }>("GET", `/api/v1/incidents/${ref}/timeline`);
  return body.entries.filter((e) => e.kind === "reminder_sent");
}

/** The update-reminder jobs of one incident, pending or done, oldest first. */
async function reminderJobs(ref: number): Promise<ReminderJob[]> {
  return sitrep.connection.sql.query<ReminderJob>(
    `SELECT j.data->>'dueAt' AS "dueAt", (j.data->>'level')::int AS level, j.state::text AS state
     FROM (SELECT data, state, created_on FROM pgboss.job WHERE name = 'update-reminder'
           UNION ALL SELECT data, state, created_on FROM pgboss.archive WHERE name = 'update-reminder') j
     JOIN incidents i ON i.id = (j.data->>'incidentId')::int
     WHERE i.number = $1 ORDER BY j.created_on`,
    [ref],
  );
}

describe("update reminders carried from one due time to the next", { timeout: 60_000 }, () => {
  it("an update sets no reminder of its own while one is pending; that one re-arms for the new due time", async () => {
    const incident = await declare("Updates move the clock");
    const { body } = await sitrep.api<{ incident: { nextUpdateDueAt: string } }>(
      "POST",
      `/api/v1/incidents/${incident.number}/updates`,
      { text: "Looking into it." },
      alice,
    );
    const newDue = body.incident.nextUpdateDueAt;
    expect(ms(newDue)).toBeGreaterThan(ms(incident.nextUpdateDueAt));
    // The update wrote no job: the declaration's reminder is the only one.
    expect(await reminderJobs(incident.number)).toEqual([{ dueAt: incident.nextUpdateDueAt, level: 1, state: "created" }]);

    const [first, ...others] = await waitFor(
      "the reminder for the new due time",
      async () => {
        const sent = await reminders(incident.number);
        return sent.length > 0 ? sent : undefined;
      },
      { timeoutMs: 20_000 },
    );
    expect(others).toEqual([]);
    expect(first!.payload).toMatchObject({ level: 1, dueAt: newDue });
    expect(ms(first!.occurredAt)).toBeGreaterThanOrEqual(ms(newDue));
    expect(ms(first!.occurredAt) - ms(newDue)).toBeLessThan(2_500);
    // The declaration's reminder fired at the old due time and re-armed; the reminder then set its escalation.
    const jobs = await reminderJobs(incident.number);
    expect(jobs.map(({ dueAt, level }) => ({ dueAt, level }))).toEqual([
      { dueAt: incident.nextUpdateDueAt, level: 1 },
      { dueAt: newDue, level: 1 },
      { dueAt: newDue, level: 2 },
    ]);
    expect(jobs.slice(0, 2).map((j) => j.state)).toEqual(["completed", "completed"]);
  });

  it("a reminder whose job was lost goes out anyway, at most one interval late, and its escalation after it", async () => {
    const incident = await declare("The job engine lost a reminder");
    const deleted = await sitrep.connection.sql.query(
      `DELETE FROM pgboss.job j USING incidents i
       WHERE j.name = 'update-reminder' AND i.id = (j.data->>'incidentId')::int AND i.number = $1 RETURNING j.id`,
      [incident.number],
    );
    expect(deleted).toHaveLength(1);
    const due = ms(incident.nextUpdateDueAt);

    const sent = await waitFor(
      "the reminder and its escalation",
      async () => {
        const found = await reminders(incident.number);
        return found.length >= 2 ? found : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect(sent.map((e) => e.payload)).toEqual([
      expect.objectContaining({ level: 1, dueAt: incident.nextUpdateDueAt }),
      expect.objectContaining({ level: 2, dueAt: incident.nextUpdateDueAt }),
    ]);
    // Found lost once a whole interval late (checked every half interval), not before.
    const late = ms(sent[0]!.occurredAt) - due;
    expect(late).toBeGreaterThanOrEqual(INTERVAL_MS);
    expect(late).toBeLessThan(INTERVAL_MS * 1.5 + 3_000);
    expect(
      sitrep.logs.some(
        (l) => l.msg === "update reminders overdue and unsent (a lost job, or downtime); scheduled again" && l.reminders === 1,
      ),
    ).toBe(true);
  });
});
