import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addFollowUp } from "../../src/app/add-follow-up.js";
import { addNote } from "../../src/app/add-note.js";
import { assignRole } from "../../src/app/assign-role.js";
import { changePhase } from "../../src/app/change-phase.js";
import type { AppContext } from "../../src/app/context.js";
import { declareIncident } from "../../src/app/declare-incident.js";
import { outbox, type EffectPlanner } from "../../src/app/effects.js";
import { handOff } from "../../src/app/hand-off.js";
import { getTimeline } from "../../src/app/incident-queries.js";
import { postStatusUpdate } from "../../src/app/post-status-update.js";
import { retryFailedDeliveries } from "../../src/app/retry-failed-deliveries.js";
import { publishIncident } from "../../src/app/publish-incident.js";
import { recordStatuspageOutcome } from "../../src/app/record-statuspage-outcome.js";
import { setImpact } from "../../src/app/set-impact.js";
import { setSeverity } from "../../src/app/set-severity.js";
import { setSource } from "../../src/app/set-source.js";
import { statuspagePlanner } from "../../src/adapters/statuspage/planner.js";
import type { Connection } from "../../src/db/connection.js";
import { SitrepError } from "../../src/domain/errors.js";
import { admin, appContext, person, TestClock } from "../support/app-context.js";
import { freshConnection } from "../support/test-database.js";

/** A planner standing for any integration: one outbox message per timeline entry. */
const echoPlanner: EffectPlanner = (change) =>
  change.entries.map((e) =>
    outbox({
      upstream: "slack",
      kind: "test.entry",
      payload: { entry: e.id, kind: e.kind },
      orderingKey: `slack:${change.after.id}`,
      incidentId: change.after.id,
    }),
  );

let connection: Connection;
let drop: () => Promise<void>;
let ctx: AppContext;
const clock = new TestClock();
const alice = person("UALICE");
const bob = person("UBOB");
const carol = person("UCAROL");

async function outboxKinds(incidentId: number): Promise<string[]> {
  const rows = await connection.sql.query<{ payload: { kind: string } }>(`SELECT payload FROM outbox WHERE incident_id = $1 ORDER BY id`, [
    incidentId,
  ]);
  return rows.map((r) => r.payload.kind);
}

async function kinds(ref: number): Promise<string[]> {
  return (await getTimeline(ctx, admin(), ref)).entries.map((e) => e.kind);
}

async function rejects(promise: Promise<unknown>, code: string): Promise<SitrepError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(SitrepError);
  expect((error as SitrepError).code).toBe(code);
  return error as SitrepError;
}

beforeAll(async () => {
  ({ connection, drop } = await freshConnection());
  ctx = appContext(connection, { clock, planners: [echoPlanner] });
});
afterAll(async () => drop());

