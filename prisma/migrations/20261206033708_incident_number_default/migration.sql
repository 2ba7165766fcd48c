-- An incident takes its number in its own INSERT, from this default, instead of
-- a separate UPDATE of the counter before it. The counter row stays locked until
-- the declaration commits (that is what keeps numbers consecutive: a declaration
-- that rolls back rolls its increment back), and every statement between taking
-- the number and committing makes other declarations wait: this takes one away.
-- An INSERT that names its number (the import, after reserving a range) does not
-- call the function.
CREATE FUNCTION next_incident_number() RETURNS integer LANGUAGE sql VOLATILE AS $$
  UPDATE counters SET value = value + 1 WHERE name = 'incident_number' RETURNING value
$$;

-- AlterTable
ALTER TABLE "incidents" ALTER COLUMN "number" SET DEFAULT next_incident_number();
