//! Running Rapport in production: health and readiness checks, request ids and access logs,
//! security headers, metrics, backups.

pub mod backup;
pub mod health;
pub mod metrics;
pub mod request_id;
pub mod security_headers;
