//! Data sources: a team's lists and accounts where creators who already know it hide
//! (`csv_import` for uploaded lists), the matching of their contacts against the network's
//! creators and the team's influencers (`matching`), and what the team sees and does
//! (`listing`: the sources' cards, the matches of the Influencers tab, dismissing, disconnecting).

pub mod csv_import;
pub mod listing;
pub mod matching;
pub mod matching_job;
