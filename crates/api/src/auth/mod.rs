//! Authentication: passwords, access tokens, refresh tokens, the bearer extractor, rate limits.

pub mod extractor;
pub mod jwt;
pub mod password;
pub mod rate_limit;
pub mod tokens;

pub use extractor::AuthUser;

/// The token of an `Authorization: Bearer {token}` header, trimmed.
pub fn bearer(headers: &actix_web::http::header::HeaderMap) -> Option<&str> {
    let value = headers
        .get(actix_web::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))
        .map(str::trim)
}
