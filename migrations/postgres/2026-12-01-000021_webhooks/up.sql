-- Webhooks: a team's endpoints (a URL, the events it wants, its signing secret sealed with the
-- data key), and each event's delivery to each endpoint: queued in the transaction that made the
-- change (a `webhook_delivery` job), tried with backoff, its last answer kept. An endpoint
-- failing for three days is disabled (`disabled_at`) and its team's owners are told.
CREATE TABLE webhook_endpoints (
    id TEXT COLLATE "C" PRIMARY KEY,
    team_id TEXT COLLATE "C" NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    url TEXT COLLATE "C" NOT NULL,
    events TEXT COLLATE "C" NOT NULL,
    secret TEXT COLLATE "C" NOT NULL,
    secret_key_id TEXT COLLATE "C" NOT NULL,
    created_by TEXT COLLATE "C" REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    failing_since TIMESTAMP WITHOUT TIME ZONE,
    disabled_at TIMESTAMP WITHOUT TIME ZONE
);
CREATE INDEX webhook_endpoints_team ON webhook_endpoints (team_id);
CREATE INDEX webhook_endpoints_created_by ON webhook_endpoints (created_by);

CREATE TABLE webhook_deliveries (
    id TEXT COLLATE "C" PRIMARY KEY,
    endpoint_id TEXT COLLATE "C" NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event TEXT COLLATE "C" NOT NULL,
    payload TEXT COLLATE "C" NOT NULL,
    status TEXT COLLATE "C" NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts INTEGER NOT NULL,
    response_status INTEGER,
    last_error TEXT COLLATE "C",
    created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    delivered_at TIMESTAMP WITHOUT TIME ZONE
);
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, id);
