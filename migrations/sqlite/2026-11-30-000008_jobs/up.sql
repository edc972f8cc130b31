-- Durable background work: one queue for every kind of job (mail, source syncs, matching,
-- profile lookups...). A job is claimed with a lease (`locked_until`); a worker that dies loses
-- its lease and another takes the job up again from its last committed `cursor`. At most one
-- queued job per kind and subject, and a job is not claimed while another of its kind and subject
-- runs: a source is never synced twice at once, and a change during a run queues one more. A
-- recurring job (`every_seconds`) is queued again when it ends.

CREATE TABLE jobs (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    team_id TEXT REFERENCES teams (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    run_at TIMESTAMP NOT NULL,
    locked_until TIMESTAMP,
    cursor TEXT,
    progress_done BIGINT NOT NULL DEFAULT 0,
    progress_total BIGINT,
    every_seconds BIGINT,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP
);
CREATE UNIQUE INDEX jobs_queued ON jobs (kind, subject) WHERE status = 'queued';
CREATE INDEX jobs_due ON jobs (status, run_at);
CREATE INDEX jobs_team ON jobs (team_id);
CREATE INDEX jobs_subject ON jobs (subject, created_at);

-- The outbox's pending mails become jobs (the job takes the mail's id).
INSERT INTO jobs (id, kind, subject, status, attempts, run_at, progress_done, created_at, updated_at)
SELECT id, 'mail', id, 'queued', attempts, next_attempt_at, 0, created_at, created_at
FROM outbox_mails WHERE status = 'pending';
