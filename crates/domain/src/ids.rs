//! Typed ids: every table has its own id type, so ids of different tables never mix.
//!
//! Ids are UUIDv7 (time-ordered); in JSON they are plain UUID strings.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

/// Applies `$apply!` to every id type (the store uses it to implement its backend glue once).
#[macro_export]
macro_rules! for_each_id {
    ($apply:ident) => {
        $apply!(
            $crate::UserId,
            $crate::TeamId,
            $crate::MembershipId,
            $crate::InviteId,
            $crate::SessionId,
            $crate::RefreshTokenId,
            $crate::MailId,
            $crate::InfluencerId,
            $crate::AccountId,
            $crate::BoardId,
            $crate::ColumnId,
            $crate::CardId,
            $crate::LabelId,
            $crate::NoteId,
            $crate::ReminderId,
            $crate::ActivityId,
            $crate::CreatorId,
            $crate::CreatorAccountId,
            $crate::ConnectionInviteId,
            $crate::ConnectionId,
            $crate::NotificationId,
            $crate::ConversationId,
            $crate::MessageId,
            $crate::JobId,
            $crate::SourceId,
            $crate::SourceMatchId,
            $crate::FacebookLoginId,
            $crate::PostId,
            $crate::VerificationId,
            $crate::ApiKeyId,
            $crate::WebhookId,
            $crate::WebhookDeliveryId
        );
    };
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[cfg_attr(feature = "openapi", schema(value_type = String, format = Uuid))]
        #[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow))]
        #[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        #[cfg(feature = "diesel")]
        crate::stored::id_as_text!($name);

        impl $name {
            /// The underlying UUID.
            pub fn uuid(self) -> Uuid {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }

        impl From<Uuid> for $name {
            fn from(value: Uuid) -> Self {
                Self(value)
            }
        }
    };
}

id_type!(
    /// A user account.
    UserId
);
id_type!(
    /// A team (a brand workspace).
    TeamId
);
id_type!(
    /// A user's membership of a team.
    MembershipId
);
id_type!(
    /// An invitation to join a team.
    InviteId
);
id_type!(
    /// A sign-in session: the family of refresh tokens that rotate from one log-in.
    SessionId
);
id_type!(
    /// One refresh token of a session.
    RefreshTokenId
);
id_type!(
    /// A mail in the outbox.
    MailId
);
id_type!(
    /// An influencer record of a team.
    InfluencerId
);
id_type!(
    /// A platform account (Instagram, TikTok, YouTube) of an influencer.
    AccountId
);
id_type!(
    /// A board.
    BoardId
);
id_type!(
    /// A column of a board.
    ColumnId
);
id_type!(
    /// A card: one influencer on one board.
    CardId
);
id_type!(
    /// A label of a board.
    LabelId
);
id_type!(
    /// A note or a team comment on an influencer (see `notes::NoteKind`).
    NoteId
);
id_type!(
    /// A reminder on an influencer.
    ReminderId
);
id_type!(
    /// An entry of an influencer's activity history.
    ActivityId
);

#[cfg(test)]
#[path = "ids_tests.rs"]
mod tests;
id_type!(
    /// A creator (the creator side's account profile).
    CreatorId
);
id_type!(
    /// A platform account a creator claimed.
    CreatorAccountId
);
id_type!(
    /// A team's invitation to a creator to connect.
    ConnectionInviteId
);
id_type!(
    /// A connection between a team and a creator.
    ConnectionId
);
id_type!(
    /// A notification to one user.
    NotificationId
);
id_type!(
    /// A conversation between a team and an influencer (in the app, or by e-mail).
    ConversationId
);
id_type!(
    /// A message of a conversation.
    MessageId
);
id_type!(
    /// A background job (a mail to send, a source to sync, contacts to match...).
    JobId
);
id_type!(
    /// A data source of a team (a CSV list, a Mailchimp list, its Instagram fans...).
    SourceId
);
id_type!(
    /// A match between a source's contact and a creator or influencer.
    SourceMatchId
);
id_type!(
    /// A Facebook login under way (from the authorize link to the page picked).
    FacebookLoginId
);
id_type!(
    /// A post of an influencer's account (read from its platform, or added by hand).
    PostId
);
id_type!(
    /// A creator's login on a platform under way, to verify their account there.
    VerificationId
);
id_type!(
    /// A team's API key.
    ApiKeyId
);
id_type!(
    /// A team's webhook endpoint.
    WebhookId
);
id_type!(
    /// One event's delivery to a webhook endpoint (its `webhook-id`).
    WebhookDeliveryId
);
