import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envelope, incidentData, sendWebhook, TEST_WEBHOOK_SECRET } from "../support/pagerduty-webhooks.js";
import { startSlackSitrep, type SlackSitrep } from "../support/slack-sitrep.js";

/**
 * PagerDuty drops a delivery answered 4xx and disables the subscription after
 * three: a webhook secret rotated at PagerDuty but not in Sitrep would cut
 * Sitrep off silently. The first refused signature from a subscription that
 * used to sign correctly is said loudly; repeats are counted, not re-announced;
 * both secrets, comma-separated, let a rotation through with no gap.
 */
const NEW_SECRET = "the-rotated-webhook-secret-0123";
const SUBSCRIPTION = "PSUB0001";

let s: SlackSitrep;
beforeAll(async () => {
  s = await startSlackSitrep({ PAGERDUTY_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET });
}, 120_000);
afterAll(async () => s?.stop());

let eventNumber = 0;
const send = (secrets: string[], subscription = SUBSCRIPTION) =>
  sendWebhook(s.sitrep.url, envelope("incident.triggered", incidentData({ id: `Q0ROT${(eventNumber += 1)}` })), {
    secrets,
    headers: { "x-webhook-subscription": subscription },
  });

const announcements = () => s.fake.ws.messagesIn(s.announce.id).map((m) => String(m.text));
const readyz = async () => (await fetch(`${s.sitrep.url}/readyz`)).json() as Promise<Record<string, unknown>>;

describe("a PagerDuty webhook secret rotated on one side only", { timeout: 60_000 }, () => {
  it("is announced on the first refused signature, counted after, and cleared by a valid one", async () => {
    expect((await send([TEST_WEBHOOK_SECRET])).status).toBe(202);
    expect(await readyz()).toMatchObject({ status: "ready" });

    for (let i = 0; i < 3; i += 1) expect((await send([NEW_SECRET])).status).toBe(401);
    await s.deliverAll();

    const told = announcements().filter((t) => t.includes(`subscription ${SUBSCRIPTION} is failing`));
    expect(told, "announced once, not per delivery").toHaveLength(1);
    expect(told[0]).toContain("PAGERDUTY_WEBHOOK_SECRET");
    const loud = s.sitrep.logs.filter((l) => l.level === 50 && l.subscription === SUBSCRIPTION);
    expect(loud, "one error log").toHaveLength(1);
    expect(String(loud[0]!.msg)).toContain("PAGERDUTY_WEBHOOK_SECRET");
    expect(s.sitrep.logs.filter((l) => l.level === 40 && l.subscription === SUBSCRIPTION && l.failures === 3)).toHaveLength(1);

    const metrics = await (await s.sitrep.fetch("/metrics")).text();
    expect(metrics).toContain(`sitrep_pagerduty_webhook_signature_failures{subscription="${SUBSCRIPTION}"} 3`);
    const degraded = await readyz();
    expect(degraded).toMatchObject({ status: "degraded", upstreams: { "pagerduty-webhooks": "degraded" } });
    expect(JSON.stringify(degraded.problems)).toContain(SUBSCRIPTION);

    // A subscription Sitrep never had a valid event from (anyone can send the header) is not announced.
    expect((await send([NEW_SECRET], "PFORGED1")).status).toBe(401);
    await s.deliverAll();
    expect(announcements().some((t) => t.includes("PFORGED1"))).toBe(false);

    // PagerDuty signs with both secrets during a rotation; a valid event clears the alarm.
    expect((await send([NEW_SECRET, TEST_WEBHOOK_SECRET])).status).toBe(202);
    await s.deliverAll();
    expect(announcements().filter((t) => t.includes(`${SUBSCRIPTION} is signing correctly again`))).toHaveLength(1);
    expect(await readyz()).toMatchObject({ status: "ready" });
    expect(await (await s.sitrep.fetch("/metrics")).text()).not.toContain("sitrep_pagerduty_webhook_signature_failures{");
  });
});

describe("PAGERDUTY_WEBHOOK_SECRET with two secrets", () => {
  it("accepts events signed with either, so a rotation has no gap", async () => {
    const both = await startSlackSitrep({ PAGERDUTY_WEBHOOK_SECRET: `${TEST_WEBHOOK_SECRET},${NEW_SECRET}` });
    try {
      for (const secret of [TEST_WEBHOOK_SECRET, NEW_SECRET]) {
        const answer = await sendWebhook(both.sitrep.url, envelope("incident.triggered", incidentData({ id: `Q0BOTH${secret.length}` })), {
          secrets: [secret],
        });
        expect(answer.status).toBe(202);
      }
      expect(
        (await sendWebhook(both.sitrep.url, envelope("incident.triggered", incidentData({ id: "Q0NONE" })), { secrets: ["nope"] })).status,
      ).toBe(401);
    } finally {
      await both.stop();
    }
  });
});
