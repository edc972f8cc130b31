-- E-mail list sources (Mailchimp, Klaviyo) keep unsubscribed members apart from subscribed ones:
-- a source counts its former subscribers beside its contacts.
ALTER TABLE sources ADD COLUMN former_subscribers BIGINT NOT NULL DEFAULT 0;
