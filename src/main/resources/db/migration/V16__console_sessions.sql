-- Console sign-ins. A session is named by a random token kept only in the browser's cookie; the
-- table holds its SHA-256, like API keys. It belongs to the key that signed in: revoking or expiring
-- that key ends the session too. Any api process can read it (no sticky sessions needed).
CREATE TABLE console_sessions (
    token_hash      VARCHAR(64)  PRIMARY KEY,
    key_id          VARCHAR(64)  NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    csrf_token      VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX console_sessions_expiry ON console_sessions (expires_at);
