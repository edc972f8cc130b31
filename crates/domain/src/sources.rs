//! Data sources: where a team finds the creators who already know it (an uploaded list, a
//! Mailchimp or Klaviyo list, its Instagram fans, an influencer added by hand), and the matches
//! they yield (a contact who is a network creator or one of the team's influencers).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::influencers::AccountSummary;
use crate::{CreatorId, InfluencerId, SourceId, SourceMatchId, TeamId};

/// Characters of a source's name, at most.
pub const SOURCE_NAME_MAX: usize = 100;
/// Bytes of an uploaded list, at most.
pub const CSV_MAX_BYTES: usize = 256 * 1024 * 1024;
/// Invalid rows an upload's answer lists, at most.
pub const INVALID_ROWS_SHOWN: usize = 20;

/// What a source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// An uploaded CSV list (it does not update by itself).
    Csv,
    /// A Mailchimp audience.
    Mailchimp,
    /// A Klaviyo list.
    Klaviyo,
    /// The accounts that tag, mention or comment on the brand's Instagram.
    Instagram,
    /// The brand's Facebook page.
    Facebook,
    /// Influencers added by hand.
    Manual,
}

impl SourceKind {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Mailchimp => "mailchimp",
            Self::Klaviyo => "klaviyo",
            Self::Instagram => "instagram",
            Self::Facebook => "facebook",
            Self::Manual => "manual",
        }
    }

    /// The kind a stored spelling names.
    pub fn parse(value: &str) -> Option<Self> {
        [
            Self::Csv,
            Self::Mailchimp,
            Self::Klaviyo,
            Self::Instagram,
            Self::Facebook,
            Self::Manual,
        ]
        .into_iter()
        .find(|kind| kind.as_str() == value)
    }
}

/// The source's words about one of its contacts, as a match shows them. An uploaded list's
/// contact is stored with its line only ("line 1,234"; a million contacts need not repeat the
/// list's name): it reads "in VIP customers.csv, line 1,234".
pub fn contact_words(kind: SourceKind, source_name: &str, detail: &str) -> String {
    match kind {
        SourceKind::Csv => format!("in {source_name}, {detail}"),
        _ => detail.to_owned(),
    }
}

/// Where a source stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum SourceState {
    /// Connected, never synced yet.
    New,
    /// Syncing now.
    Syncing,
    /// Synced (see `synced_at`).
    Synced,
    /// The last sync failed (see `error`): it says what to do.
    Failed,
}

impl SourceState {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Syncing => "syncing",
            Self::Synced => "synced",
            Self::Failed => "failed",
        }
    }

    /// The state a stored spelling names.
    pub fn parse(value: &str) -> Option<Self> {
        [Self::New, Self::Syncing, Self::Synced, Self::Failed]
            .into_iter()
            .find(|state| state.as_str() == value)
    }
}

/// A data source of a team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Source {
    /// The source's id.
    pub id: SourceId,
    /// The team.
    pub team_id: TeamId,
    /// What it is.
    pub kind: SourceKind,
    /// Its name (an uploaded list's segment, a Mailchimp audience's name...).
    pub name: String,
    /// Where it stands.
    pub state: SourceState,
    /// Why the last sync failed, and what to do.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub error: Option<String>,
    /// Its distinct contacts.
    pub contacts: i64,
    /// Its contacts who are creators or influencers.
    pub matches: i64,
    /// Of its contacts, those who unsubscribed (or bounced, or were archived): kept apart.
    #[serde(default)]
    pub former_subscribers: i64,
    /// Whether it updates by itself (a CSV list does not: upload it again).
    pub updates_itself: bool,
    /// The last successful sync (an upload's time for a list).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub synced_at: Option<DateTime<Utc>>,
    /// The provider's id of the list (Mailchimp, Klaviyo).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub list_id: Option<String>,
    /// The end of the stored API key ("…us14"), to tell keys apart; the key itself is never shown.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub key_hint: Option<String>,
    /// Hours between two syncs, for a source that updates itself.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub sync_every_hours: Option<u32>,
    /// When the next sync is due (a retry's time after a provider's error).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub next_sync_at: Option<DateTime<Utc>>,
    /// How far the running sync is.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub progress: Option<crate::list_providers::SyncProgress>,
    /// The Facebook page it reads (an Instagram or Facebook page source).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub page: Option<crate::facebook::ConnectedPage>,
    /// Instagram: followers a fan needs to count as an influencer.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub min_followers: Option<i64>,
    /// Connected.
    pub created_at: DateTime<Utc>,
}

