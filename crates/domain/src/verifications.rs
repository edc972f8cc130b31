//! A creator verifies a platform account by logging in on its platform: TikTok (Login Kit),
//! Google for YouTube, Facebook for Instagram (a professional account linked to a page). The
//! verification starts with an authorize link carrying a one-time `state`; the platform sends
//! the creator back with a code, which becomes tokens; the account the platform names is then
//! the creator's and verified (claimed for them when it was not, taken from a creator who only
//! claimed it). With the creator's consent the login also reads the account's figures for the
//! brands they are connected with (TikTok's figures can be read no other way).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::profiles::{parse_profile, Platform, ProfileError, ProfileRef};
use crate::validation::{FieldErrors, Validate};
use crate::VerificationId;

/// Minutes from the authorize link to the platform sending the creator back.
pub const VERIFICATION_MINUTES: i64 = 30;
/// Characters of a code or a state a platform sends back, at most.
pub const CALLBACK_FIELD_MAX: usize = 2_048;

/// `POST /api/v1/creator/verifications`: log in on a platform to verify the account there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StartVerification {
    /// The platform to log in on.
    pub platform: Platform,
    /// Whether the brands the creator is connected with may see the figures this login reads
    /// (followers, posts and their likes, comments and views); changeable later.
    pub share_figures: bool,
}

/// A verification started: send the creator to `authorize_url`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VerificationStarted {
    /// The verification's id.
    pub id: VerificationId,
    /// The platform's login page for this verification (its `state` is good once).
    pub authorize_url: String,
    /// The creator must be back before.
    pub expires_at: DateTime<Utc>,
}

/// `POST /api/v1/creator/verifications/callback`: what the platform sent back to the web app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct VerificationCallback {
    /// The `code` query parameter.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 2048))]
    pub code: String,
    /// The `state` query parameter.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 2048))]
    pub state: String,
}

/// A callback's code and state, trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Callback {
    /// The code.
    pub code: String,
    /// The state.
    pub state: String,
}

impl Validate for VerificationCallback {
    type Clean = Callback;

    fn validate(&self) -> Result<Callback, FieldErrors> {
        let mut errors = FieldErrors::default();
        for (field, value) in [("code", &self.code), ("state", &self.state)] {
            if value.trim().is_empty() {
                errors.add(field, "required", "The platform's answer misses it.");
            } else if value.chars().count() > CALLBACK_FIELD_MAX {
                errors.add(field, "too_long", "This is not the platform's answer.");
            }
        }
        errors.into_result()?;
        Ok(Callback {
            code: self.code.trim().to_owned(),
            state: self.state.trim().to_owned(),
        })
    }
}

/// `PATCH /api/v1/creator/accounts/{account_id}`: what the creator allows of a verified
/// account's login.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateCreatorAccount {
    /// Whether the brands the creator is connected with may see the figures the login reads.
    pub share_figures: bool,
}

/// A verified account's login, as its creator sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountLogin {
    /// When the creator logged in.
    pub connected_at: DateTime<Utc>,
    /// Whether the brands they are connected with see the figures it reads.
    pub share_figures: bool,
    /// Why it no longer reads (the platform refused it): log in again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

/// What a platform said of the account the creator logged in with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedAccount {
    /// The platform.
    pub platform: Platform,
    /// The platform's id of the account (TikTok's open id, the channel id, the Instagram
    /// account id).
    pub external_id: String,
    /// Its handle, as the platform writes it (without `@`).
    pub handle: String,
    /// Its followers, when told.
    pub followers: Option<i64>,
}

/// How a verified account meets the accounts already claimed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claiming {
    /// Nobody claimed it: it becomes the creator's.
    New,
    /// The creator claimed it already.
    Theirs,
    /// Another creator claimed it without verifying it: the login proves it this creator's.
    TakenFromUnverified,
    /// Another creator verified it: refused.
    VerifiedByAnother,
}

impl Claiming {
    /// How an account claimed by `holder` (none when unclaimed), verified or not, meets a
    /// login of `creator`.
    pub fn of<C: PartialEq>(creator: &C, holder: Option<(&C, bool)>) -> Self {
        match holder {
            None => Self::New,
            Some((holder, _)) if holder == creator => Self::Theirs,
            Some((_, false)) => Self::TakenFromUnverified,
            Some((_, true)) => Self::VerifiedByAnother,
        }
    }
}

impl VerifiedAccount {
    /// The account as Rapport stores a profile (its shown handle and unique key), read as a
    /// claim of the same account would be; an error when the platform's handle cannot be one.
    pub fn profile(&self) -> Result<ProfileRef, ProfileError> {
        let given = self.handle.trim();
        let given = given.strip_prefix('@').unwrap_or(given);
        let input = match self.platform {
            // A channel without a handle is known by its id.
            Platform::Youtube if given.starts_with("UC") && given.len() == 24 => {
                format!("https://www.youtube.com/channel/{given}")
            }
            _ => format!("@{given}"),
        };
        parse_profile(&input, Some(self.platform))
    }
}

#[cfg(test)]
#[path = "verifications_tests.rs"]
mod tests;
