-- Webhooks: a team's endpoints (a URL, the events it wants, its signing secret sealed with the
-- data key), and each event's delivery to each endpoint: queued in the transaction that made the
-- change (a `webhook_delivery` job), tried with backoff, its last answer kept. An endpoint
-- failing for three days is disabled (`disabled_at`) and its team's owners are told.
CREATE TABLE webhook_endpoints (
    id TEXT PRIMARY KEY NOT NULL,
    team_id TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    events TEXT NOT NULL,
    secret TEXT NOT NULL,
    secret_key_id TEXT NOT NULL,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    failing_since TIMESTAMP,
    disabled_at TIMESTAMP
);
CREATE INDEX webhook_endpoints_team ON webhook_endpoints (team_id);
CREATE INDEX webhook_endpoints_created_by ON webhook_endpoints (created_by);

CREATE TABLE webhook_deliveries (
    id TEXT PRIMARY KEY NOT NULL,
    endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts INTEGER NOT NULL,
    response_status INTEGER,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    delivered_at TIMESTAMP
);
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, id);
