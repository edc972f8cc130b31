//! Rapport's persistence: one diesel schema for SQLite and PostgreSQL, the queries, and migrations.
//!
//! Every function takes a `&mut DbConnection`; callers run them on a blocking thread.

pub mod activity;
pub mod analytics;
pub mod api_keys;
pub mod backup;
pub mod boards;
pub mod connection_invites;
pub mod connections;
pub mod content;
pub mod conversations;
pub mod creators;
pub mod db;
pub mod error;
pub mod events;
pub mod facebook_logins;
pub mod favourites;
pub mod idempotency;
pub mod influencers;
pub mod invites;
pub mod jobs;
pub mod mail;
pub mod memberships;
pub mod notes;
pub mod notifications;
pub mod presence;
pub mod refresh_tokens;
pub mod reminders;
pub mod schema;
pub mod sources;
mod stored;
pub mod teams;
pub mod time;
pub mod users;
pub mod verifications;
pub mod wal;
pub mod webhooks;

pub use db::{
    connect, run_migrations, write_transaction, DatabaseUrl, DbConnection, Pool, PooledConnection,
};
pub use diesel::result::{DatabaseErrorKind, Error as QueryError};
pub use error::{is_unique_violation, StoreError};

/// A new time-ordered id (UUIDv7) of whichever kind the context needs.
pub fn new_id<Id: From<uuid::Uuid>>() -> Id {
    Id::from(uuid::Uuid::now_v7())
}

#[cfg(feature = "testing")]
pub mod testing;

diesel::define_sql_function! {
    /// SQL `lower()`, the same on both backends for the text we compare.
    fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

/// A `LIKE` pattern matching text that contains `needle` (lower-cased), with `\` escaping
/// the wildcards in it.
pub fn like_pattern(needle: &str) -> String {
    let escaped = needle
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}
