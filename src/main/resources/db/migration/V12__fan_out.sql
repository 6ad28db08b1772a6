-- Fan-out: a forEach step's items are rows of run_steps named '<step>[<index>]', each with its own
-- attempts, lease, timings and events; the item they work on is kept in the row. An item's id is
-- a step id and its index, hence the longer columns.

ALTER TABLE run_steps ADD COLUMN item TEXT;
ALTER TABLE run_steps ALTER COLUMN step_id SET DATA TYPE VARCHAR(80);
ALTER TABLE run_events ALTER COLUMN step_id SET DATA TYPE VARCHAR(80);
ALTER TABLE artifacts ALTER COLUMN step_id SET DATA TYPE VARCHAR(80);
ALTER TABLE dispatch_outbox ALTER COLUMN step_id SET DATA TYPE VARCHAR(80);
ALTER TABLE provider_usage ALTER COLUMN step_id SET DATA TYPE VARCHAR(80);
ALTER TABLE run_signals ALTER COLUMN consumed_by SET DATA TYPE VARCHAR(80);
