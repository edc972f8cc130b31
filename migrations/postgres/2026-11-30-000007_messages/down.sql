ALTER TABLE outbox_mails DROP COLUMN reply_to;
ALTER TABLE outbox_mails DROP COLUMN from_name;
DROP INDEX notifications_conversation;
ALTER TABLE notifications DROP COLUMN conversation_id;
DROP TABLE messages;
DROP TABLE conversations;
