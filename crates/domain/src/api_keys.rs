//! Team API keys: integrators' credentials. An owner or admin makes one with a name, a scope
//! (read, or read and write) and an optional expiry; its secret is shown once (stored as a hash,
//! recognised by its visible prefix), it works on its team's routes only, each use is recorded,
//! and revoking it ends it at once. What it changes shows in activity as done by
//! "API key “{name}”".

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::validation::{clean_name, FieldErrors, Validate};
use crate::ApiKeyId;

/// Longest name.
pub const API_KEY_NAME_MAX: usize = 100;
/// Requests a key may send a minute, unless the server is configured otherwise.
pub const REQUESTS_PER_MINUTE: u32 = 600;
/// What every key's secret starts with (secret scanners and people recognise it).
pub const SECRET_PREFIX: &str = "rpk_";

/// What a key may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow))]
#[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
#[serde(rename_all = "snake_case")]
pub enum ApiKeyScope {
    /// `GET` only.
    Read,
    /// Everything a team member may do.
    Write,
}

#[cfg(feature = "diesel")]
crate::stored::enum_as_text!(ApiKeyScope);

impl ApiKeyScope {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::Write => "write",
        }
    }

    /// The scope of a stored spelling.
    pub fn parse(text: &str) -> Option<Self> {
        [Self::Read, Self::Write]
            .into_iter()
            .find(|scope| scope.as_str() == text)
    }

    /// Whether a request of `method` (upper case) is within the scope.
    pub fn allows(self, method: &str) -> bool {
        match self {
            Self::Write => true,
            Self::Read => matches!(method, "GET" | "HEAD"),
        }
    }
}

/// `POST /api/v1/teams/{team_id}/api-keys`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewApiKey {
    /// What the key is for ("Zapier", "Shop sync").
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 100,
            pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
        )
    )]
    pub name: String,
    /// What it may do.
    pub scope: ApiKeyScope,
    /// When it stops working (none: until revoked); must be in the future.
    #[serde(default)]
    pub expires_at: Option<DateTime<Utc>>,
}

/// A new key's fields, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRequest {
    /// The name, trimmed.
    pub name: String,
    /// The scope.
    pub scope: ApiKeyScope,
    /// The expiry.
    pub expires_at: Option<DateTime<Utc>>,
}

impl NewApiKey {
    /// The fields, checked at `now` (an expiry must be in the future).
    pub fn validate_at(&self, now: DateTime<Utc>) -> Result<KeyRequest, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = errors.check("name", clean_name(&self.name, API_KEY_NAME_MAX));
        if self.expires_at.is_some_and(|at| at <= now) {
            errors.add(
                "expires_at",
                "in_the_past",
                "An expiry must be in the future.",
            );
        }
        errors.into_result()?;
        Ok(KeyRequest {
            name: name.unwrap_or_default(),
            scope: self.scope,
            expires_at: self.expires_at,
        })
    }
}

impl Validate for NewApiKey {
    type Clean = KeyRequest;

    fn validate(&self) -> Result<KeyRequest, FieldErrors> {
        self.validate_at(Utc::now())
    }
}

/// A key, as its team's owners and admins see it (never its secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiKey {
    /// Its id.
    pub id: ApiKeyId,
    /// Its name.
    pub name: String,
    /// The start of its secret (`rpk_` and 8 characters), to recognise it.
    pub prefix: String,
    /// What it may do.
    pub scope: ApiKeyScope,
    /// When it stops working, if ever.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<DateTime<Utc>>,
    /// When it was last used (to the minute), if ever.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_used_at: Option<DateTime<Utc>>,
    /// Who made it, if they are still a user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    /// When it was made.
    pub created_at: DateTime<Utc>,
}

/// A key just made, with its secret: shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedApiKey {
    /// The key.
    #[serde(flatten)]
    pub key: ApiKey,
    /// The secret, for `Authorization: Bearer {secret}`; it cannot be shown again.
    pub secret: String,
}

/// The name of the user a key acts as (what activity shows).
pub fn actor_name(name: &str) -> String {
    format!("API key “{name}”")
}

/// The visible prefix of a secret: `rpk_` and its next 8 characters; none for what is no secret
/// of ours.
pub fn prefix_of(secret: &str) -> Option<&str> {
    let rest = secret.strip_prefix(SECRET_PREFIX)?;
    (rest.len() > 8 && rest.is_char_boundary(8)).then(|| &secret[..SECRET_PREFIX.len() + 8])
}

#[cfg(test)]
#[path = "api_keys_tests.rs"]
mod tests;
