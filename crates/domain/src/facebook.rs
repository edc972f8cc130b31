//! Connecting the brand's Instagram business account and Facebook page through Facebook Login:
//! a login is started for a team (an authorize link with a one-time `state`), Facebook sends the
//! person back with a code, the code becomes a long-lived token, and the person picks one of the
//! pages they manage. An Instagram source reads the accounts that tag the brand and comment on its
//! media (its fans); each fan is looked up and counts as an influencer from a number of followers.
//! A Facebook page source stores the page and shows it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{FacebookLoginId, TeamId};

/// Followers a fan needs to count as an influencer, unless the team picks another number.
pub const MIN_FOLLOWERS_DEFAULT: i64 = 1_000;
/// The highest follower threshold a team may pick.
pub const MIN_FOLLOWERS_MAX: i64 = 100_000_000;
/// Minutes a login may take, from its authorize link to the page picked.
pub const LOGIN_MINUTES: i64 = 30;
/// Characters of a code or a state Facebook sends back, at most.
pub const CALLBACK_FIELD_MAX: usize = 2_048;

/// What a Facebook login connects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum PageConnect {
    /// The page's Instagram business account (its fans become a source).
    Instagram,
    /// The Facebook page itself.
    Facebook,
}

impl PageConnect {
    /// The stored spelling (the source's kind).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Instagram => "instagram",
            Self::Facebook => "facebook",
        }
    }

    /// The spelling stored.
    pub fn parse(value: &str) -> Option<Self> {
        [Self::Instagram, Self::Facebook]
            .into_iter()
            .find(|connect| connect.as_str() == value)
    }
}

/// `POST /api/v1/teams/{team_id}/facebook-logins`: start a login.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StartFacebookLogin {
    /// What the login connects.
    pub connect: PageConnect,
}

/// A login started: send the person to `authorize_url`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FacebookLoginStarted {
    /// The login's id.
    pub id: FacebookLoginId,
    /// Facebook's authorize dialog, for this login (its `state` is good once).
    pub authorize_url: String,
    /// The login must end before.
    pub expires_at: DateTime<Utc>,
}

/// `POST /api/v1/facebook-logins/callback`: what Facebook sent back to the web app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FacebookCallback {
    /// The `code` query parameter.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 2048))]
    pub code: String,
    /// The `state` query parameter.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 2048))]
    pub state: String,
}

/// A page the person manages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FacebookPage {
    /// Facebook's id of the page.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its category ("Coffee Shop").
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub category: Option<String>,
    /// The Instagram business account connected to it, when there is one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub instagram_account_id: Option<String>,
    /// Whether the team has connected it already (for this login's kind).
    pub connected: bool,
}

/// A login Facebook came back from: the pages to pick from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FacebookLogin {
    /// The login's id.
    pub id: FacebookLoginId,
    /// The team it connects for.
    pub team_id: TeamId,
    /// What it connects.
    pub connect: PageConnect,
    /// The pages the person manages.
    pub pages: Vec<FacebookPage>,
    /// A page must be picked before.
    pub expires_at: DateTime<Utc>,
}

/// `POST /api/v1/facebook-logins/{login_id}/page`: the page picked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PickPage {
    /// Facebook's id of the page (one of the login's pages).
    pub page_id: String,
    /// Instagram: followers a fan needs to count as an influencer (0 to 100,000,000; 1,000
    /// unless given).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 100_000_000))]
    pub min_followers: Option<i64>,
    /// Instagram: hours between two reads of the fans (1 to 168; 6 unless given).
    #[serde(
        skip_serializing_if = "Option::is_none",
        default,
        deserialize_with = "crate::list_providers::whole_hours_or_none"
    )]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 168))]
    pub sync_every_hours: Option<u32>,
}

/// The page a source reads (an Instagram source's page, a Facebook page source's page).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConnectedPage {
    /// Facebook's id of the page.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its category.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub category: Option<String>,
    /// The Instagram business account's id (an Instagram source's).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub instagram_account_id: Option<String>,
    /// The Instagram business account's username, when Facebook told it.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub instagram_username: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_back() {
        for connect in [PageConnect::Instagram, PageConnect::Facebook] {
            assert_eq!(PageConnect::parse(connect.as_str()), Some(connect));
        }
        assert_eq!(PageConnect::parse("tiktok"), None);
    }

    #[test]
    fn a_page_pick_takes_whole_hours_only() {
        let pick: PickPage =
            serde_json::from_str(r#"{"page_id":"1","sync_every_hours":12.0}"#).unwrap();
        assert_eq!(pick.sync_every_hours, Some(12));
        assert!(
            serde_json::from_str::<PickPage>(r#"{"page_id":"1","sync_every_hours":1.5}"#).is_err()
        );
    }
}
