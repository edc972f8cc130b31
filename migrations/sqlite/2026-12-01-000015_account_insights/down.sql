DROP TABLE team_integrations;
DROP TABLE posts;
DROP TABLE account_snapshots;
ALTER TABLE platform_accounts DROP COLUMN stats_problem;
ALTER TABLE platform_accounts DROP COLUMN stats_source;
ALTER TABLE platform_accounts DROP COLUMN avg_views;
ALTER TABLE platform_accounts DROP COLUMN avg_comments;
ALTER TABLE platform_accounts DROP COLUMN avg_likes;
