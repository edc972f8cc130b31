//! E-mail list providers a team connects as data sources (Mailchimp audiences, Klaviyo lists):
//! an API key, checked at once and stored encrypted; the lists picked, each a source synced on a
//! schedule.

use serde::{Deserialize, Serialize};

/// Hours between two syncs of a list, unless the team picks another schedule.
pub const SYNC_EVERY_HOURS_DEFAULT: u32 = 6;
/// The shortest schedule a team may pick.
pub const SYNC_EVERY_HOURS_MIN: u32 = 1;
/// The longest schedule a team may pick (a week).
pub const SYNC_EVERY_HOURS_MAX: u32 = 168;
/// Characters of an API key, at most.
pub const API_KEY_MAX: usize = 200;
/// Lists connected at once, at most.
pub const LISTS_PER_CONNECT_MAX: usize = 50;

/// An e-mail list provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ListProvider {
    /// Mailchimp (audiences).
    Mailchimp,
    /// Klaviyo (lists).
    Klaviyo,
}

impl ListProvider {
    /// The stored spelling (a source's kind).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Mailchimp => "mailchimp",
            Self::Klaviyo => "klaviyo",
        }
    }

    /// Its name, for people.
    pub fn title(self) -> &'static str {
        match self {
            Self::Mailchimp => "Mailchimp",
            Self::Klaviyo => "Klaviyo",
        }
    }

    /// The provider a stored spelling names.
    pub fn parse(value: &str) -> Option<Self> {
        [Self::Mailchimp, Self::Klaviyo]
            .into_iter()
            .find(|provider| provider.as_str() == value)
    }
}

/// An API key, to check or to store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProviderKey {
    /// The provider's API key (a Mailchimp key ends with its data centre, like `-us14`; a Klaviyo
    /// private key starts with `pk_`). Never shown again.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub api_key: String,
}

/// A list the key can read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProviderList {
    /// The provider's id of the list.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its members, when the provider says.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub members: Option<i64>,
    /// Whether the team has connected it already.
    pub connected: bool,
}

/// `POST /api/v1/teams/{team_id}/sources/{provider}`: lists to connect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConnectLists {
    /// The provider's API key.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub api_key: String,
    /// The lists to connect (ids from the lists the key reads): 1 to 50.
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 50))]
    pub list_ids: Vec<String>,
    /// Hours between two syncs (1 to 168; 6 unless given).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 168))]
    pub sync_every_hours: Option<u32>,
}

/// `PATCH /api/v1/sources/{source_id}`: a synced source's schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SourceUpdate {
    /// Hours between two syncs (1 to 168).
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 168))]
    pub sync_every_hours: u32,
}

/// How far a running sync is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SyncProgress {
    /// Contacts read so far.
    pub done: i64,
    /// Contacts to read, when the provider says.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub total: Option<i64>,
}
