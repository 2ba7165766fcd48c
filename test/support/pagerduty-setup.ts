import { startFakePagerduty, type FakePagerduty } from "./fake-pagerduty.js";
import { startFakeSlackDirectory, type FakeSlackDirectory } from "./fake-slack-directory.js";
import { TEST_WEBHOOK_SECRET } from "./pagerduty-webhooks.js";
import type { TestSitrep } from "./test-sitrep.js";
import { waitFor } from "./wait-for.js";

export const FROM_EMAIL = "sitrep-bot@acme.example";

/** A fake PagerDuty with the people and services the tests page and look up. */
export async function fakePagerdutyAccount(): Promise<FakePagerduty> {
  const pagerduty = await startFakePagerduty();
  for (const user of [
    { id: "PSITREP", name: "Sitrep", email: FROM_EMAIL },
    { id: "PTUXL6G", name: "Dana On-call", email: "dana@acme.example" },
    { id: "PERIN01", name: "Erin Elsewhere", email: "erin@acme.example" },
  ]) {
    pagerduty.users.set(user.id, user);
  }
  for (const service of [
    { id: "PF9KMXH", name: "Checkout API" },
    { id: "PPAYMNT", name: "Payments" },
    { id: "PPAYOUT", name: "Payments Payouts" },
  ]) {
    pagerduty.services.set(service.id, service);
  }
  return pagerduty;
}

export async function fakeSlackDirectory(): Promise<FakeSlackDirectory> {
  const slack = await startFakeSlackDirectory();
  slack.users.set("dana@acme.example", "UDANA");
  return slack;
}

/** The environment of a Sitrep wired to both fakes (Slack only when given). */
export function pagerdutyEnv(
  pagerduty: FakePagerduty,
  slack?: FakeSlackDirectory,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    PAGERDUTY_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    PAGERDUTY_API_TOKEN: pagerduty.token,
    PAGERDUTY_FROM_EMAIL: FROM_EMAIL,
    PAGERDUTY_API_URL: pagerduty.url,
    MONITORING_WINDOW: "PT0S",
    ...(slack ? { SLACK_BOT_TOKEN: slack.token, SLACK_SIGNING_SECRET: "fake-signing-secret", SLACK_API_URL: slack.apiUrl } : {}),
    ...extra,
  };
}

export interface ListedIncident {
  number: number;
  title: string;
  severity: number;
  phase: string;
  commander: string | null;
  pagerdutyIncidentId: string | null;
  pagerdutyUrl: string | null;
}

export async function incidentFor(sitrep: TestSitrep, pagerdutyIncidentId: string): Promise<ListedIncident | undefined> {
  const { body } = await sitrep.api<{ incidents: ListedIncident[] }>("GET", "/api/v1/incidents?limit=1000");
  return body.incidents.find((i) => i.pagerdutyIncidentId === pagerdutyIncidentId);
}

export const waitForIncident = (sitrep: TestSitrep, pagerdutyIncidentId: string) =>
  waitFor(`the incident of ${pagerdutyIncidentId}`, () => incidentFor(sitrep, pagerdutyIncidentId));

export interface Entry {
  kind: string;
  actor: string;
  via: string;
  summary: string;
  payload: Record<string, unknown>;
}

export async function timeline(sitrep: TestSitrep, ref: number): Promise<Entry[]> {
  const { body } = await sitrep.api<{ entries: Entry[] }>("GET", `/api/v1/incidents/${ref}/timeline`);
  return body.entries;
}

/** Every stored PagerDuty event has been processed (or set aside). */
export async function eventsSettled(sitrep: TestSitrep): Promise<boolean> {
  const rows = await sitrep.connection.sql.query<{ n: number | string }>(
    "SELECT count(*) AS n FROM pagerduty_events WHERE status = 'pending'",
  );
  return Number(rows[0]!.n) === 0;
}
