//! Outgoing mail: the texts, and the worker that delivers the outbox.

pub mod templates;
pub mod worker;
