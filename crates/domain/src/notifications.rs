//! Notifications: what happened that a user should know, with a read marker each.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{ConnectionInviteId, ConversationId, CreatorId, InfluencerId, NotificationId, TeamId};

/// What a notification is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow))]
#[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
pub enum NotificationKind {
    /// A team invited the creator to connect.
    ConnectionInvite,
    /// A creator accepted the team's invitation.
    InviteAccepted,
    /// A creator declined the team's invitation.
    InviteDeclined,
    /// A team or a creator ended the connection.
    ConnectionEnded,
    /// A new message in a conversation.
    NewMessage,
    /// A creator turned up among the team's data sources' contacts.
    SourceMatch,
    /// A reminder assigned to the user fell due.
    ReminderDue,
    /// A webhook endpoint of the owner's team failed for days and was turned off.
    WebhookDisabled,
}

#[cfg(feature = "diesel")]
crate::stored::enum_as_text!(NotificationKind);

impl NotificationKind {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ConnectionInvite => "connection_invite",
            Self::InviteAccepted => "invite_accepted",
            Self::InviteDeclined => "invite_declined",
            Self::ConnectionEnded => "connection_ended",
            Self::NewMessage => "new_message",
            Self::SourceMatch => "source_match",
            Self::ReminderDue => "reminder_due",
            Self::WebhookDisabled => "webhook_disabled",
        }
    }

    /// The kind a stored spelling names.
    pub fn parse(value: &str) -> Option<Self> {
        [
            Self::ConnectionInvite,
            Self::InviteAccepted,
            Self::InviteDeclined,
            Self::ConnectionEnded,
            Self::NewMessage,
            Self::SourceMatch,
            Self::ReminderDue,
            Self::WebhookDisabled,
        ]
        .into_iter()
        .find(|kind| kind.as_str() == value)
    }
}

/// One notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notification {
    /// The notification's id.
    pub id: NotificationId,
    /// What it is about.
    pub kind: NotificationKind,
    /// One line saying what happened.
    pub text: String,
    /// The team concerned, when one is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_id: Option<TeamId>,
    /// The creator concerned, when one is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator_id: Option<CreatorId>,
    /// The invitation concerned, when one is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invite_id: Option<ConnectionInviteId>,
    /// The conversation concerned, when one is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<ConversationId>,
    /// The team's influencer concerned, when one is (a reminder's): the notification opens
    /// their page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub influencer_id: Option<InfluencerId>,
    /// Whether the user marked it read.
    pub read: bool,
    /// When it happened.
    pub created_at: DateTime<Utc>,
}

/// A page of notifications, newest first, with how many are unread in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationPage {
    /// The notifications of this page.
    pub items: Vec<Notification>,
    /// The cursor of the next page, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
    /// Unread notifications in all (the bell's number).
    pub unread: u64,
}

/// `GET|PUT /api/v1/teams/{team_id}/notification-settings`: what the signed-in member of the team
/// is sent by e-mail (in-app notifications always come).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationSettings {
    /// One e-mail a day at most with the creators the team's data sources turned up (on unless
    /// turned off).
    pub match_digest: bool,
    /// An e-mail when a reminder assigned to you falls due (on unless turned off).
    pub reminder_email: bool,
    /// One e-mail a day listing your overdue open reminders, when there are any (on unless
    /// turned off).
    pub overdue_digest: bool,
}

/// `PUT /api/v1/teams/{team_id}/notification-settings`: the settings to change; a setting left
/// out keeps its value (so a client that knows only `match_digest` changes only that).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateNotificationSettings {
    /// The daily digest of the creators the team's data sources turned up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub match_digest: Option<bool>,
    /// An e-mail when a reminder assigned to you falls due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reminder_email: Option<bool>,
    /// The daily digest of your overdue reminders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overdue_digest: Option<bool>,
}

#[cfg(test)]
#[path = "notifications_tests.rs"]
mod tests;
