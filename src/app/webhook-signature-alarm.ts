import type { AppContext } from "./context.js";

/** PagerDuty webhook subscriptions Sitrep has had valid events from, and their refused signatures. */
export interface WebhookSubscriptions {
  /** A validly signed event: the subscription is known from now on; answers whether it had been failing. */
  valid(subscription: string, at: Date): Promise<{ wasFailing: boolean }>;
  /** A refused signature: the failures in a row so far, or null when no valid event ever came from it. */
  failed(subscription: string, at: Date): Promise<number | null>;
  /** Known subscriptions whose signatures are failing now. */
  failing(): Promise<Array<{ subscription: string; failures: number; failingSince: Date }>>;
}

export type RefusedSignature = { readonly known: false } | { readonly known: true; readonly failures: number; readonly first: boolean };

/**
 * A signature refused on a subscription that used to sign correctly: the
 * webhook secret was rotated on one side only, and PagerDuty disables a
 * subscription after three refused deliveries. The first refusal is told to
 * the operators in the announce channel; repeats are only counted.
 */
export async function signatureRefused(
  ctx: AppContext,
  subscriptions: WebhookSubscriptions,
  subscription: string,
): Promise<RefusedSignature> {
  const now = ctx.clock.now();
  const failures = await subscriptions.failed(subscription, now);
  if (failures === null) return { known: false };
  if (failures === 1) {
    const text =
      `:rotating_light: PagerDuty webhook subscription ${subscription} is failing Sitrep's signature check: PAGERDUTY_WEBHOOK_SECRET ` +
      "no longer matches its signing secret. PagerDuty drops refused deliveries and disables the subscription after three: " +
      "add the new secret to PAGERDUTY_WEBHOOK_SECRET (comma-separated, beside the old one) and restart.";
    await tell(ctx, text, `webhook-failing:${subscription}:${now.toISOString()}`);
  }
  return { known: true, failures, first: failures === 1 };
}

/** A valid event: the subscription is known, and one that had been failing is told to be fine again. */
export async function signatureAccepted(ctx: AppContext, subscriptions: WebhookSubscriptions, subscription: string): Promise<boolean> {
  const now = ctx.clock.now();
  const { wasFailing } = await subscriptions.valid(subscription, now);
  if (wasFailing) {
    await tell(
      ctx,
      `PagerDuty webhook subscription ${subscription} is signing correctly again.`,
      `webhook-ok:${subscription}:${now.toISOString()}`,
    );
  }
  return wasFailing;
}

async function tell(ctx: AppContext, text: string, key: string): Promise<void> {
  const messages = ctx.notices?.notice(text, key) ?? [];
  if (messages.length > 0) await ctx.db.transaction((tx) => tx.outbox.enqueue(messages, ctx.clock.now()));
}
