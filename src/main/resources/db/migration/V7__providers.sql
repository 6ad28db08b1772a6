-- Per-app provider keys (encrypted with AES-GCM, never stored in clear) and the usage ledger that
-- per-run and per-app budgets are checked against. H2 (MODE=PostgreSQL) and PostgreSQL alike.

CREATE TABLE provider_keys (
    app_id          VARCHAR(64)   NOT NULL,
    provider        VARCHAR(64)   NOT NULL,
    encrypted_key   VARCHAR(4096) NOT NULL,
    key_hint        VARCHAR(32)   NOT NULL,
    base_url        VARCHAR(2048),
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (app_id, provider)
);

CREATE TABLE provider_usage (
    run_id          VARCHAR(64)   NOT NULL,
    step_id         VARCHAR(64)   NOT NULL,
    app_id          VARCHAR(64)   NOT NULL,
    provider        VARCHAR(64)   NOT NULL,
    model           VARCHAR(200),
    input_tokens    BIGINT        NOT NULL,
    output_tokens   BIGINT        NOT NULL,
    images          INT           NOT NULL,
    cost_usd        DOUBLE PRECISION NOT NULL,
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (run_id, step_id)
);
CREATE INDEX provider_usage_app ON provider_usage (app_id, recorded_at);

CREATE TABLE app_budgets (
    app_id          VARCHAR(64)   PRIMARY KEY,
    max_cost_usd_per_month DOUBLE PRECISION NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
