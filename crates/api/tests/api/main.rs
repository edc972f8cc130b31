//! In-process API tests: each test starts the real server on a free port with its own database,
//! once on SQLite and once on PostgreSQL.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test fails loudly at the first surprise"
)]

mod support;

mod analytics;
mod api_keys;
mod auth;
mod boards;
mod cards;
mod connections;
mod content;
mod creators;
mod crm_isolation;
mod cross_team;
mod errors;
mod explore;
mod facebook_sources;
mod idempotency;
mod influencers;
mod invites;
mod labels;
mod list_sources;
mod list_sources_crash;
mod mail;
mod members;
mod messages;
mod network;
mod notes;
mod openapi;
mod operations;
mod realtime;
mod reminder_notifications;
mod reminders;
mod sources;
mod teams;
mod verifications;
mod webhooks;
