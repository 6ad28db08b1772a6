-- Schedules: a stored workflow run on a cron, by any process (a fire time is claimed with a
-- compare-and-set on next_fire_at, so one run per fire time however many processes poll).

CREATE TABLE schedules (
    id               VARCHAR(64)  PRIMARY KEY,
    app_id           VARCHAR(64)  NOT NULL REFERENCES apps (id),
    workflow_slug    VARCHAR(100) NOT NULL,
    workflow_version INT,
    input            TEXT         NOT NULL,
    cron             VARCHAR(200) NOT NULL,
    timezone         VARCHAR(64)  NOT NULL,
    overlap          VARCHAR(20)  NOT NULL,
    enabled          BOOLEAN      NOT NULL,
    next_fire_at     TIMESTAMP WITH TIME ZONE,
    last_fire_at     TIMESTAMP WITH TIME ZONE,
    last_run_id      VARCHAR(64),
    last_error       VARCHAR(1000),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX schedules_app ON schedules (app_id, id);
CREATE INDEX schedules_due ON schedules (enabled, next_fire_at);

ALTER TABLE runs ADD COLUMN schedule_id VARCHAR(64);
