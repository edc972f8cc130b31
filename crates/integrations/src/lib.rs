//! Rapport's outbound clients. Each takes its endpoint from configuration, so tests point it at a
//! local server speaking the provider's protocol.

pub mod smtp;
