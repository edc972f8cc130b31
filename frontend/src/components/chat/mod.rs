//! Chat: a conversation's thread (the messenger shows it beside the list; the influencer view
//! shows it under its Chat tab).

pub mod avatar;
pub mod tab;
pub mod thread;
pub mod updates;
