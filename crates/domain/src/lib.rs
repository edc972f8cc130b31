//! Rapport's domain: the request and response types of the REST API and the pure rules behind them.
//!
//! This crate does no I/O and builds for `wasm32-unknown-unknown`, so the browser app uses exactly the
//! types the server uses. The `openapi` feature adds the OpenAPI schema derives the server needs.

pub mod auth;
pub mod ids;
pub mod limits;
pub mod mail;
pub mod page;
pub mod problem;
pub mod teams;
pub mod validation;

pub use ids::{InviteId, MailId, TeamId, UserId};
pub use problem::{FieldError, Problem};
pub use validation::{FieldErrors, Validate};
