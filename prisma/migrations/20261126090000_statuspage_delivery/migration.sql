-- AlterTable
ALTER TABLE "breakers" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- Honest status-page state, kept in the transaction that enqueues the push:
-- the moment a Statuspage push is in the outbox, the incident (and the status
-- update it carries, if any) is "pending" until the deliverer records that it
-- landed or failed. A trigger, so that no writer can enqueue a push and leave
-- the incident looking published.
CREATE FUNCTION outbox_statuspage_pending() RETURNS trigger AS $$
BEGIN
  IF NEW.incident_id IS NOT NULL THEN
    UPDATE incidents SET statuspage_state = 'pending'
      WHERE id = NEW.incident_id AND statuspage_state <> 'pending';
  END IF;
  IF jsonb_typeof(NEW.payload -> 'updateId') = 'number' THEN
    UPDATE status_updates SET statuspage = 'pending'
      WHERE id = (NEW.payload ->> 'updateId')::integer AND statuspage <> 'published';
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER outbox_statuspage_pending
  AFTER INSERT ON outbox
  FOR EACH ROW WHEN (NEW.upstream = 'statuspage')
  EXECUTE FUNCTION outbox_statuspage_pending();

-- One row per upstream from the start, so every replica compares and sets the same row.
INSERT INTO breakers (upstream, mode, state, changed_at) VALUES
  ('statuspage', 'auto', 'closed', now()),
  ('slack', 'auto', 'closed', now()),
  ('pagerduty', 'auto', 'closed', now())
ON CONFLICT (upstream) DO NOTHING;
