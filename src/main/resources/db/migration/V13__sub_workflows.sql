-- Sub-workflows: a run started by a 'workflow' step of another run names that run and step, and
-- how deep it is in the chain of calls; the step names the child run it waits for.

ALTER TABLE runs ADD COLUMN parent_run_id VARCHAR(64);
ALTER TABLE runs ADD COLUMN parent_step_id VARCHAR(80);
ALTER TABLE runs ADD COLUMN depth INT DEFAULT 0 NOT NULL;
CREATE INDEX runs_parent ON runs (parent_run_id);

ALTER TABLE run_steps ADD COLUMN child_run_id VARCHAR(64);
