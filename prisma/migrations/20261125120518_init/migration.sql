-- CreateTable
CREATE TABLE "counters" (
    "name" TEXT NOT NULL,
    "value" INTEGER NOT NULL,

    CONSTRAINT "counters_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "incidents" (
    "id" SERIAL NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "severity" INTEGER NOT NULL,
    "phase" TEXT NOT NULL,
    "public" BOOLEAN NOT NULL DEFAULT false,
    "private" BOOLEAN NOT NULL DEFAULT false,
    "mode" TEXT NOT NULL DEFAULT 'live',
    "source" TEXT,
    "provider" TEXT,
    "causes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "components" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "commander_id" TEXT,
    "communications_id" TEXT,
    "declared_by" TEXT NOT NULL,
    "channel_id" TEXT,
    "channel_name" TEXT,
    "header_ts" TEXT,
    "statuspage_incident_id" TEXT,
    "statuspage_state" TEXT NOT NULL DEFAULT 'none',
    "pagerduty_incident_id" TEXT,
    "pagerduty_url" TEXT,
    "pagerduty_service_id" TEXT,
    "declared_at" TIMESTAMPTZ(3) NOT NULL,
    "identified_at" TIMESTAMPTZ(3),
    "monitoring_at" TIMESTAMPTZ(3),
    "resolved_at" TIMESTAMPTZ(3),
    "impact_started_at" TIMESTAMPTZ(3),
    "impact_ended_at" TIMESTAMPTZ(3),
    "last_update_at" TIMESTAMPTZ(3),
    "next_update_due_at" TIMESTAMPTZ(3),
    "commander_since" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "incidents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "role_assignments" (
    "id" SERIAL NOT NULL,
    "incident_id" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "assigned_by" TEXT NOT NULL,
    "assigned_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3),

    CONSTRAINT "role_assignments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "timeline_entries" (
    "id" BIGSERIAL NOT NULL,
    "incident_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "via" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "dedupe_key" TEXT,

    CONSTRAINT "timeline_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "status_updates" (
    "id" SERIAL NOT NULL,
    "incident_id" INTEGER NOT NULL,
    "phase" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "posted_at" TIMESTAMPTZ(3) NOT NULL,
    "approval" TEXT NOT NULL DEFAULT 'not_required',
    "approved_by" TEXT,
    "statuspage" TEXT NOT NULL DEFAULT 'none',
    "published_at" TIMESTAMPTZ(3),

    CONSTRAINT "status_updates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "follow_ups" (
    "id" SERIAL NOT NULL,
    "incident_id" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "owner" TEXT,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "done_at" TIMESTAMPTZ(3),

    CONSTRAINT "follow_ups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "checklist_ticks" (
    "incident_id" INTEGER NOT NULL,
    "item" TEXT NOT NULL,
    "checked" BOOLEAN NOT NULL,
    "by" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "checklist_ticks_pkey" PRIMARY KEY ("incident_id","item")
);

-- CreateTable
CREATE TABLE "idempotency_keys" (
    "key" TEXT NOT NULL,
    "use_case" TEXT NOT NULL,
    "result" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "outbox" (
    "id" BIGSERIAL NOT NULL,
    "incident_id" INTEGER,
    "upstream" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "ordering_key" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL,
    "locked_until" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "delivered_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "breakers" (
    "upstream" TEXT NOT NULL,
    "mode" TEXT NOT NULL DEFAULT 'auto',
    "state" TEXT NOT NULL DEFAULT 'closed',
    "opened_at" TIMESTAMPTZ(3),
    "probe_at" TIMESTAMPTZ(3),
    "changed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "breakers_pkey" PRIMARY KEY ("upstream")
);

-- CreateTable
CREATE TABLE "breaker_outcomes" (
    "id" BIGSERIAL NOT NULL,
    "upstream" TEXT NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "breaker_outcomes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pagerduty_events" (
    "id" TEXT NOT NULL,
    "webhook_id" TEXT,
    "event_type" TEXT NOT NULL,
    "pagerduty_incident_id" TEXT,
    "occurred_at" TIMESTAMPTZ(3),
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "processed_at" TIMESTAMPTZ(3),
    "error" TEXT,

    CONSTRAINT "pagerduty_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "slack_deliveries" (
    "key" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "slack_deliveries_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "private_access" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "slack_users" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "tz" TEXT,
    "fetched_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "slack_users_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "incidents_number_key" ON "incidents"("number");

-- CreateIndex
CREATE UNIQUE INDEX "incidents_pagerduty_incident_id_key" ON "incidents"("pagerduty_incident_id");

-- CreateIndex
CREATE INDEX "incidents_phase_idx" ON "incidents"("phase");

-- CreateIndex
CREATE INDEX "incidents_declared_at_idx" ON "incidents"("declared_at");

-- CreateIndex
CREATE INDEX "role_assignments_incident_id_role_idx" ON "role_assignments"("incident_id", "role");

-- CreateIndex
CREATE INDEX "timeline_entries_incident_id_id_idx" ON "timeline_entries"("incident_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "timeline_entries_incident_id_dedupe_key_key" ON "timeline_entries"("incident_id", "dedupe_key");

-- CreateIndex
CREATE INDEX "status_updates_incident_id_id_idx" ON "status_updates"("incident_id", "id");

-- CreateIndex
CREATE INDEX "follow_ups_incident_id_idx" ON "follow_ups"("incident_id");

-- CreateIndex
CREATE INDEX "follow_ups_done_at_idx" ON "follow_ups"("done_at");

-- CreateIndex
CREATE INDEX "outbox_status_upstream_next_attempt_at_idx" ON "outbox"("status", "upstream", "next_attempt_at");

-- CreateIndex
CREATE INDEX "outbox_ordering_key_id_idx" ON "outbox"("ordering_key", "id");

-- CreateIndex
CREATE INDEX "breaker_outcomes_upstream_at_idx" ON "breaker_outcomes"("upstream", "at");

-- CreateIndex
CREATE INDEX "pagerduty_events_status_received_at_idx" ON "pagerduty_events"("status", "received_at");

-- CreateIndex
CREATE INDEX "pagerduty_events_pagerduty_incident_id_occurred_at_idx" ON "pagerduty_events"("pagerduty_incident_id", "occurred_at");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_name_key" ON "api_tokens"("name");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_hash_key" ON "api_tokens"("hash");

-- AddForeignKey
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "timeline_entries" ADD CONSTRAINT "timeline_entries_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "status_updates" ADD CONSTRAINT "status_updates_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "checklist_ticks" ADD CONSTRAINT "checklist_ticks_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The timeline is append-only: the postmortem, the reports and the status page
-- history are built from it, so no row may change once written.
CREATE FUNCTION timeline_entries_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'timeline_entries is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER timeline_entries_append_only
  BEFORE UPDATE OR DELETE ON timeline_entries
  FOR EACH ROW EXECUTE FUNCTION timeline_entries_append_only();

INSERT INTO counters (name, value) VALUES ('incident_number', 0);
