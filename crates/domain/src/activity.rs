//! The activity history of an influencer: who changed what, when.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::{ActivityId, InfluencerId, UserId};

/// One change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Activity {
    /// The entry's id.
    pub id: ActivityId,
    /// The influencer.
    pub influencer_id: InfluencerId,
    /// Who did it (absent for the system or a deleted account).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_id: Option<UserId>,
    /// Their name (absent with `actor_id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_name: Option<String>,
    /// What happened: `influencer.created`, `influencer.updated`, `account.added`,
    /// `card.added`, `card.moved`, `card.removed`, `label.applied`, `label.removed`,
    /// `note.added`, `note.edited`, `note.deleted`, `reminder.added`, `reminder.updated`,
    /// `reminder.done`, `reminder.reopened`, `reminder.deleted`, `comment.added`,
    /// `comment.edited`, `comment.deleted`.
    pub kind: String,
    /// Details of the change (board and column names, the fields changed, ...).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub data: serde_json::Value,
    /// When.
    pub created_at: DateTime<Utc>,
}
