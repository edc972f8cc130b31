//! One module per screen.

pub mod auth;
pub mod board;
pub mod boards;
