//! Data sources: a team's lists and accounts where creators who already know it hide
//! (`csv_import` for uploaded lists), the matching of their contacts against the network's
//! creators and the team's influencers (`matching`), and what the team sees and does
//! (`listing`: the sources' cards, the matches of the Influencers tab, dismissing, disconnecting).
//! E-mail lists (Mailchimp, Klaviyo) are connected with a key (`list_connect`) and synced by a
//! recurring job (`list_sync`), with what they keep beside the key in `list_settings`.

pub mod csv_import;
pub mod list_connect;
pub mod list_settings;
pub mod list_sync;
pub mod listing;
pub mod manual_import;
pub mod match_digest;
pub mod matching;
pub mod matching_job;
