import type { App } from "@slack/bolt";
import type { ListenerContext } from "../listener-context.js";

/**
 * Slack resends an event (X-Slack-Retry-Num, same event_id) when it did not
 * see our answer in time. An event is recorded once its listeners have run,
 * and a resent one that was already handled goes no further. (Two copies
 * arriving together both run; the timeline's dedupe keys keep that harmless.)
 */
export function registerEventDedupe(bolt: App, ctx: ListenerContext): void {
  bolt.use(async ({ body, next }) => {
    const eventId =
      (body as { type?: string; event_id?: string }).type === "event_callback" ? (body as { event_id?: string }).event_id : undefined;
    if (!eventId) return next();
    const key = `event:${eventId}`;
    if (await ctx.deliveries.seen(key)) {
      ctx.log.info({ event: eventId }, "slack event already handled");
      return;
    }
    await next();
    await ctx.deliveries.record(key, ctx.app.clock.now());
  });
}
