//! Pieces of the screens: `board/` and `influencer/` hold one component a file.

pub mod board;
pub mod errors;
pub mod influencer;
pub mod nav;
