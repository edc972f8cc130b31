//! CRM logic shared by several endpoint groups: finding or creating influencers from profiles,
//! placing cards and columns, the activity history, and assembling a whole board.

pub mod activity;
pub mod board_cache;
pub mod board_view;
pub mod cards;
pub mod influencers;
pub mod placement;
pub mod posts;
