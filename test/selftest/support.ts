import { FakeSlack } from "../support/fake-slack.js";
import type { FakeChannel } from "../support/fake-slack-state.js";
import type { FakePagerduty } from "../support/fake-pagerduty.js";
import { FakeStatuspage, type Trouble } from "../support/fake-statuspage.js";
import { fakePagerdutyAccount, pagerdutyEnv } from "../support/pagerduty-setup.js";
import { SIGNING_SECRET } from "../support/slack-driver.js";
import { startTestSitrep, type TestSitrep } from "../support/test-sitrep.js";
import type { TestDatabase } from "../support/test-database.js";

export interface SelfTestRig {
  readonly sitrep: TestSitrep;
  readonly slack: FakeSlack;
  readonly announce: FakeChannel;
  readonly statuspage: FakeStatuspage;
  readonly pagerduty: FakePagerduty;
  stop(): Promise<void>;
}

/** A Sitrep with Slack, Statuspage and PagerDuty all configured against their fakes, its dispatcher running. */
export async function startSelfTestRig(
  env: Record<string, string> = {},
  options: { statuspageTrouble?: Trouble; database?: TestDatabase } = {},
): Promise<SelfTestRig> {
  const slack = await new FakeSlack().start();
  const announce = slack.ws.addChannel({ name: "incidents", members: [slack.ws.botUserId] });
  const statuspage = await new FakeStatuspage({ components: ["API", "Website"] }).start();
  if (options.statuspageTrouble) statuspage.failWith(options.statuspageTrouble);
  const pagerduty = await fakePagerdutyAccount();
  const sitrep = await startTestSitrep(
    {
      SLACK_BOT_TOKEN: slack.token,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      INCIDENT_ANNOUNCE_CHANNEL: announce.id,
      ...statuspage.env(),
      ...pagerdutyEnv(pagerduty),
      ...env,
    },
    { database: options.database },
  );
  return {
    sitrep,
    slack,
    announce,
    statuspage,
    pagerduty,
    async stop() {
      await sitrep.stop();
      await Promise.all([slack.stop(), statuspage.close(), pagerduty.close()]);
    },
  };
}

/** Every step of a self-test with all three integrations configured, in order (main.ts lists the integrations). */
export const ALL_STEPS = [
  "database",
  "pagerduty.api",
  "pagerduty.webhook",
  "slack.auth",
  "slack.channel",
  "slack.outbox",
  "slack.read_back",
  "statuspage.page",
  "statuspage.components",
];
