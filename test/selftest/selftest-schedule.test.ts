import { describe, expect, it } from "vitest";
import { waitFor } from "../support/wait-for.js";
import { startSelfTestRig, type SelfTestRig } from "./support.js";

/** Scheduled runs recorded so far, oldest first. */
async function scheduledRuns(rig: SelfTestRig): Promise<Array<{ ok: boolean }>> {
  return rig.sitrep.connection.sql.query<{ ok: boolean }>(`SELECT ok FROM self_test_runs WHERE trigger = 'scheduled' ORDER BY id`);
}

describe("the scheduled self-test (SELFTEST_INTERVAL)", { timeout: 120_000 }, () => {
  it("is off by default", async () => {
    const rig = await startSelfTestRig();
    try {
      const queues = await rig.sitrep.connection.sql.query(`SELECT name FROM pgboss.queue WHERE name = 'selftest'`);
      expect(queues).toEqual([]);
      expect((await rig.sitrep.api<{ selfTest: unknown }>("GET", "/api/v1/health")).body.selfTest).toBeNull();
    } finally {
      await rig.stop();
    }
  });

  it("announces a failed run once in the announce channel, through the outbox, naming the step, and logs an error", async () => {
    const rig = await startSelfTestRig({ SELFTEST_INTERVAL: "PT1S" }, { statuspageTrouble: "401" });
    try {
      const alert = await waitFor(
        "the self-test alert in the announce channel",
        () => rig.slack.ws.messagesIn(rig.announce.id).find((m) => m.text.includes("scheduled self-test")),
        { timeoutMs: 60_000 },
      );
      expect(alert.text).toContain("statuspage.page");
      expect(alert.text).toContain("401");
      // Told once while the same steps keep failing.
      await waitFor("two more failed scheduled runs", async () => (await scheduledRuns(rig)).filter((r) => !r.ok).length >= 3, {
        timeoutMs: 60_000,
      });
      await rig.sitrep.dispatcher.drain("slack");
      expect(rig.slack.ws.messagesIn(rig.announce.id).filter((m) => m.text.includes("scheduled self-test"))).toHaveLength(1);
      expect(rig.sitrep.logs.some((l) => l.level === 50 && l.msg === "scheduled self-test failed")).toBe(true);
      const health = await rig.sitrep.api<{ selfTest: { ok: boolean; trigger: string } }>("GET", "/api/v1/health");
      expect(health.body.selfTest).toMatchObject({ ok: false, trigger: "scheduled" });
      expect(await (await rig.sitrep.fetch("/metrics")).text()).toContain('sitrep_selftest_ok{trigger="scheduled"} 0');
    } finally {
      await rig.stop();
    }
  });

  it("runs again and again, silently while it passes", async () => {
    const rig = await startSelfTestRig({ SELFTEST_INTERVAL: "PT1S" });
    try {
      const runs = await waitFor("two scheduled runs", async () => ((await scheduledRuns(rig)).length >= 2 ? scheduledRuns(rig) : false), {
        timeoutMs: 60_000,
      });
      expect(runs.every((r) => r.ok)).toBe(true);
      expect(rig.slack.ws.messagesIn(rig.announce.id)).toEqual([]);
      expect(rig.statuspage.calls.every((c) => c.method === "GET")).toBe(true);
      expect(rig.pagerduty.writes()).toEqual([]);
    } finally {
      await rig.stop();
    }
  });
});
