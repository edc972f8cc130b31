DROP TABLE notifications;
DROP TABLE connections;
DROP TABLE connection_invites;
