import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakePagerduty } from "../support/fake-pagerduty.js";
import { fakePagerdutyAccount, pagerdutyEnv, waitForIncident } from "../support/pagerduty-setup.js";
import { envelope, incidentData, sendWebhook } from "../support/pagerduty-webhooks.js";
import { startSlackSitrep, type SlackSitrep } from "../support/slack-sitrep.js";
import { waitFor } from "../support/wait-for.js";

let pagerduty: FakePagerduty;
let s: SlackSitrep;

beforeAll(async () => {
  pagerduty = await fakePagerdutyAccount();
  const env = pagerdutyEnv(pagerduty);
  s = await startSlackSitrep(env);
}, 60_000);
afterAll(async () => {
  await s.stop();
  await pagerduty.close();
}, 60_000);

/** With Slack and PagerDuty both on, the PagerDuty incident learns the channel Slack opened for it. */
describe("PagerDuty and Slack together", () => {
  it("notes the incident's Slack channel on the PagerDuty incident once the channel is open", async () => {
    pagerduty.addIncident({ id: "PCHAN01", serviceId: "PF9KMXH", assigneeIds: ["PTUXL6G"], title: "Checkout down" });
    const answer = await sendWebhook(s.sitrep.url, envelope("incident.triggered", incidentData({ id: "PCHAN01", title: "Checkout down" })));
    expect(answer.status).toBe(202);
    const declared = await waitForIncident(s.sitrep, "PCHAN01");

    await s.deliverAll();
    const channel = s.fake.ws.channelsCreatedByBot().find((c) => c.name.startsWith(`inc-${declared.number}-`));
    expect(channel).toBeDefined();

    const notes = await waitFor("the channel note", async () => {
      await s.sitrep.dispatcher.drain("pagerduty");
      const all = pagerduty.incidents.get("PCHAN01")!.notes;
      return all.length >= 2 && all;
    });
    expect(notes[1]).toBe(
      `Sitrep incident #${declared.number} — Slack channel #${channel!.name} (https://slack.com/app_redirect?channel=${channel!.id})`,
    );
  });
});
