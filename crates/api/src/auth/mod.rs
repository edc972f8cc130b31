//! Authentication: passwords, access tokens, refresh tokens, the bearer extractor, rate limits.

pub mod extractor;
pub mod jwt;
pub mod password;
pub mod rate_limit;
pub mod tokens;

pub use extractor::AuthUser;
