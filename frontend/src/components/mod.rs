//! Pieces shared by several pages.

pub mod errors;
pub mod labels;
pub mod mover;
pub mod nav;
pub mod panel;
