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

/** The outside world of a self-test rig: one Slack workspace, one Statuspage page, one PagerDuty account. */
interface Upstreams {
  readonly slack: FakeSlack;
  readonly announce: FakeChannel;
  readonly statuspage: FakeStatuspage;
  readonly pagerduty: FakePagerduty;
}

/**
 * A Sitrep with Slack, Statuspage and PagerDuty all configured against their fakes, its dispatcher running.
 * `replicaOf` makes it a second replica of that rig's Sitrep: the same upstreams (a replica's dispatcher
 * may deliver the other's message, into the one workspace they share), which the first rig stops.
 */
export async function startSelfTestRig(
  env: Record<string, string> = {},
  options: { statuspageTrouble?: Trouble; database?: TestDatabase; replicaOf?: SelfTestRig } = {},
): Promise<SelfTestRig> {
  const upstreams = options.replicaOf ?? (await startUpstreams(options.statuspageTrouble));
  const { slack, announce, statuspage, pagerduty } = upstreams;
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
      if (!options.replicaOf) await Promise.all([slack.stop(), statuspage.close(), pagerduty.close()]);
    },
  };
}

async function startUpstreams(trouble: Trouble | undefined): Promise<Upstreams> {
  const slack = await new FakeSlack().start();
  const announce = slack.ws.addChannel({ name: "incidents", members: [slack.ws.botUserId] });
  const statuspage = await new FakeStatuspage({ components: ["API", "Website"] }).start();
  if (trouble) statuspage.failWith(trouble);
  const pagerduty = await fakePagerdutyAccount();
  return { slack, announce, statuspage, pagerduty };
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
