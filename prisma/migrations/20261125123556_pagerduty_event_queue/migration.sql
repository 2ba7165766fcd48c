-- AlterTable
ALTER TABLE "pagerduty_events" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "locked_until" TIMESTAMPTZ(3),
ADD COLUMN     "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "seq" BIGSERIAL NOT NULL;

-- CreateIndex
CREATE INDEX "pagerduty_events_status_pagerduty_incident_id_occurred_at_s_idx" ON "pagerduty_events"("status", "pagerduty_incident_id", "occurred_at", "seq");

