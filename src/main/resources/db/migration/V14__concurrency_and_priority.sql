-- Concurrency keys and priority. A run whose definition has a concurrency key stores the key's
-- value and limit; at most that many runs of the app with the same value run at once, the others
-- wait in pending (status_reason says why) and start in submission order. A key's row in
-- concurrency_keys is what admissions lock, so two processes never both take the last slot.
-- priority (0-9, higher first) orders steps waiting for execution slots.

ALTER TABLE runs ADD COLUMN priority INT DEFAULT 5 NOT NULL;
ALTER TABLE runs ADD COLUMN concurrency_key VARCHAR(200);
ALTER TABLE runs ADD COLUMN concurrency_limit INT;
ALTER TABLE runs ADD COLUMN status_reason VARCHAR(500);
CREATE INDEX runs_concurrency ON runs (app_id, concurrency_key, status);

CREATE TABLE concurrency_keys (
    app_id          VARCHAR(64)  NOT NULL,
    key_value       VARCHAR(200) NOT NULL,
    PRIMARY KEY (app_id, key_value)
);