/// A row of an uploaded list that was left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvalidRow {
    /// The row's line in the file (the header is line 1).
    pub line: u64,
    /// Why it was left out.
    pub reason: String,
}

/// `POST /api/v1/teams/{team_id}/sources/csv`: what an upload read and found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CsvImport {
    /// The source (a list of the same name was replaced).
    pub source: Source,
    /// The column the e-mail addresses were read from (its header, or "column 3").
    pub email_column: String,
    /// Rows read (blank lines aside).
    pub rows: u64,
    /// Rows with a valid address, duplicates aside.
    pub valid: u64,
    /// Rows whose address came earlier in the file.
    pub duplicates: u64,
    /// Rows left out.
    pub invalid: u64,
    /// The first rows left out (at most 20), with why.
    pub first_invalid: Vec<InvalidRow>,
    /// Contacts who are creators or the team's influencers.
    pub matches: i64,
}

/// What a contact was matched by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum MatchedBy {
    /// The e-mail address (normalised).
    Email,
    /// An Instagram handle.
    Instagram,
    /// A TikTok handle.
    Tiktok,
    /// A YouTube handle.
    Youtube,
}

impl MatchedBy {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Instagram => "instagram",
            Self::Tiktok => "tiktok",
            Self::Youtube => "youtube",
        }
    }

    /// What a stored spelling names.
    pub fn parse(value: &str) -> Option<Self> {
        [Self::Email, Self::Instagram, Self::Tiktok, Self::Youtube]
            .into_iter()
            .find(|by| by.as_str() == value)
    }
}

/// A contact who turned out to be somebody: a network creator or one of the team's influencers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SourceMatch {
    /// The match's id.
    pub id: SourceMatchId,
    /// The network creator, when it is one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub creator_id: Option<CreatorId>,
    /// The team's influencer, when it is one (a connected creator is both).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub influencer_id: Option<InfluencerId>,
    /// Their name.
    pub display_name: String,
    /// Their platforms, with followers.
    pub accounts: Vec<AccountSummary>,
    /// Their most followed platform's followers.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub followers: Option<i64>,
    /// The source.
    pub source_id: SourceId,
    /// The source's kind.
    pub source_kind: SourceKind,
    /// The source's name.
    pub source_name: String,
    /// What matched.
    pub matched_by: MatchedBy,
    /// The source's own words ("in VIP customers.csv, line 1,234").
    pub detail: String,
    /// The post it is about (a fan's tag or comment on Instagram), when there is one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub link: Option<String>,
    /// Found.
    pub created_at: DateTime<Utc>,
}

/// `POST /api/v1/teams/{team_id}/sources/csv?name=`: the list's name.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct CsvUploadQuery {
    /// The list's name (a segment, e.g. "VIP customers"): 1 to 100 characters. A list of the same
    /// name is replaced.
    #[cfg_attr(
        feature = "openapi",
        param(
            min_length = 1,
            max_length = 100,
            pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
        )
    )]
    pub name: String,
}

/// `GET /api/v1/teams/{team_id}/source-matches`: filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct MatchQuery {
    /// Only this source's matches.
    #[cfg_attr(feature = "openapi", param(value_type = Option<String>, format = Uuid))]
    pub source_id: Option<SourceId>,
}

/// The name of a team's source of influencers added by hand.
pub const ADDED_BY_HAND: &str = "Added by hand";

/// `POST /api/v1/teams/{team_id}/sources/manual`: one influencer from outside the network, added
/// by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportInfluencer {
    /// Their Instagram handle (`@mia.lens`, `mia.lens`) or profile link.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 300))]
    pub instagram: String,
    /// Their e-mail address (it becomes the influencer's contact address).
    #[cfg_attr(feature = "openapi", schema(min_length = 3, max_length = 254))]
    pub email: String,
    /// Their name (the handle unless given).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub display_name: Option<String>,
}

/// What adding an influencer by hand did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportedInfluencer {
    /// The team's source "Added by hand".
    pub source: Source,
    /// The team's influencer (new, or the one the team had for this profile).
    pub influencer_id: InfluencerId,
    /// Whether the influencer is new to the team.
    pub created: bool,
    /// Whether they are a creator of the network too (then they show in the Influencers tab with
    /// "Invite to connect").
    pub in_network: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_contact_is_shown_with_its_list() {
        assert_eq!(
            contact_words(SourceKind::Csv, "VIP customers.csv", "line 1,234"),
            "in VIP customers.csv, line 1,234"
        );
        assert_eq!(
            contact_words(
                SourceKind::Klaviyo,
                "Newsletter",
                "Klaviyo subscriber since 2024-03-01"
            ),
            "Klaviyo subscriber since 2024-03-01"
        );
    }
}
