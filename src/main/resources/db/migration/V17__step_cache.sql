-- The step result cache: a step with "cache": {"ttl": ...} reuses the output a step of the same type
-- produced for the same app and the same resolved input (or key). Entries are per app and expire.
CREATE TABLE step_cache (
    app_id          VARCHAR(64)  NOT NULL,
    cache_key       VARCHAR(64)  NOT NULL,
    output          TEXT         NOT NULL,
    source_run_id   VARCHAR(64)  NOT NULL,
    source_step_id  VARCHAR(200) NOT NULL,
    cost_usd        DOUBLE PRECISION NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (app_id, cache_key)
);
CREATE INDEX step_cache_expiry ON step_cache (expires_at);

-- A step whose output came from the cache: where from, and what it did not spend.
CREATE TABLE step_cache_hits (
    run_id          VARCHAR(64)  NOT NULL,
    step_id         VARCHAR(200) NOT NULL,
    app_id          VARCHAR(64)  NOT NULL,
    source_run_id   VARCHAR(64)  NOT NULL,
    source_step_id  VARCHAR(200) NOT NULL,
    saved_usd       DOUBLE PRECISION NOT NULL,
    hit_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (run_id, step_id)
);
CREATE INDEX step_cache_hits_app ON step_cache_hits (app_id, hit_at);
