-- Per-app default provider (and model) per capability: text, image, moderation, embedding, vision.
-- A step that names no provider takes the app's default, then the server's, then the local one.

CREATE TABLE app_provider_defaults (
    app_id          VARCHAR(64)   NOT NULL,
    capability      VARCHAR(32)   NOT NULL,
    provider        VARCHAR(64)   NOT NULL,
    model           VARCHAR(200),
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (app_id, capability)
);
