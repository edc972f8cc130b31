-- Reminders that notify: a reminder keeps the due time it told its assignee about (a job run twice
-- tells once; a reminder moved later tells again), a notification names the influencer it is
-- about, and each member keeps, per team, the mail of a due reminder and the daily digest of
-- overdue ones (both on unless turned off).
ALTER TABLE reminders ADD COLUMN notified_for TIMESTAMP;
CREATE INDEX reminders_open_due ON reminders (due_at) WHERE done_at IS NULL;
ALTER TABLE notifications ADD COLUMN influencer_id TEXT REFERENCES influencers (id) ON DELETE CASCADE;
CREATE INDEX notifications_influencer ON notifications (influencer_id);
ALTER TABLE memberships ADD COLUMN reminder_email BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE memberships ADD COLUMN overdue_digest BOOLEAN NOT NULL DEFAULT TRUE;

-- Open reminders already due count as told (they are in the overdue digest, rather than all
-- notified at once on the upgrade); each one still to come gets its `reminder_due` job, which
-- takes the reminder's id.
UPDATE reminders SET notified_for = due_at
WHERE done_at IS NULL AND due_at <= strftime('%Y-%m-%d %H:%M:%f', 'now');
INSERT INTO jobs (id, kind, subject, team_id, status, attempts, run_at, progress_done, created_at, updated_at)
SELECT id, 'reminder_due', id, team_id, 'queued', 0, due_at, 0,
       strftime('%Y-%m-%d %H:%M:%f', 'now'), strftime('%Y-%m-%d %H:%M:%f', 'now')
FROM reminders WHERE done_at IS NULL AND notified_for IS NULL;
