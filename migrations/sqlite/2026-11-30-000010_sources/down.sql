DROP TABLE source_matches;
DROP TABLE contacts;
DROP TABLE sources;
