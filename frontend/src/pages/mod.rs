//! One module per screen.

pub mod auth;
pub mod board;
pub mod boards;
pub mod creator;
pub mod influencer;
pub mod invite;
pub mod reminders;
pub mod team;
