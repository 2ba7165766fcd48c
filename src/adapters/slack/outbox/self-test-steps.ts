import { z } from "zod";
import type { OutboxRecord } from "../../../app/ports/outbox.js";
import { escapeMrkdwn, message, section } from "../blocks/kit.js";
import { SlackApiError } from "../web-api-errors.js";
import type { DeliveryContext } from "./delivery-context.js";
import { postOnce } from "./post-once.js";

export const selfTestPostSchema = z.object({ channel: z.string().min(1), text: z.string().min(1), key: z.string().min(1) });
export type SelfTestPost = z.infer<typeof selfTestPostSchema>;

/**
 * A self-test message: the round trip's post in the private test channel, or
 * the alert of a failed scheduled run in the announce channel. Plain text
 * (error messages from upstreams are escaped), posted once per key.
 */
export async function postSelfTestMessage(ctx: DeliveryContext, record: OutboxRecord): Promise<void> {
  const parsed = selfTestPostSchema.safeParse(record.payload);
  if (!parsed.success) throw new SlackApiError(null, "a self-test message without channel, text or key", { retryable: false });
  const { channel, text, key } = parsed.data;
  await postOnce(ctx, record, channel, key, message(escapeMrkdwn(text), [section(escapeMrkdwn(text))]));
}
