//! Pieces shared by several pages.

pub mod errors;
pub mod nav;
