DROP TABLE creator_accounts;
DROP TABLE creator_languages;
DROP TABLE creator_categories;
DROP TABLE creators;
