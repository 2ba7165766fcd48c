import type { SqlRunner } from "../connection.js";

/** How long a handled Slack delivery is remembered; Slack stops resending after about 5 minutes. */
const KEEP_MS = 24 * 60 * 60_000;

/** Slack deliveries already handled (table slack_deliveries), so a resent event is not handled twice. */
export function slackDeliveryStore(sql: SqlRunner) {
  return {
    async seen(key: string): Promise<boolean> {
      const rows = await sql.query(`SELECT 1 FROM slack_deliveries WHERE key = $1`, [key]);
      return rows.length > 0;
    },
    async record(key: string, at: Date): Promise<void> {
      await sql.query(`INSERT INTO slack_deliveries (key, received_at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, [key, at]);
      await sql.query(`DELETE FROM slack_deliveries WHERE received_at < $1`, [new Date(at.getTime() - KEEP_MS)]);
    },
  };
}
