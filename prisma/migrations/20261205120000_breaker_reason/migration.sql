-- Why a breaker is open: "misconfigured" when the upstream refused Sitrep's
-- credentials (deliveries are held, not failed, until a probe succeeds), with
-- the upstream's own words; and how many probes in a row failed, so probes
-- back off from a few seconds up to BREAKER_COOL_DOWN.
ALTER TABLE "breakers" ADD COLUMN     "reason" TEXT,
ADD COLUMN     "detail" TEXT,
ADD COLUMN     "failed_probes" INTEGER NOT NULL DEFAULT 0;

-- A PagerDuty webhook subscription whose signatures Sitrep refused: one row
-- per subscription, so the first failure is announced and repeats are counted.
CREATE TABLE "webhook_signature_failures" (
    "subscription" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 1,
    "first_at" TIMESTAMPTZ(3) NOT NULL,
    "last_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "webhook_signature_failures_pkey" PRIMARY KEY ("subscription")
);

-- A failed Statuspage push that an operator retries is pending again, like a new one.
CREATE TRIGGER outbox_statuspage_retried
  AFTER UPDATE OF status ON outbox
  FOR EACH ROW WHEN (NEW.upstream = 'statuspage' AND OLD.status = 'dead' AND NEW.status = 'pending')
  EXECUTE FUNCTION outbox_statuspage_pending();
