-- Why a breaker is open: "misconfigured" when the upstream refused Sitrep's
-- credentials (deliveries are held, not failed, until a probe succeeds), with
-- the upstream's own words; and how many probes in a row failed, so probes
-- back off from a few seconds up to BREAKER_COOL_DOWN.
ALTER TABLE "breakers" ADD COLUMN     "reason" TEXT,
ADD COLUMN     "detail" TEXT,
ADD COLUMN     "failed_probes" INTEGER NOT NULL DEFAULT 0;

-- PagerDuty webhook subscriptions Sitrep has had validly signed events from
-- (the X-Webhook-Subscription header). A signature failure from one of them
-- means the secret was rotated on one side only: the first is announced, the
-- repeats are counted, and a valid event clears it.
CREATE TABLE "webhook_subscriptions" (
    "subscription" TEXT NOT NULL,
    "last_valid_at" TIMESTAMPTZ(3) NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "failing_since" TIMESTAMPTZ(3),
    "last_failure_at" TIMESTAMPTZ(3),

    CONSTRAINT "webhook_subscriptions_pkey" PRIMARY KEY ("subscription")
);

-- A failed Statuspage push that an operator retries is pending again, like a new one.
CREATE TRIGGER outbox_statuspage_retried
  AFTER UPDATE OF status ON outbox
  FOR EACH ROW WHEN (NEW.upstream = 'statuspage' AND OLD.status = 'dead' AND NEW.status = 'pending')
  EXECUTE FUNCTION outbox_statuspage_pending();
