//! Conversations between a team and an influencer: in the app when the influencer is a creator
//! connected to the team, by e-mail otherwise (replies come back to a reply address unique to
//! the conversation).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::connections::TeamSummary;
use crate::validation::{clean_text, FieldErrors, Validate};
use crate::{ConversationId, CreatorId, InfluencerId, MessageId};

/// Characters of a message, at most.
pub const MESSAGE_MAX: usize = 10_000;
/// Minutes between two e-mails telling a creator of new messages in one conversation.
pub const CREATOR_MAIL_EVERY_MINUTES: i64 = 15;

/// How a conversation reaches the influencer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    /// The influencer is a creator connected to the team: they read and answer in the app.
    App,
    /// The influencer has no account (or is not connected): messages go by e-mail, replies come
    /// back by e-mail.
    Email,
}

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow))]
#[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
pub enum Side {
    /// A member of the team.
    Team,
    /// The influencer (in the app as a creator, or by e-mail).
    Influencer,
}

#[cfg(feature = "diesel")]
crate::stored::enum_as_text!(Side);

impl Side {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Team => "team",
            Self::Influencer => "influencer",
        }
    }

    /// The side a stored spelling names.
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "team" => Some(Self::Team),
            "influencer" => Some(Self::Influencer),
            _ => None,
        }
    }

    /// The other side.
    pub fn other(self) -> Self {
        match self {
            Self::Team => Self::Influencer,
            Self::Influencer => Self::Team,
        }
    }
}

/// `POST /api/v1/conversations/{conversation_id}/messages`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateMessage {
    /// The message: 1 to 10,000 characters, no control characters but line breaks and tabs.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 10000,
            pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
        )
    )]
    pub text: String,
}

/// A checked message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMessage {
    /// The text, trimmed.
    pub text: String,
}

impl Validate for CreateMessage {
    type Clean = NewMessage;

    fn validate(&self) -> Result<NewMessage, FieldErrors> {
        let mut errors = FieldErrors::default();
        let text = errors.check("text", clean_text(&self.text, MESSAGE_MAX));
        errors.into_result().map(|()| NewMessage {
            text: text.unwrap_or_default(),
        })
    }
}

/// `POST /api/v1/teams/{team_id}/conversations`: the team's conversation with an influencer
/// (made on first use).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OpenConversation {
    /// One of the team's influencers.
    pub influencer_id: InfluencerId,
}

/// A message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Message {
    /// The message's id (time-ordered).
    pub id: MessageId,
    /// The conversation.
    pub conversation_id: ConversationId,
    /// Who wrote it: the team or the influencer.
    pub side: Side,
    /// The writer's name (a team member's, or the influencer's).
    pub author_name: String,
    /// The text.
    pub text: String,
    /// Whether it came or went by e-mail.
    pub by_email: bool,
    /// Whether the other side has read it.
    pub read: bool,
    /// When it was written.
    pub created_at: DateTime<Utc>,
}

/// A conversation in a list: who, how, the last message, the unread count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Conversation {
    /// The conversation's id.
    pub id: ConversationId,
    /// The team.
    pub team: TeamSummary,
    /// The team's influencer.
    pub influencer_id: InfluencerId,
    /// The influencer's name (as the team has it).
    pub influencer_name: String,
    /// The creator, when the influencer is a creator connected to the team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator_id: Option<CreatorId>,
    /// How messages reach the influencer now.
    pub channel: Channel,
    /// The newest message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_message: Option<Message>,
    /// Messages from the other side the caller's side has not read.
    pub unread: u64,
    /// When the last message was written (or the conversation opened).
    pub updated_at: DateTime<Utc>,
}

/// `POST /api/v1/inbound/email` as JSON: a reply as an inbound-parse service posts it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InboundEmail {
    /// The sender: `Name <address>` or an address.
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub from: String,
    /// The recipients, comma-separated: one is the conversation's reply address.
    #[cfg_attr(feature = "openapi", schema(max_length = 10000))]
    pub to: String,
    /// The subject.
    #[serde(default)]
    pub subject: Option<String>,
    /// The plain-text body.
    #[serde(default)]
    pub text: Option<String>,
    /// The HTML body (read when there is no plain text).
    #[serde(default)]
    pub html: Option<String>,
    /// The mail's Message-ID: a reply posted twice is kept once.
    #[serde(default)]
    pub message_id: Option<String>,
    /// The Message-ID it answers.
    #[serde(default)]
    pub in_reply_to: Option<String>,
}

/// What became of an inbound reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InboundResult {
    /// The conversation it joined.
    pub conversation_id: ConversationId,
    /// The message it became.
    pub message_id: MessageId,
    /// Whether the same mail had already been received (nothing was added).
    pub duplicate: bool,
}

#[cfg(test)]
#[path = "messages_tests.rs"]
mod tests;
