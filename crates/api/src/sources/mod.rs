//! Data sources: a team's lists and accounts where creators who already know it hide
//! (`csv_import` for uploaded lists), the matching of their contacts against the network's
//! creators and the team's influencers (`matching`), and what the team sees and does
//! (`listing`: the sources' cards, the matches of the Influencers tab, dismissing, disconnecting).
//! E-mail lists (Mailchimp, Klaviyo) are connected with a key (`list_connect`) and synced by a
//! recurring job (`list_sync`), with what they keep beside the key in `list_settings`. The
//! brand's Instagram business account and Facebook page come through Facebook Login
//! (`facebook_login`, keeping `page_settings`); an Instagram account's fans are read and looked
//! up by the same recurring job (`instagram_sync`; `source_sync` sends each source to its
//! reader). A synced source's schedule and settings are in `source_settings`.

pub mod csv_import;
pub mod facebook_login;
pub mod instagram_sync;
pub mod list_connect;
pub mod list_settings;
pub mod list_sync;
pub mod listing;
pub mod manual_import;
pub mod match_digest;
pub mod matching;
pub mod matching_job;
pub mod page_settings;
pub mod source_settings;
pub mod source_sync;
