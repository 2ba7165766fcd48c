-- The status-page state is now set in TypeScript where the push is planned or
-- retried (src/app/statuspage-pending.ts, called by recordChange and by the
-- outbox retry use case), in the same transaction as the push. The triggers
-- that used to do it, on a new push and on a retried one, and their function
-- go, so that the state has one author and the answer shows it without a re-read.
DROP TRIGGER IF EXISTS outbox_statuspage_pending ON outbox;
DROP TRIGGER IF EXISTS outbox_statuspage_retried ON outbox;
DROP FUNCTION IF EXISTS outbox_statuspage_pending();
