//! Messaging: conversations between a team and an influencer, in the app with connected
//! creators and by e-mail with everyone else, and the replies that come back by e-mail.

pub mod conversations;
pub mod inbound;
pub mod messages;
