import pg from "pg";
import { FakeSlack } from "../../test/support/fake-slack.js";
import { SIGNING_SECRET, SlackDriver } from "../../test/support/slack-driver.js";
import { startBareBolt } from "./bare-bolt.js";
import { freshPostgres, type BenchDb } from "./databases.js";
import { startBenchSitrep } from "./sitrep.js";

/** Where a Slack benchmark sends its signed requests. */
export interface SlackTarget {
  readonly url: string;
  readonly driver: SlackDriver;
  /** A channel that is no incident's, where incidents are declared. */
  readonly general: string;
  /** Sitrep's database, where set-up can wait for the outbox; null for the bare Bolt app. */
  readonly databaseUrl: string | null;
}

/**
 * Runs a Slack load against a bare Bolt app that only acks (the baseline),
 * then against a Sitrep on a fresh database of each kind, in the same run and
 * against one fake Slack, which the outbox delivers to meanwhile.
 */
export async function againstBareBolt<R>(
  databases: readonly BenchDb[],
  load: (target: SlackTarget) => Promise<R>,
): Promise<{ baseline: R; results: Map<BenchDb, R> }> {
  const fake = await new FakeSlack().start();
  try {
    const general = fake.ws.addChannel({ name: "general" }).id;
    const bare = await startBareBolt(SIGNING_SECRET);
    const baseline = await load({ url: bare.url, driver: new SlackDriver(bare.url, fake), general, databaseUrl: null });
    await bare.close();
    const results = new Map<BenchDb, R>();
    for (const database of databases) {
      const pg = await freshPostgres(database);
      try {
        const sitrep = await startBenchSitrep(pg.url, {
          SLACK_BOT_TOKEN: fake.token,
          SLACK_SIGNING_SECRET: SIGNING_SECRET,
          SLACK_API_URL: fake.apiUrl,
        });
        const url = `${sitrep.url}/slack/events`;
        results.set(database, await load({ url, driver: new SlackDriver(url, fake), general, databaseUrl: pg.url }));
        await sitrep.close();
      } finally {
        await pg.drop();
      }
    }
    return { baseline, results };
  } finally {
    await fake.stop();
  }
}

/**
 * Declares an incident by `/incident declare` in `general` as `commander` and
 * waits for the outbox to open its channel; resolves with that channel.
 * Reads the database on a connection of its own, not through Sitrep's stores.
 */
export async function declareInChannel(
  driver: SlackDriver,
  databaseUrl: string,
  commander: string,
  general: string,
  title: string,
): Promise<string> {
  const reply = await driver.command(commander, general, `declare ${title} --sev 3`);
  if (reply.status !== 200) throw new Error(`declare "${title}" answered ${reply.status}`);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const { rows } = await client.query<{ channel_id: string | null }>("SELECT channel_id FROM incidents WHERE title = $1", [title]);
      if (rows[0]?.channel_id) return rows[0].channel_id;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await client.end();
  }
  throw new Error(`the channel of "${title}" was not opened within 30 s`);
}

/** A command that must be answered 200 with no warning (set-up steps of a benchmark). */
export async function commandOk(driver: SlackDriver, user: string, channel: string, text: string): Promise<void> {
  const reply = await driver.command(user, channel, text);
  if (reply.status !== 200 || reply.text.includes(":warning:"))
    throw new Error(`"/incident ${text}" answered ${reply.status}: ${reply.text}`);
}
