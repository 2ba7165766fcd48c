import { SIGNING_SECRET } from "../test/support/slack-driver.js";
import type { BenchDb } from "./lib/databases.js";
import { load, type LoadResult } from "./lib/load.js";
import type { Figure } from "./lib/report.js";
import { againstBareBolt, declareInChannel, type SlackTarget } from "./lib/slack-bench.js";

const CONCURRENCY = 50;
const WARM_UP = 200;
const REQUESTS = 1_000;
const USER = "U0BENCH01";
const BENCH = "Slack stress: /incident note, concurrency 50, one incident";

/**
 * The stress profile (issue 15 keeps it): signed `/incident note` requests at
 * concurrency 50 to one incident, through the real receiver (Bolt's
 * HTTPReceiver on Sitrep's server, Slack configured against a fake Slack that
 * the outbox delivers to meanwhile), beside a bare Bolt app that only acks, in
 * the same run. No channel sees this load: it measures how long the
 * incident's row stays locked. Slack gives up after 3 s, so the target is no
 * ack after 2 s. The ack is the HTTP answer, so its latency is the client's
 * request latency; each request is signed at the moment it is sent, as Slack does.
 */
export async function run(databases: readonly BenchDb[]): Promise<Figure[]> {
  const { baseline, results } = await againstBareBolt(databases, async (target) => {
    const { driver, general, databaseUrl } = target;
    const channel = databaseUrl === null ? general : await declareInChannel(driver, databaseUrl, USER, general, "Slash command benchmark");
    return notes(target, channel);
  });
  return [...[...results].flatMap(([database, result]) => ackFigures(database, result, baseline)), ...embeddedAgainstExternal(results)];
}

async function notes({ url, driver }: SlackTarget, channel: string): Promise<LoadResult> {
  const result = await load({
    url,
    connections: CONCURRENCY,
    warmUp: WARM_UP,
    amount: REQUESTS,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    slowMs: 2_000,
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
  const bench = BENCH;
  const baselineName = "bare Bolt";
  return [
    { bench, database, metric: "ack p50", value: result.p50Ms, unit: "ms", baseline: baseline.p50Ms, baselineName, better: "lower" },
    { bench, database, metric: "ack p99", value: result.p99Ms, unit: "ms", baseline: baseline.p99Ms, baselineName, better: "lower" },
    {
      bench,
      database,
      metric: "acks after 2 s",
      value: result.slow,
      unit: "",
      baseline: baseline.slow,
      baselineName,
      better: "lower",
      target: "0 (Slack gives up after 3 s)",
      met: result.slow === 0,
      issue: 15,
    },
    {
      bench,
      database,
      metric: "no ack within 10 s",
      value: result.errors,
      unit: "",
      baseline: baseline.errors,
      baselineName,
      better: "lower",
    },
    {
      bench,
      database,
      metric: "throughput",
      value: result.requestsPerSecond,
      unit: "req/s",
      baseline: baseline.requestsPerSecond,
      baselineName,
      better: "higher",
    },
  ];
}

/** Issue 14: the embedded server's ack p99 within 1.5× of the external server's, same run. */
function embeddedAgainstExternal(results: ReadonlyMap<BenchDb, LoadResult>): Figure[] {
  const embedded = results.get("embedded");
  const external = results.get("external");
  if (!embedded || !external) return [];
  return [
    {
      bench: BENCH,
      database: "embedded vs external",
      metric: "ack p99",
      value: embedded.p99Ms,
      unit: "ms",
      baseline: external.p99Ms,
      baselineName: "external PostgreSQL",
      better: "lower",
      target: "≤ 1.5× external",
      met: embedded.p99Ms <= 1.5 * external.p99Ms,
      issue: 14,
    },
  ];
}
