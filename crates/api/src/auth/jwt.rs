//! Access tokens: HS256 JWTs valid 15 minutes.

use std::path::Path;

use base64::Engine;
use chrono::Utc;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore;
use rapport_domain::auth::ACCESS_TOKEN_SECONDS;
use rapport_domain::UserId;
use serde::{Deserialize, Serialize};

/// Shortest accepted signing secret, in bytes.
pub const MIN_SECRET_BYTES: usize = 32;

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: String,
    iat: i64,
    exp: i64,
}

/// Signs and checks access tokens.
#[derive(Clone)]
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl JwtKeys {
    /// Keys from a secret of at least 32 bytes.
    pub fn from_secret(secret: &[u8]) -> anyhow::Result<Self> {
        anyhow::ensure!(
            secret.len() >= MIN_SECRET_BYTES,
            "the JWT secret must be at least {MIN_SECRET_BYTES} bytes"
        );
        Ok(Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
        })
    }

    /// The dev secret kept in `path`, generated (random, 0600) on first use.
    pub fn load_or_create(path: &Path) -> anyhow::Result<Self> {
        use anyhow::Context;
        if let Ok(existing) = std::fs::read_to_string(path) {
            let secret = base64::engine::general_purpose::STANDARD
                .decode(existing.trim())
                .with_context(|| format!("{} is not base64", path.display()))?;
            return Self::from_secret(&secret);
        }
        let mut secret = [0u8; 48];
        rand::rng().fill_bytes(&mut secret);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)
                .with_context(|| format!("cannot create {}", folder.display()))?;
        }
        std::fs::write(
            path,
            base64::engine::general_purpose::STANDARD.encode(secret),
        )
        .with_context(|| format!("cannot write {}", path.display()))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
                .with_context(|| format!("cannot protect {}", path.display()))?;
        }
        Self::from_secret(&secret)
    }

    /// A new access token for the user.
    pub fn issue(&self, user: UserId) -> anyhow::Result<String> {
        let now = Utc::now().timestamp();
        let claims = Claims {
            sub: user.to_string(),
            iat: now,
            exp: now + ACCESS_TOKEN_SECONDS,
        };
        Ok(jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &self.encoding,
        )?)
    }

    /// The user a valid, unexpired token was issued to.
    pub fn verify(&self, token: &str) -> Option<UserId> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 0;
        validation.set_required_spec_claims(&["exp", "sub"]);
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &validation).ok()?;
        data.claims.sub.parse().ok()
    }
}

#[cfg(test)]
#[path = "jwt_tests.rs"]
mod tests;