describe("use cases", () => {
  it("declaring gives the next number, makes the declarer commander, and records both with their side effects", async () => {
    const { incident, entries } = await declareIncident(ctx, { actor: alice, title: "  S3 outage in us-east-1 ", severity: 1 });
    expect(incident).toMatchObject({ title: "S3 outage in us-east-1", severity: 1, phase: "investigating", commander: "UALICE" });
    expect(entries.map((e) => e.kind)).toEqual(["incident_declared", "role_assigned"]);
    expect(await outboxKinds(incident.id)).toEqual(["incident_declared", "role_assigned"]);
    expect(incident.nextUpdateDueAt?.getTime()).toBe(clock.now().getTime() + 20 * 60_000);
  });

  it("walks an incident through every phase with updates, and the timeline keeps every step", async () => {
    const { incident } = await declareIncident(ctx, { actor: alice, title: "Checkout errors", severity: 2 });
    const ref = incident.number;
    await assignRole(ctx, { actor: alice, ref, role: "communications", user: "UBOB" });
    clock.advance(60_000);
    const update = await postStatusUpdate(ctx, { actor: bob, ref, text: "We are investigating elevated errors." });
    expect(update.incident.lastUpdateAt).toEqual(clock.now());
    await changePhase(ctx, { actor: alice, ref, to: "identified", text: "A bad deploy; rolling back." });
    await changePhase(ctx, { actor: bob, ref, to: "monitoring", text: "Rolled back; watching." });
    clock.advance(31 * 60_000);
    const resolved = await changePhase(ctx, { actor: alice, ref, to: "resolved", text: "Back to normal." });
    expect(resolved.incident).toMatchObject({ phase: "resolved", nextUpdateDueAt: null });
    expect(resolved.incident.resolvedAt).toEqual(clock.now());
    expect(await kinds(ref)).toEqual([
      "incident_declared",
      "role_assigned",
      "role_assigned",
      "status_update_posted",
      "phase_changed",
      "phase_changed",
      "phase_changed",
    ]);
    const { entries } = await getTimeline(ctx, admin(), ref);
    expect(entries.at(-1)!.payload).toMatchObject({ from: "monitoring", to: "resolved", forced: false });
  });

  it("a forbidden transition changes nothing: no entry, no outbox message, same phase", async () => {
    const { incident } = await declareIncident(ctx, { actor: alice, title: "Queue backlog" });
    const before = await outboxKinds(incident.id);
    await rejects(changePhase(ctx, { actor: carol, ref: incident.number, to: "identified" }), "forbidden");
    await changePhase(ctx, { actor: alice, ref: incident.number, to: "monitoring" });
    await rejects(changePhase(ctx, { actor: alice, ref: incident.number, to: "resolved" }), "conflict");
    const after = await getTimeline(ctx, admin(), incident.number);
    expect(after.incident.phase).toBe("monitoring");
    expect(after.entries.map((e) => e.kind)).toEqual(["incident_declared", "role_assigned", "phase_changed"]);
    expect(await outboxKinds(incident.id)).toEqual([...before, "phase_changed"]);
  });

  it("resolving early with force is recorded as forced", async () => {
    const { incident } = await declareIncident(ctx, { actor: alice, title: "Forced" });
    await changePhase(ctx, { actor: alice, ref: incident.number, to: "monitoring" });
    const result = await changePhase(ctx, { actor: alice, ref: incident.number, to: "resolved", force: true });
    expect(result.entries[0]!.payload).toMatchObject({ forced: true });
  });

  it("roles: anyone takes a vacant role; a held one needs a lead; handoff moves the commander with notes", async () => {
    const { incident } = await declareIncident(ctx, { actor: admin("UOPS"), title: "Vacant roles", commander: null });
    const ref = incident.number;
    await assignRole(ctx, { actor: carol, ref, role: "communications", user: "UCAROL" });
    await rejects(assignRole(ctx, { actor: bob, ref, role: "communications", user: "UBOB" }), "forbidden");
    await assignRole(ctx, { actor: bob, ref, role: "commander", user: "UBOB" });
    await rejects(assignRole(ctx, { actor: bob, ref, role: "commander", user: "UBOB" }), "conflict");
    const handed = await handOff(ctx, { actor: bob, ref, to: "UDAN", notes: "DB failover done; watch replication lag." });
    expect(handed.incident.commander).toBe("UDAN");
    expect(handed.entries[0]!.payload).toEqual({
      role: "commander",
      from: "UBOB",
      to: "UDAN",
      notes: "DB failover done; watch replication lag.",
    });
    const history = await ctx.db.read.roles.history(incident.id);
    expect(history.map((h) => [h.role, h.userId, h.endedAt === null])).toEqual([
      ["communications", "UCAROL", true],
      ["commander", "UBOB", false],
      ["commander", "UDAN", true],
    ]);
  });

  it("severity, notes, follow-ups, publishing, source and impact each land in the timeline", async () => {
    const { incident } = await declareIncident(ctx, { actor: alice, title: "Everything else", components: ["API", "API", " Web "] });
    const ref = incident.number;
    expect(incident.components).toEqual(["API", "Web"]);
    await setSeverity(ctx, { actor: alice, ref, severity: 1 });
    await rejects(setSeverity(ctx, { actor: alice, ref, severity: 1 }), "conflict");
    await rejects(setSeverity(ctx, { actor: alice, ref, severity: 7 }), "invalid_input");
    await addNote(ctx, { actor: carol, ref, text: "Saw 502s from the LB first." });
    await addFollowUp(ctx, { actor: carol, ref, text: "Alert on attach_workspace failures", owner: "UBOB" });
    const published = await publishIncident(ctx, { actor: alice, ref, components: ["Checkout"] });
    expect(published.incident).toMatchObject({ public: true, components: ["API", "Web", "Checkout"] });
    await rejects(publishIncident(ctx, { actor: alice, ref }), "conflict");
    await rejects(setSource(ctx, { actor: alice, ref, source: "upstream" }), "invalid_input");
    const sourced = await setSource(ctx, { actor: alice, ref, source: "upstream", provider: "AWS", causes: ["Provider", "provider"] });
    expect(sourced.incident).toMatchObject({ source: "upstream", provider: "AWS", causes: ["provider"] });
    const start = new Date(clock.now().getTime() - 3_600_000);
    await rejects(setImpact(ctx, { actor: alice, ref, start, end: new Date(start.getTime() - 1) }), "invalid_input");
    const impact = await setImpact(ctx, { actor: alice, ref, start, end: null });
    expect(impact.incident.impactStartedAt).toEqual(start);
    expect(await kinds(ref)).toEqual([
      "incident_declared",
      "role_assigned",
      "severity_changed",
      "note_added",
      "follow_up_added",
      "incident_published",
      "source_set",
      "impact_set",
    ]);
  });

  it("a private incident cannot be published and is invisible to outsiders", async () => {
    const { incident } = await declareIncident(ctx, { actor: alice, title: "Leaked key", private: true });
    await rejects(publishIncident(ctx, { actor: alice, ref: incident.number }), "conflict");
    await rejects(addNote(ctx, { actor: carol, ref: incident.number, text: "hello?" }), "not_found");
    await rejects(declareIncident(ctx, { actor: alice, title: "both", private: true, public: true }), "invalid_input");
  });

  it("an unknown incident is not found and changes nothing", async () => {
    await rejects(addNote(ctx, { actor: alice, ref: 99_999, text: "where?" }), "not_found");
  });

  it("the same idempotency key twice does the work once", async () => {
    const first = await declareIncident(ctx, { actor: alice, title: "Once", idempotencyKey: "k-1" });
    const second = await declareIncident(ctx, { actor: alice, title: "Once", idempotencyKey: "k-1" });
    expect(second).toMatchObject({ replayed: true, entries: [] });
    expect(second.incident.number).toBe(first.incident.number);
    const notes = await Promise.all(
      Array.from({ length: 5 }, () => addNote(ctx, { actor: alice, ref: first.incident.number, text: "dup", idempotencyKey: "n-1" })),
    );
    expect(notes.filter((n) => !n.replayed)).toHaveLength(1);
    // A replayed change answers with the incident it named (stored with the claim, by number).
    expect(notes.map((n) => n.incident.number)).toEqual(Array(5).fill(first.incident.number));
    expect((await kinds(first.incident.number)).filter((k) => k === "note_added")).toHaveLength(1);
  });

  it("50 concurrent declarations get 50 distinct, consecutive numbers", async () => {
    const before = (await ctx.db.read.incidents.list({ limit: 1 }))[0]?.number ?? 0;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => declareIncident(ctx, { actor: person(`UC${i}`), title: `Concurrent ${i}` })),
    );
    const numbers = results.map((r) => r.incident.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => before + 1 + i));
  });

  it("a failure inside the transaction leaves no incident, no entry and no outbox row behind", async () => {
    const failing: EffectPlanner = () => {
      throw new Error("planner exploded");
    };
    const broken: AppContext = { ...ctx, planners: [echoPlanner, failing] };
    const count = async () => (await connection.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM incidents`))[0]!.n;
    const outboxCount = async () => (await connection.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox`))[0]!.n;
    const [incidentsBefore, outboxBefore] = [await count(), await outboxCount()];
    await expect(declareIncident(broken, { actor: alice, title: "Doomed" })).rejects.toThrow("planner exploded");
    expect(await count()).toBe(incidentsBefore);
    expect(await outboxCount()).toBe(outboxBefore);
    const next = await declareIncident(ctx, { actor: alice, title: "After the failure" });
    expect(next.incident.number).toBe(incidentsBefore + 1);
  });

  it("the timeline is append-only in the database itself", async () => {
    await expect(connection.sql.query(`UPDATE timeline_entries SET actor = 'x'`)).rejects.toThrow(/append-only/);
    await expect(connection.sql.query(`DELETE FROM timeline_entries`)).rejects.toThrow(/append-only/);
  });
});

