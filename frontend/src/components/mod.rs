//! Pieces shared by several pages.

pub mod errors;
pub mod mover;
pub mod nav;
