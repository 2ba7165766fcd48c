import type { Db } from "../connection.js";

/** How long a handled Slack delivery is remembered; Slack stops resending after about 5 minutes. */
const KEEP_MS = 24 * 60 * 60_000;

/** Slack deliveries already handled (table slack_deliveries), so a resent event is not handled twice. */
export function slackDeliveryStore(db: Db) {
  return {
    async seen(key: string): Promise<boolean> {
      return (await db.slackDelivery.findUnique({ where: { key }, select: { key: true } })) !== null;
    },
    async record(key: string, at: Date): Promise<void> {
      await db.slackDelivery.createMany({ data: [{ key, receivedAt: at }], skipDuplicates: true });
      await db.slackDelivery.deleteMany({ where: { receivedAt: { lt: new Date(at.getTime() - KEEP_MS) } } });
    },
  };
}
