import pg from "pg";
import type { SlackDriver } from "../../test/support/slack-driver.js";

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
