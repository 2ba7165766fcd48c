import type { WebhookSubscriptions } from "../app/webhook-signature-alarm.js";
import type { SqlRunner } from "./connection.js";

export function webhookSubscriptions(sql: SqlRunner): WebhookSubscriptions {
  return {
    async valid(subscription, at) {
      const rows = await sql.query<{ before: number | null }>(
        `WITH old AS (SELECT failures FROM webhook_subscriptions WHERE subscription = $1)
         INSERT INTO webhook_subscriptions (subscription, last_valid_at) VALUES ($1, $2)
         ON CONFLICT (subscription) DO UPDATE SET last_valid_at = $2, failures = 0, failing_since = NULL
         RETURNING (SELECT failures FROM old) AS before`,
        [subscription, at],
      );
      return { wasFailing: Number(rows[0]?.before ?? 0) > 0 };
    },

    async failed(subscription, at) {
      const rows = await sql.query<{ failures: number }>(
        `UPDATE webhook_subscriptions SET failures = failures + 1, failing_since = coalesce(failing_since, $2), last_failure_at = $2
         WHERE subscription = $1 RETURNING failures`,
        [subscription, at],
      );
      return rows[0] ? Number(rows[0].failures) : null;
    },

    async failing() {
      const rows = await sql.query<{ subscription: string; failures: number; failing_since: Date | string }>(
        `SELECT subscription, failures, failing_since FROM webhook_subscriptions WHERE failures > 0 ORDER BY subscription`,
      );
      return rows.map((r) => ({ subscription: r.subscription, failures: Number(r.failures), failingSince: new Date(r.failing_since) }));
    },
  };
}
