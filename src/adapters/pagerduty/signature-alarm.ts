import type { AppContext } from "../../app/context.js";
import { signatureAccepted, signatureRefused, type WebhookSubscriptions } from "../../app/webhook-signature-alarm.js";
import type { Logger } from "../../logger.js";

/** Told of every signature check with the `X-Webhook-Subscription` it came with. Never throws. */
export interface SignatureAlarm {
  refused(subscription: string | undefined): Promise<void>;
  accepted(subscription: string | undefined): Promise<void>;
}

/** PagerDuty subscription ids are short and alphanumeric; anything else is not worth a row. */
const SUBSCRIPTION = /^[A-Za-z0-9_-]{1,64}$/;
/** How long this replica trusts that a subscription is known and signing well, without writing it down again. */
const HEALTHY_FOR_MS = 60_000;

/**
 * Watches PagerDuty's signatures per subscription: a subscription that signed
 * correctly before and now fails is a secret rotated on one side only, said
 * loudly once (error log, announce channel, /readyz, a metric); repeats are
 * counted. A valid event after that clears it.
 */
export function signatureAlarm(app: AppContext, subscriptions: WebhookSubscriptions, log: Logger): SignatureAlarm {
  const healthy = new Map<string, number>();
  return {
    async refused(raw) {
      const subscription = raw !== undefined && SUBSCRIPTION.test(raw) ? raw : null;
      if (subscription === null) return log.warn("PagerDuty webhook signature refused (no known subscription header)");
      healthy.delete(subscription);
      try {
        const result = await signatureRefused(app, subscriptions, subscription);
        if (!result.known) log.warn({ subscription }, "PagerDuty webhook signature refused from a subscription with no valid event yet");
        else if (result.first)
          log.error(
            { subscription, failures: result.failures },
            "PagerDuty webhook signatures are failing: PAGERDUTY_WEBHOOK_SECRET does not match this subscription's secret; PagerDuty disables a subscription after 3 refused deliveries",
          );
        else log.warn({ subscription, failures: result.failures }, "PagerDuty webhook signature refused again");
      } catch (error) {
        log.error({ err: error, subscription }, "recording a refused PagerDuty webhook signature failed");
      }
    },

    async accepted(raw) {
      if (raw === undefined || !SUBSCRIPTION.test(raw)) return;
      if ((healthy.get(raw) ?? 0) > Date.now()) return;
      try {
        if (await signatureAccepted(app, subscriptions, raw))
          log.info({ subscription: raw }, "PagerDuty webhook signatures are valid again");
        healthy.set(raw, Date.now() + HEALTHY_FOR_MS);
      } catch (error) {
        log.error({ err: error, subscription: raw }, "recording a PagerDuty webhook subscription failed");
      }
    },
  };
}
