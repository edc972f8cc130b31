-- Idempotent retries: a POST sent with an `Idempotency-Key` is remembered for 24 hours per
-- caller (`scope`: the user, later an API key): the request's fingerprint (method, path, query,
-- body), and once answered its status and body, which a retry with the same key and the same
-- request gets again without the work being done twice. A row without a status is a request
-- still running (or one whose server died: it is taken over after a few minutes).
CREATE TABLE idempotency_keys (
    scope TEXT COLLATE "C" NOT NULL,
    idempotency_key TEXT COLLATE "C" NOT NULL,
    fingerprint TEXT COLLATE "C" NOT NULL,
    status INTEGER,
    content_type TEXT,
    location TEXT,
    body TEXT,
    created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    PRIMARY KEY (scope, idempotency_key)
);
CREATE INDEX idempotency_keys_expires ON idempotency_keys (expires_at);
