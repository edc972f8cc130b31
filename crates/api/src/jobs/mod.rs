//! Durable background work (the queue is `rapport_store::jobs`): a [`runner::JobRunner`] claims
//! due jobs of the kinds it has handlers for and runs them; each kind's handler lives with its
//! feature (mail in `mail::worker`). See docs/decisions.md, "One job queue".

pub mod runner;

pub use rapport_store::jobs::kinds;
