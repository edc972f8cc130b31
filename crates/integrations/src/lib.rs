//! Rapport's clients of the outside world (and the reader of raw inbound mail). Each takes its endpoint from configuration, so tests point it at a
//! local server speaking the provider's protocol.

pub mod contacts_csv;
pub mod facebook;
pub mod inbound;
pub mod list_providers;
pub mod oauth;
pub mod smtp;
pub mod tiktok;
pub mod youtube;
