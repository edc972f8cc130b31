DROP TABLE outbox_mails;
DROP TABLE refresh_tokens;
DROP TABLE invites;
DROP TABLE memberships;
DROP TABLE teams;
DROP TABLE users;
