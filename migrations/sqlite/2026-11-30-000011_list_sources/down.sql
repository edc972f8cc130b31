ALTER TABLE sources DROP COLUMN former_subscribers;
