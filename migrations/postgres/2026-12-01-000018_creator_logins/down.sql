DROP TABLE creator_logins;
DROP TABLE account_verifications;
ALTER TABLE creator_accounts DROP COLUMN verified_at;
