DELETE FROM jobs WHERE kind IN ('reminder_due', 'overdue_digest');
ALTER TABLE memberships DROP COLUMN overdue_digest;
ALTER TABLE memberships DROP COLUMN reminder_email;
DELETE FROM notifications WHERE kind = 'reminder_due';
DROP INDEX notifications_influencer;
ALTER TABLE notifications DROP COLUMN influencer_id;
DROP INDEX reminders_open_due;
ALTER TABLE reminders DROP COLUMN notified_for;
