import type { WebhookSubscriptions } from "../app/webhook-signature-alarm.js";
import type { Db } from "./connection.js";
import type { WebhookSubscription } from "./generated/client.js";

export function webhookSubscriptions(db: Db): WebhookSubscriptions {
  return {
    // One statement reads the failures it resets (Prisma's upsert returns only the new row).
    async valid(subscription, at) {
      const rows = await db.$queryRaw<Array<{ before: WebhookSubscription["failures"] | null }>>`
        WITH old AS (SELECT failures FROM webhook_subscriptions WHERE subscription = ${subscription})
        INSERT INTO webhook_subscriptions (subscription, last_valid_at) VALUES (${subscription}, ${at})
        ON CONFLICT (subscription) DO UPDATE SET last_valid_at = ${at}, failures = 0, failing_since = NULL
        RETURNING (SELECT failures FROM old) AS before`;
      return { wasFailing: (rows[0]?.before ?? 0) > 0 };
    },

    // failing_since keeps the first failure's time: a COALESCE Prisma's update cannot express.
    async failed(subscription, at) {
      const rows = await db.$queryRaw<Array<Pick<WebhookSubscription, "failures">>>`
        UPDATE webhook_subscriptions SET failures = failures + 1, failing_since = coalesce(failing_since, ${at}), last_failure_at = ${at}
        WHERE subscription = ${subscription} RETURNING failures`;
      return rows[0] ? rows[0].failures : null;
    },

    async failing() {
      const rows = await db.webhookSubscription.findMany({
        select: { subscription: true, failures: true, failingSince: true },
        where: { failures: { gt: 0 } },
        orderBy: { subscription: "asc" },
      });
      return rows.map((r) => ({ ...r, failingSince: r.failingSince! }));
    },
  };
}
