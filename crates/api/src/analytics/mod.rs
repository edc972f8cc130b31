//! Account analytics: each platform account's figures read in the background from the
//! platform's API with the team's own credentials (its connected Instagram business account,
//! its YouTube Data API key), or typed in by hand; one snapshot a day for the growth charts,
//! thinned with age; the recent posts the figures come from. See docs/decisions.md, "Account
//! analytics".

pub mod content;
pub mod credentials;
pub mod daily;
pub mod insights;
pub mod integrations;
pub mod readers;
pub mod refresh;
pub mod sample;
