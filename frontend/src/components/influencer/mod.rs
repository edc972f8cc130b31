//! An influencer's parts, one component a file: in the board's panel and on the influencer's page.
//! They share `contexts::influencer` (and, on the board, tell the board when it has to be read
//! again).

pub mod accounts;
pub mod details;
pub mod growth;
pub mod history;
pub mod insights;
pub mod labels;
pub mod notes;
pub mod panel;
pub mod reminders;
pub mod tabs;