describe("the status-page state", () => {
  const withStatuspage = () => appContext(connection, { clock, planners: [statuspagePlanner({ notifySubscribers: false })] });
  const stored = async (incidentId: number) => ({
    incident: (await ctx.db.read.incidents.findById(incidentId))!.statuspageState,
    updates: (await ctx.db.read.updates.list(incidentId)).map((u) => u.statuspage),
  });

  it("is pending from the moment a push is enqueued, for the incident and the update it carries, in the answer and the database", async () => {
    const pages = withStatuspage();
    const { incident } = await declareIncident(pages, { actor: alice, title: "Login errors", severity: 2 });
    expect(incident.statuspageState).toBe("none");
    const published = await publishIncident(pages, { actor: alice, ref: incident.number });
    expect(published.incident.statuspageState).toBe("pending");
    const [push] = await connection.sql.query<{ id: string }>(`SELECT id FROM outbox WHERE incident_id = $1 AND upstream = 'statuspage'`, [
      incident.id,
    ]);
    await recordStatuspageOutcome(pages, { incidentId: incident.id, outboxId: Number(push!.id), updateId: null, outcome: "published" });
    expect(await stored(incident.id)).toEqual({ incident: "published", updates: [] });

    const updated = await postStatusUpdate(pages, { actor: alice, ref: incident.number, text: "Logins fail for some customers." });
    expect(updated.incident.statuspageState).toBe("pending");
    expect(await stored(incident.id)).toEqual({ incident: "pending", updates: ["pending"] });
  });

  it("is pending again when an operator retries a push that failed, and the retried update with it", async () => {
    const pages = withStatuspage();
    const { incident } = await declareIncident(pages, { actor: alice, title: "Payment errors", severity: 2, public: true });
    await postStatusUpdate(pages, { actor: alice, ref: incident.number, text: "Payments fail for some cards." });
    const update = await pages.db.read.updates.latest(incident.id);
    const pushes = await connection.sql.query<{ id: string }>(`SELECT id FROM outbox WHERE incident_id = $1 AND upstream = 'statuspage'`, [
      incident.id,
    ]);
    // Both pushes given up on, as the dispatcher does when retrying cannot help.
    await connection.sql.query(`UPDATE outbox SET status = 'dead' WHERE incident_id = $1`, [incident.id]);
    for (const [i, push] of pushes.entries()) {
      await recordStatuspageOutcome(pages, {
        incidentId: incident.id,
        outboxId: Number(push.id),
        updateId: i === 1 ? update!.id : null,
        outcome: "failed",
        detail: "HTTP 422",
      });
    }
    expect(await stored(incident.id)).toEqual({ incident: "failed", updates: ["failed"] });

    const retried = await retryFailedDeliveries(pages, admin(), { ids: pushes.map((p) => Number(p.id)) });
    expect(retried).toEqual(pushes.map((p) => Number(p.id)));
    expect(await stored(incident.id)).toEqual({ incident: "pending", updates: ["pending"] });
  });

  it("stays as it was when nothing goes to the status page", async () => {
    const { incident } = await declareIncident(withStatuspage(), { actor: alice, title: "Internal build failures", severity: 3 });
    const updated = await postStatusUpdate(withStatuspage(), { actor: alice, ref: incident.number, text: "CI is red." });
    expect(updated.incident.statuspageState).toBe("none");
    expect(await stored(incident.id)).toEqual({ incident: "none", updates: ["none"] });
  });
});
