//! One module per screen.

pub mod auth;
pub mod board;
pub mod boards;
pub mod connect;
pub mod connections;
pub mod creator;
pub mod creator_invites;
pub mod creator_verify;
pub mod dev_mailbox;
pub mod favourites;
pub mod influencer;
pub mod invite;
pub mod messages;
pub mod network;
pub mod notifications;
pub mod reminders;
pub mod sources;
pub mod team;
