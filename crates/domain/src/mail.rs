//! Outgoing mail as the dev mailbox shows it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::MailId;

/// Where a mail in the outbox stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MailStatus {
    /// Queued, or waiting for its next try.
    Pending,
    /// Handed to the SMTP server, or stored in the dev mailbox.
    Sent,
    /// Refused for good by the SMTP server, or out of tries.
    Failed,
}

/// One mail of the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Mail {
    /// The mail's id (also its `Message-ID`).
    pub id: MailId,
    /// The recipient.
    pub to: String,
    /// The subject line.
    pub subject: String,
    /// The plain-text body.
    pub text: String,
    /// Where it stands.
    pub status: MailStatus,
    /// How many times sending was tried.
    pub attempts: i32,
    /// When it was queued.
    pub created_at: DateTime<Utc>,
    /// When it was sent.
    pub sent_at: Option<DateTime<Utc>>,
    /// The sender's name (a team's), when it is sent on someone's behalf.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_name: Option<String>,
    /// Where replies go, when not to the sender.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<String>,
}
