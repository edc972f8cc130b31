//! Connections between teams and creators, and the invitations that make them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::creators::PublicProfile;
use crate::validation::{clean_text, FieldErrors, Validate};
use crate::{ConnectionId, ConnectionInviteId, CreatorId, InfluencerId, TeamId};

/// Characters of an invitation's message, at most.
pub const MESSAGE_MAX: usize = 1000;
/// Days a pending invitation stays open.
pub const INVITE_DAYS: i64 = 30;
/// Days after a declined invitation before the team may invite the creator again.
pub const DECLINE_COOLDOWN_DAYS: i64 = 30;
/// Invitations a team may send a day unless configured otherwise.
pub const DEFAULT_INVITES_PER_DAY: u32 = 100;

/// Where an invitation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow))]
#[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
pub enum ConnectionInviteStatus {
    /// Waiting for the creator.
    Pending,
    /// The creator accepted: the team and the creator are connected.
    Accepted,
    /// The creator declined.
    Declined,
    /// The team took it back.
    Revoked,
    /// Nobody decided within [`INVITE_DAYS`] days.
    Expired,
}

#[cfg(feature = "diesel")]
crate::stored::enum_as_text!(ConnectionInviteStatus);

impl ConnectionInviteStatus {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Accepted => "accepted",
            Self::Declined => "declined",
            Self::Revoked => "revoked",
            Self::Expired => "expired",
        }
    }

    /// The status a stored spelling names.
    pub fn parse(value: &str) -> Option<Self> {
        [
            Self::Pending,
            Self::Accepted,
            Self::Declined,
            Self::Revoked,
            Self::Expired,
        ]
        .into_iter()
        .find(|status| status.as_str() == value)
    }
}

/// `POST /api/v1/teams/{team_id}/connection-invites`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateConnectionInvite {
    /// The creator to invite (discoverable).
    pub creator_id: CreatorId,
    /// A word for the creator, shown with the invitation and in its mail.
    #[cfg_attr(
        feature = "openapi",
        schema(
            max_length = 1000,
            pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
        )
    )]
    #[serde(default)]
    pub message: Option<String>,
}

/// A checked invitation request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewConnectionInvite {
    /// The creator.
    pub creator_id: CreatorId,
    /// The message, trimmed; `None` when blank.
    pub message: Option<String>,
}

impl Validate for CreateConnectionInvite {
    type Clean = NewConnectionInvite;

    fn validate(&self) -> Result<NewConnectionInvite, FieldErrors> {
        let mut errors = FieldErrors::default();
        let message = self
            .message
            .as_deref()
            .map(str::trim)
            .filter(|text| !text.is_empty())
            .and_then(|text| errors.check("message", clean_text(text, MESSAGE_MAX)));
        errors.into_result().map(|()| NewConnectionInvite {
            creator_id: self.creator_id,
            message,
        })
    }
}

/// A team, as a creator sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamSummary {
    /// The team's id.
    pub id: TeamId,
    /// The team's name.
    pub name: String,
}

/// An invitation as the team that sent it sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SentInvite {
    /// The invitation's id.
    pub id: ConnectionInviteId,
    /// The creator invited (their public profile).
    pub creator: PublicProfile,
    /// The message sent with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Where it stands.
    pub status: ConnectionInviteStatus,
    /// Who sent it.
    pub invited_by_name: String,
    /// When it was sent.
    pub created_at: DateTime<Utc>,
    /// When it expires unless decided.
    pub expires_at: DateTime<Utc>,
}

/// An invitation as the creator who got it sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReceivedInvite {
    /// The invitation's id.
    pub id: ConnectionInviteId,
    /// The team inviting.
    pub team: TeamSummary,
    /// Who in the team sent it.
    pub invited_by_name: String,
    /// Their message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Where it stands.
    pub status: ConnectionInviteStatus,
    /// When it was sent.
    pub created_at: DateTime<Utc>,
    /// When it expires unless decided.
    pub expires_at: DateTime<Utc>,
}

/// A connection as the team sees it: the creator's profile, their e-mail address (connected teams
/// see it), and the influencer the team works with on its boards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamConnection {
    /// The connection's id.
    pub id: ConnectionId,
    /// The creator.
    pub creator: PublicProfile,
    /// The creator's e-mail address.
    pub email: String,
    /// The team's influencer linked to the creator (none once the team deleted that influencer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub influencer_id: Option<InfluencerId>,
    /// Since when.
    pub created_at: DateTime<Utc>,
}

/// A connection as the creator sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatorConnection {
    /// The connection's id.
    pub id: ConnectionId,
    /// The team.
    pub team: TeamSummary,
    /// Since when.
    pub created_at: DateTime<Utc>,
}

/// The one decision a link in an invitation mail names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum LinkDecision {
    /// Accept the invitation.
    Accept,
    /// Decline it.
    Decline,
}

/// `GET /api/v1/connection-links/{token}`: what a mail's link would do, before confirming.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConnectionLink {
    /// The decision the link makes once confirmed.
    pub decision: LinkDecision,
    /// The invitation.
    pub invite: ReceivedInvite,
    /// The creator's name (whom the mail was for).
    pub creator_name: String,
}

#[cfg(test)]
#[path = "connections_tests.rs"]
mod tests;
