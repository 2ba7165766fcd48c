import { SIGNING_SECRET, SlackDriver } from "../test/support/slack-driver.js";
import { FakeSlack } from "../test/support/fake-slack.js";
import { startBareBolt } from "./lib/bare-bolt.js";
import { freshPostgres, type BenchDb } from "./lib/databases.js";
import { load, type LoadResult } from "./lib/load.js";
import type { Figure } from "./lib/report.js";
import { startBenchSitrep } from "./lib/sitrep.js";

const CONCURRENCY = 50;
const WARM_UP = 200;
const REQUESTS = 1_000;
const USER = "U0BENCH01";

/**
 * Signed `/incident note` requests at concurrency 50 through the real receiver
 * (Bolt's HTTPReceiver on Sitrep's server, Slack configured against a fake
 * Slack that the outbox delivers to meanwhile), beside a bare Bolt app that
 * only acks, in the same run. The ack is the HTTP answer, so its latency is
 * the client's request latency. Each request is signed at the moment it is
 * sent, as Slack does.
 */
export async function run(databases: readonly BenchDb[]): Promise<Figure[]> {
  const figures: Figure[] = [];
  const fake = await new FakeSlack().start();
  try {
    const general = fake.ws.addChannel({ name: "general" });
    const bare = await startBareBolt(SIGNING_SECRET);
    const baseline = await notes(bare.url, new SlackDriver(bare.url, fake), general.id);
    await bare.close();
    for (const database of databases) {
      const pg = await freshPostgres(database);
      try {
        const sitrep = await startBenchSitrep(pg.url, {
          SLACK_BOT_TOKEN: fake.token,
          SLACK_SIGNING_SECRET: SIGNING_SECRET,
          SLACK_API_URL: fake.apiUrl,
        });
        const endpoint = `${sitrep.url}/slack/events`;
        const driver = new SlackDriver(endpoint, fake);
        const channel = await declaredChannel(driver, sitrep.connection.sql, general.id);
        const result = await notes(endpoint, driver, channel);
        await sitrep.close();
        figures.push(...ackFigures(database, result, baseline));
      } finally {
        await pg.drop();
      }
    }
  } finally {
    await fake.stop();
  }
  return figures;
}

/** Declares an incident by command and waits for the outbox to open its channel. */
async function declaredChannel(
  driver: SlackDriver,
  sql: { query<R>(text: string, values?: readonly unknown[]): Promise<R[]> },
  general: string,
): Promise<string> {
  const reply = await driver.command(USER, general, "declare Slash command benchmark --sev 3");
  if (reply.status !== 200) throw new Error(`slash-command bench: declare answered ${reply.status}`);
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const rows = await sql.query<{ channel_id: string | null }>(`SELECT channel_id FROM incidents ORDER BY id LIMIT 1`);
    if (rows[0]?.channel_id) return rows[0].channel_id;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("slash-command bench: the incident's channel was not opened within 30 s");
}

async function notes(url: string, driver: SlackDriver, channel: string): Promise<LoadResult> {
  const result = await load({
    url,
    connections: CONCURRENCY,
    warmUp: WARM_UP,
    amount: REQUESTS,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    recipe: {
      name: "slack-signed",
      secret: SIGNING_SECRET,
      // Made here, where the fake workspace issues each command's trigger id and response URL.
      bodies: Array.from({ length: WARM_UP + REQUESTS }, (_, i) =>
        driver.commandBody(USER, channel, `note Observation ${i}: error rate back under 1%`),
      ),
    },
  });
  if (result.non2xx > 0) throw new Error(`slash-command bench: ${result.non2xx} non-2xx answers at ${url}`);
  return result;
}

function ackFigures(database: string, result: LoadResult, baseline: LoadResult): Figure[] {
  const bench = "Slack /incident note, concurrency 50";
  const target = "< 50 ms and ≤ 1.5× bare Bolt";
  return [
    { bench, database, metric: "ack p50", value: result.p50Ms, unit: "ms", baseline: baseline.p50Ms, better: "lower" },
    { bench, database, metric: "ack p99", value: result.p99Ms, unit: "ms", baseline: baseline.p99Ms, better: "lower", target },
    {
      bench,
      database,
      metric: "no ack within 10 s",
      value: result.errors,
      unit: "",
      baseline: baseline.errors,
      better: "lower",
      target: "0 (Slack gives up after 3 s)",
    },
    {
      bench,
      database,
      metric: "throughput",
      value: result.requestsPerSecond,
      unit: "req/s",
      baseline: baseline.requestsPerSecond,
      better: "higher",
    },
  ];
}
