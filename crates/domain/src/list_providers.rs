//! E-mail list providers a team connects as data sources (Mailchimp audiences, Klaviyo lists):
//! an API key, checked at once and stored encrypted; the lists picked, each a source synced on a
//! schedule.

use serde::{Deserialize, Deserializer, Serialize};

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
    #[serde(
        skip_serializing_if = "Option::is_none",
        default,
        deserialize_with = "whole_hours_or_none"
    )]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 168))]
    pub sync_every_hours: Option<u32>,
}

/// `PATCH /api/v1/sources/{source_id}`: a synced source's settings (those given change).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SourceUpdate {
    /// Hours between two syncs (1 to 168).
    #[serde(
        skip_serializing_if = "Option::is_none",
        default,
        deserialize_with = "whole_hours_or_none"
    )]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 168))]
    pub sync_every_hours: Option<u32>,
    /// Instagram: followers a fan needs to count as an influencer (0 to 100,000,000).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 100_000_000))]
    pub min_followers: Option<i64>,
}

/// A whole number of hours, written `6` or `6.0` (JSON Schema's integers include both).
fn whole_hours<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u32, D::Error> {
    let value = f64::deserialize(deserializer)?;
    if value.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&value) {
        Ok(value as u32)
    } else {
        Err(serde::de::Error::custom(
            "hours must be a whole number from 1 to 168",
        ))
    }
}

pub(crate) fn whole_hours_or_none<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<u32>, D::Error> {
    #[derive(Deserialize)]
    struct Hours(#[serde(deserialize_with = "whole_hours")] u32);
    Ok(Option::<Hours>::deserialize(deserializer)?.map(|Hours(hours)| hours))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_are_whole_numbers_written_either_way() {
        let read =
            |text: &str| serde_json::from_str::<SourceUpdate>(text).map(|u| u.sync_every_hours);
        assert_eq!(read(r#"{"sync_every_hours": 6}"#).unwrap(), Some(6));
        assert_eq!(read(r#"{"sync_every_hours": 168.0}"#).unwrap(), Some(168));
        assert!(read(r#"{"sync_every_hours": 1.5}"#).is_err());
        assert_eq!(read(r#"{"min_followers": 10}"#).unwrap(), None);
        assert!(read(r#"{"sync_every_hours": -1}"#).is_err());
        let connect =
            |text: &str| serde_json::from_str::<ConnectLists>(text).map(|c| c.sync_every_hours);
        assert_eq!(
            connect(r#"{"api_key": "k", "list_ids": ["a"]}"#).unwrap(),
            None
        );
        assert_eq!(
            connect(r#"{"api_key": "k", "list_ids": ["a"], "sync_every_hours": null}"#).unwrap(),
            None
        );
        assert_eq!(
            connect(r#"{"api_key": "k", "list_ids": ["a"], "sync_every_hours": 12.0}"#).unwrap(),
            Some(12)
        );
        assert_eq!(ListProvider::parse("klaviyo"), Some(ListProvider::Klaviyo));
        assert_eq!(ListProvider::parse("csv"), None);
    }
}
