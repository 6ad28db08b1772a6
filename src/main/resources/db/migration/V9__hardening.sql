-- Hardening: API key scopes, expiry and last use; per-app retention; shared rate-limit buckets.
-- H2 (MODE=PostgreSQL) and PostgreSQL alike.

-- scopes: comma-separated (runs:read, workflows:write, ...); NULL means every scope (a full key).
ALTER TABLE api_keys ADD COLUMN scopes VARCHAR(500);
ALTER TABLE api_keys ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE api_keys ADD COLUMN last_used_at TIMESTAMP WITH TIME ZONE;

-- days a finished run (and its events, deliveries and artifacts) is kept; NULL: the server default.
ALTER TABLE apps ADD COLUMN retention_days INT;

-- token buckets shared by every process (weft.rate-limits.store=database)
CREATE TABLE rate_buckets (
    bucket_key      VARCHAR(200)  PRIMARY KEY,
    tokens          DOUBLE PRECISION NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX runs_retention ON runs (app_id, finished_at);
