import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UPDATE_REMINDER } from "../../src/app/timers/plan-timers.js";
import { envelope, incidentData, sendWebhook, TEST_WEBHOOK_SECRET } from "../support/pagerduty-webhooks.js";
import { startSlackSitrep, type SlackSitrep } from "../support/slack-sitrep.js";
import { waitFor } from "../support/wait-for.js";

const ALICE = "U0ALICE01";

let s: SlackSitrep;
beforeAll(async () => {
  s = await startSlackSitrep({ LOG_LEVEL: "debug", PAGERDUTY_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET, STATUS_UPDATE_INTERVAL: "PT1S" });
}, 120_000);
afterAll(async () => s?.stop());

/** Declares through Slack and delivers, so the incident has its channel. */
async function declare(text: string): Promise<{ number: number; channel: string }> {
  const reply = await s.slack.command(ALICE, s.general.id, `declare ${text}`);
  const number = Number(/#(\d+)/.exec(String(reply.json?.text))![1]);
  await s.deliverAll();
  const { body } = await s.sitrep.api<{ incident: { channelId: string } }>("GET", `/api/v1/incidents/${number}`);
  return { number, channel: body.incident.channelId };
}

async function scrape(): Promise<string> {
  const response = await fetch(`${s.sitrep.url}/metrics`);
  expect(response.status).toBe(200);
  return response.text();
}

/** The `_count` of one histogram series, or 0 when the series is not there. */
function histogramCount(text: string, name: string, labels: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${name}_count{${labels}}`));
  return line ? Number(line.split(" ").at(-1)) : 0;
}

const logsNamed = (msg: string) => s.sitrep.logs.filter((l) => l.msg === msg);

describe("operability: /metrics and incident-numbered logs", { timeout: 90_000 }, () => {
  it("after a command, a webhook and a reminder, /metrics has their latency histograms", async () => {
    const { number, channel } = await declare("Checkout is slow");
    expect((await s.slack.command(ALICE, channel, "note the cache hit rate dropped at 14:02")).status).toBe(200);
    const answer = await sendWebhook(s.sitrep.url, envelope("incident.triggered", incidentData({ id: "POBSRV1" })));
    expect(answer.status).toBe(202);
    const verification = await s.slack.event(JSON.stringify({ token: "t", challenge: "c0ffee", type: "url_verification" }));
    expect(verification.json).toEqual({ challenge: "c0ffee" });
    await waitFor("the first update reminder", async () => (await s.timelineKinds(number)).includes("reminder_sent"), {
      timeoutMs: 20_000,
    });

    const text = await scrape();
    expect(histogramCount(text, "sitrep_slack_command_ack_seconds", 'subcommand="declare"')).toBeGreaterThanOrEqual(1);
    expect(histogramCount(text, "sitrep_slack_command_ack_seconds", 'subcommand="note"')).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/sitrep_slack_command_ack_seconds_bucket\{le="0.05",subcommand="note"\} \d/);
    expect(histogramCount(text, "sitrep_webhook_duration_seconds", 'source="pagerduty",kind="event"')).toBeGreaterThanOrEqual(1);
    expect(histogramCount(text, "sitrep_webhook_duration_seconds", 'source="slack",kind="event"')).toBeGreaterThanOrEqual(1);
    expect(histogramCount(text, "sitrep_timer_lateness_seconds", `timer="${UPDATE_REMINDER}"`)).toBeGreaterThanOrEqual(1);
    // The figures read from the database and the process's own are on the same page.
    expect(text).toMatch(/sitrep_incidents\{phase="investigating"\} [1-9]/);
    expect(text).toContain('sitrep_outbox_pending{upstream="slack"}');
    expect(text).toContain('sitrep_breaker_state{upstream="slack",state="closed"} 1');
    expect(text).toMatch(/process_resident_memory_bytes \d+/);
    // Free text never becomes a label.
    expect(text).not.toContain("cache hit rate");
  });

  it("a command with free text for a subcommand is counted as unknown, not by its text", async () => {
    expect((await s.slack.command(ALICE, s.general.id, "launch-the-rockets now")).status).toBe(200);
    const text = await scrape();
    expect(histogramCount(text, "sitrep_slack_command_ack_seconds", 'subcommand="unknown"')).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain("launch-the-rockets");
  });

  it("every line logged while handling an incident's command, delivery, timer or webhook names the incident", async () => {
    const { number, channel } = await declare("Payments failing");
    // The next message fails once: its retry warning must name the incident too.
    s.fake.failNext("chat.postMessage", { kind: "http", status: 500 });
    expect((await s.slack.command(ALICE, channel, "update Card declines are spiking; we are looking.")).status).toBe(200);
    await s.deliverAll();
    await waitFor("a reminder for the second incident", async () => (await s.timelineKinds(number)).includes("reminder_sent"), {
      timeoutMs: 20_000,
    });
    await waitFor("the PagerDuty event processed", () => logsNamed("pagerduty event processed").length >= 1);

    const retried = logsNamed("outbox delivery will be retried");
    expect(retried.length).toBeGreaterThanOrEqual(1);
    expect(retried.at(-1)).toMatchObject({ incident: number, kind: expect.any(String) });
    // Every outbox message of this run belongs to an incident, so every delivery line names one.
    const loose = await s.sitrep.connection.sql.query<{ n: string | number }>(`SELECT count(*) AS n FROM outbox WHERE incident_id IS NULL`);
    expect(Number(loose[0]!.n)).toBe(0);
    const delivered = logsNamed("outbox message delivered");
    expect(delivered.length).toBeGreaterThan(0);
    for (const line of delivered) expect(line.incident, JSON.stringify(line)).toEqual(expect.any(Number));
    expect(delivered.some((l) => l.incident === number)).toBe(true);

    const answered = logsNamed("slack command answered").filter((l) => l.subcommand === "update");
    expect(answered.length).toBeGreaterThanOrEqual(1);
    expect(answered.at(-1)).toMatchObject({ incident: number });

    const timers = logsNamed("timer ran");
    expect(timers.some((l) => l.job === UPDATE_REMINDER && l.incident === number)).toBe(true);
    for (const line of timers) expect(line.incident, JSON.stringify(line)).toEqual(expect.any(Number));

    const { body } = await s.sitrep.api<{ incidents: Array<{ number: number; title: string }> }>("GET", "/api/v1/incidents");
    const fromPagerduty = body.incidents.find((i) => i.title.includes("checkout-api 5xx"))!;
    expect(logsNamed("pagerduty event processed")).toContainEqual(expect.objectContaining({ incident: fromPagerduty.number }));

    // Work about no incident is not given one.
    expect(s.sitrep.logs.find((l) => l.msg === "sitrep listening")).not.toHaveProperty("incident");
  });
});
