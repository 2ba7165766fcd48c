import type { SlackPost, SlackPostPatch, SlackPostStore } from "../../app/ports/slack-posts.js";
import type { SqlRunner } from "../connection.js";

interface Row {
  key: string;
  incident_id: number;
  channel: string;
  ts: string | null;
  file_id: string | null;
  permalink: string | null;
  done: boolean;
}

const toPost = (row: Row): SlackPost => ({
  key: row.key,
  incidentId: Number(row.incident_id),
  channel: row.channel,
  ts: row.ts,
  fileId: row.file_id,
  permalink: row.permalink,
  done: row.done,
});

/** The Slack posts Sitrep must find again, in table slack_posts. */
export function slackPostStore(sql: SqlRunner): SlackPostStore {
  return {
    async find(key: string): Promise<SlackPost | null> {
      const rows = await sql.query<Row>(`SELECT key, incident_id, channel, ts, file_id, permalink, done FROM slack_posts WHERE key = $1`, [
        key,
      ]);
      return rows[0] ? toPost(rows[0]) : null;
    },
    /** Creates the row or updates the fields given; fields not given keep their value. */
    async save(post: { key: string; incidentId: number; channel: string } & SlackPostPatch, at: Date): Promise<void> {
      await sql.query(
        `INSERT INTO slack_posts (key, incident_id, channel, ts, file_id, permalink, done, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (key) DO UPDATE SET
           channel = EXCLUDED.channel,
           ts = COALESCE($4, slack_posts.ts),
           file_id = COALESCE($5, slack_posts.file_id),
           permalink = COALESCE($6, slack_posts.permalink),
           done = slack_posts.done OR $7`,
        [post.key, post.incidentId, post.channel, post.ts ?? null, post.fileId ?? null, post.permalink ?? null, post.done ?? false, at],
      );
    },
    /** Forgets a file upload that never completed, so the next attempt starts afresh. */
    async clearFile(key: string): Promise<void> {
      await sql.query(`UPDATE slack_posts SET file_id = NULL, permalink = NULL WHERE key = $1`, [key]);
    },
  };
}
