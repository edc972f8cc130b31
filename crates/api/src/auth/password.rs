//! Password hashing with argon2id (the crate's defaults: 19 MiB, 2 passes), off the async workers.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::SaltString;
use std::sync::OnceLock;

use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};

use crate::error::{ApiError, ApiResult};

/// Hashes a password into a PHC string.
pub async fn hash(password: String) -> ApiResult<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|e| ApiError::internal(anyhow::anyhow!("argon2: {e}")))
    })
    .await
    .map_err(ApiError::internal)?
}

/// Checks a password against a PHC string. With no stored hash (unknown account) it still does
/// the work of one check, so response times do not reveal which addresses have accounts.
pub async fn verify(password: String, stored: Option<String>) -> ApiResult<bool> {
    tokio::task::spawn_blocking(move || {
        let known = stored.is_some();
        let stored = match stored {
            Some(stored) => stored,
            None => dummy_hash()?.to_owned(),
        };
        let parsed = PasswordHash::new(&stored)
            .map_err(|e| ApiError::internal(anyhow::anyhow!("stored hash: {e}")))?;
        let ok = Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        Ok(ok && known)
    })
    .await
    .map_err(ApiError::internal)?
}

/// The hash of a random password nobody knows, made once, with the same parameters as real ones.
pub(crate) fn dummy_hash() -> ApiResult<&'static str> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    if let Some(hash) = DUMMY.get() {
        return Ok(hash);
    }
    let salt = SaltString::generate(&mut OsRng);
    let hash = Argon2::default()
        .hash_password(salt.as_str().as_bytes(), &salt)
        .map_err(|e| ApiError::internal(anyhow::anyhow!("argon2: {e}")))?
        .to_string();
    Ok(DUMMY.get_or_init(|| hash))
}

#[cfg(test)]
#[path = "password_tests.rs"]
mod tests;
