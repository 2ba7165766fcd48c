import { TestClock } from "./app-context.js";
import { FakeSlack } from "./fake-slack.js";
import type { FakeChannel } from "./fake-slack-state.js";
import { SIGNING_SECRET, SlackDriver } from "./slack-driver.js";
import { startTestSitrep, type TestSitrep } from "./test-sitrep.js";

export const ADMIN = "U0ADMIN01";

export interface SlackSitrep {
  readonly sitrep: TestSitrep;
  readonly fake: FakeSlack;
  readonly slack: SlackDriver;
  readonly clock: TestClock;
  /** Where people type /incident declare. */
  readonly general: FakeChannel;
  /** INCIDENT_ANNOUNCE_CHANNEL. */
  readonly announce: FakeChannel;
  /** Delivers the Slack outbox with the real dispatcher until it is empty, moving the clock past retry delays. */
  deliverAll(): Promise<void>;
  outboxCount(status: "pending" | "dead"): Promise<number>;
  timelineKinds(number: number): Promise<string[]>;
  stop(): Promise<void>;
}

/**
 * Sitrep with Slack configured against a fake Slack. The dispatcher's own loop
 * is stopped so tests deliver explicitly (deliverAll) and see a settled state.
 */
export async function startSlackSitrep(env: Record<string, string> = {}, clock = new TestClock(new Date())): Promise<SlackSitrep> {
  const fake = await new FakeSlack().start();
  const general = fake.ws.addChannel({ name: "general" });
  const announce = fake.ws.addChannel({ name: "incidents", members: [fake.ws.botUserId] });
  const sitrep = await startTestSitrep(
    {
      SLACK_BOT_TOKEN: fake.token,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      INCIDENT_ANNOUNCE_CHANNEL: announce.id,
      SLACK_ADMIN_USERS: ADMIN,
      ...env,
    },
    { clock },
  );
  await sitrep.dispatcher.stop();
  const slack = new SlackDriver(`${sitrep.url}/slack/events`, fake);
  const outboxCount = async (status: "pending" | "dead") => {
    const rows = await sitrep.connection.sql.query<{ n: string | number }>(
      `SELECT count(*) AS n FROM outbox WHERE upstream = 'slack' AND status = $1`,
      [status],
    );
    return Number(rows[0]!.n);
  };
  return {
    sitrep,
    fake,
    slack,
    clock,
    general,
    announce,
    outboxCount,
    async deliverAll() {
      for (let round = 0; round < 400; round += 1) {
        await sitrep.dispatcher.drain("slack");
        if ((await outboxCount("pending")) === 0) return;
        // Retries wait 1 s (Retry-After) or a backoff of a few seconds, on the dispatcher's clock.
        clock.advance(5_000);
      }
      throw new Error("the Slack outbox did not empty");
    },
    async timelineKinds(number) {
      const { body } = await sitrep.api<{ entries: Array<{ kind: string }> }>("GET", `/api/v1/incidents/${number}/timeline`);
      return body.entries.map((e) => e.kind);
    },
    async stop() {
      await sitrep.stop();
      await fake.stop();
    },
  };
}
