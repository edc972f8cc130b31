//! Rapport's domain: the request and response types of the REST API and the pure rules behind them.
//!
//! This crate does no I/O and builds for `wasm32-unknown-unknown`, so the browser app uses exactly the
//! types the server uses. The `openapi` feature adds the OpenAPI schema derives the server needs.

pub mod activity;
pub mod analytics;
pub mod api_keys;
pub mod auth;
pub mod boards;
pub mod connections;
pub mod contacts;
pub mod content;
pub mod countries;
pub mod creators;
pub mod facebook;
pub mod ids;
pub mod influencers;
pub mod limits;
pub mod list_providers;
pub mod mail;
pub mod messages;
pub mod network;
pub mod notes;
pub mod notifications;
pub mod ordering;
pub mod page;
pub mod problem;
pub mod profiles;
pub mod realtime;
pub mod reminders;
pub mod reply_text;
pub mod sources;
#[cfg(feature = "diesel")]
mod stored;
pub mod teams;
pub mod validation;
pub mod verifications;
pub mod webhooks;

pub use ids::{
    AccountId, ActivityId, ApiKeyId, BoardId, CardId, ColumnId, ConnectionId, ConnectionInviteId,
    ConversationId, CreatorAccountId, CreatorId, FacebookLoginId, InfluencerId, InviteId, JobId,
    LabelId, MailId, MembershipId, MessageId, NoteId, NotificationId, PostId, RefreshTokenId,
    ReminderId, SessionId, SourceId, SourceMatchId, TeamId, UserId, VerificationId,
    WebhookDeliveryId, WebhookId,
};
pub use problem::{FieldError, Problem};
pub use validation::{FieldErrors, Validate};
