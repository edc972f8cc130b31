//! Accounts and sessions: sign-up, log-in, token refresh, log-out, who am I.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::creators::AccountKind;
use crate::ids::{CreatorId, UserId};
use crate::limits::{TEAM_NAME_MAX, USER_NAME_MAX};
use crate::teams::Team;
use crate::validation::{
    check_password, check_token, clean_name, normalize_email, FieldErrors, Validate,
};

/// Access tokens live this long.
pub const ACCESS_TOKEN_SECONDS: i64 = 15 * 60;
/// Refresh tokens live this long (each use rotates it).
pub const REFRESH_TOKEN_DAYS: i64 = 30;

/// `POST /api/v1/auth/signup`: creates the user and their first team, with them as owner.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SignupRequest {
    /// The account's e-mail address; trimmed and lower-cased.
    #[cfg_attr(feature = "openapi", schema(format = Email, max_length = 254, example = "mia@brand.example"))]
    pub email: String,
    /// At least 10 characters, at most 1,024 bytes.
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 10, max_length = 1024, example = "correct horse battery")
    )]
    pub password: String,
    /// The person's name, as teammates see it.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 100,
            pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$",
            example = "Mia Lens"
        )
    )]
    pub name: String,
    /// The first team's name; defaults to "{name}'s team". Brands only: a creator's sign-up
    /// naming a team is refused (422 `not_for_creators` on `team_name`).
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 100,
            pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$",
            example = "Acme Coffee"
        )
    )]
    #[serde(default)]
    pub team_name: Option<String>,
    /// A brand's person (the default: sign-up makes their first team) or a creator (sign-up makes
    /// their creator profile, named `name`, and no team).
    #[serde(default)]
    pub kind: AccountKind,
}

/// A sign-up that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signup {
    /// Normalised e-mail address.
    pub email: String,
    /// The password as given.
    pub password: String,
    /// Trimmed name.
    pub name: String,
    /// Trimmed team name, defaulted.
    pub team_name: String,
    /// Brand or creator.
    pub kind: AccountKind,
}

impl Validate for SignupRequest {
    type Clean = Signup;

    fn validate(&self) -> Result<Signup, FieldErrors> {
        let mut errors = FieldErrors::default();
        let email = errors.check("email", normalize_email(&self.email));
        let password = errors.check("password", check_password(&self.password));
        let name = errors.check("name", clean_name(&self.name, USER_NAME_MAX));
        let team_name = match (&self.team_name, self.kind) {
            (Some(_), AccountKind::Creator) => {
                errors.add(
                    "team_name",
                    "not_for_creators",
                    "a creator's sign-up makes no team; leave team_name out",
                );
                None
            }
            (Some(team_name), AccountKind::Brand) => {
                errors.check("team_name", clean_name(team_name, TEAM_NAME_MAX))
            }
            (None, _) => name.as_deref().map(default_team_name),
        };
        match (email, password, name, team_name) {
            (Some(email), Some(()), Some(name), Some(team_name)) if errors.0.is_empty() => {
                Ok(Signup {
                    email,
                    password: self.password.clone(),
                    name,
                    team_name,
                    kind: self.kind,
                })
            }
            _ => Err(errors),
        }
    }
}

/// "Mia Lens's team", cut to the team-name limit.
pub fn default_team_name(name: &str) -> String {
    let suffix = "'s team";
    let room = TEAM_NAME_MAX - suffix.len();
    let base: String = name.chars().take(room).collect();
    format!("{}{suffix}", base.trim_end())
}

/// `POST /api/v1/auth/login`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// The account's e-mail address (any case, surrounding spaces ignored).
    #[cfg_attr(
        feature = "openapi",
        schema(max_length = 254, example = "mia@brand.example")
    )]
    pub email: String,
    /// The password.
    #[cfg_attr(
        feature = "openapi",
        schema(max_length = 1024, example = "correct horse battery")
    )]
    pub password: String,
}

impl Validate for LoginRequest {
    /// The normalised address, or `None` when it cannot be an account's (so no account matches).
    type Clean = Option<String>;

    fn validate(&self) -> Result<Option<String>, FieldErrors> {
        let mut errors = FieldErrors::default();
        if self.email.chars().count() > crate::limits::EMAIL_MAX {
            errors.add("email", "too_long", "must be at most 254 characters");
        }
        if self.password.chars().count() > crate::limits::PASSWORD_MAX_BYTES {
            errors.add("password", "too_long", "must be at most 1024 characters");
        }
        errors
            .into_result()
            .map(|()| normalize_email(&self.email).ok())
    }
}

/// `POST /api/v1/auth/refresh` and `POST /api/v1/auth/logout`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    /// The refresh token of the session.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub refresh_token: String,
}

impl Validate for RefreshRequest {
    type Clean = String;

    fn validate(&self) -> Result<String, FieldErrors> {
        let mut errors = FieldErrors::default();
        errors.check("refresh_token", check_token(&self.refresh_token));
        errors.into_result().map(|()| self.refresh_token.clone())
    }
}

/// A signed-in session: a short-lived access token and a single-use refresh token.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Session {
    /// Send as `Authorization: Bearer {access_token}`.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires (900).
    pub expires_in: i64,
    /// Exchange at `/api/v1/auth/refresh` for a new session; each refresh token works once.
    pub refresh_token: String,
    /// Seconds until the refresh token expires.
    pub refresh_expires_in: i64,
    /// The signed-in user.
    pub user: User,
}

/// A user account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct User {
    /// The user's id.
    pub id: UserId,
    /// Normalised e-mail address.
    pub email: String,
    /// Display name.
    pub name: String,
    /// When the account was created.
    pub created_at: DateTime<Utc>,
}

/// `GET /api/v1/me`: the signed-in user and every team they belong to.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    /// The signed-in user.
    pub user: User,
    /// The user's teams, oldest membership first, each with the user's role.
    pub teams: Vec<Team>,
    /// The user's creator profile, when they are a creator (see `/api/v1/creator`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator_id: Option<CreatorId>,
}

#[cfg(test)]
#[path = "auth_tests.rs"]
mod tests;
