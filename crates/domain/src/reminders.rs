//! Reminders on an influencer: a due time, a text and an assignee, private to the team.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::{InfluencerId, ReminderId, UserId};
use crate::validation::{clean_text, FieldErrors, Validate};

/// Longest reminder text.
pub const REMINDER_TEXT_MAX: usize = 500;

/// A reminder on an influencer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reminder {
    /// The reminder's id.
    pub id: ReminderId,
    /// The influencer.
    pub influencer_id: InfluencerId,
    /// The influencer's name.
    pub influencer_name: String,
    /// What to do.
    pub text: String,
    /// When.
    pub due_at: DateTime<Utc>,
    /// Who should do it (a team member).
    pub assignee_id: UserId,
    /// Who set it.
    pub created_by: UserId,
    /// When it was marked done; `null` while open.
    pub done_at: Option<DateTime<Utc>>,
    /// Set.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

/// `POST /api/v1/influencers/{influencer_id}/reminders`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateReminder {
    /// What to do: 1 to 500 characters.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 500,
            pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*[^\s\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f][^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$",
            example = "Follow up on the gifting offer"
        )
    )]
    pub text: String,
    /// When (RFC 3339).
    pub due_at: DateTime<Utc>,
    /// Who should do it; default: you.
    #[serde(default)]
    pub assignee_id: Option<UserId>,
}

impl Validate for CreateReminder {
    type Clean = String;

    fn validate(&self) -> Result<String, FieldErrors> {
        let mut errors = FieldErrors::default();
        let text = errors.check("text", clean_text(&self.text, REMINDER_TEXT_MAX));
        errors.into_result().map(|()| text.unwrap_or_default())
    }
}

/// `PATCH /api/v1/reminders/{reminder_id}`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateReminder {
    /// New text.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 500,
            pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*[^\s\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f][^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
        )
    )]
    #[serde(default)]
    pub text: Option<String>,
    /// New due time.
    #[serde(default)]
    pub due_at: Option<DateTime<Utc>>,
    /// New assignee (a team member).
    #[serde(default)]
    pub assignee_id: Option<UserId>,
    /// `true` marks it done, `false` open again.
    #[serde(default)]
    pub done: Option<bool>,
}

impl Validate for UpdateReminder {
    type Clean = Option<String>;

    fn validate(&self) -> Result<Option<String>, FieldErrors> {
        let mut errors = FieldErrors::default();
        let text = self
            .text
            .as_deref()
            .and_then(|t| errors.check("text", clean_text(t, REMINDER_TEXT_MAX)));
        errors.into_result().map(|()| text)
    }
}

/// Which reminders to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReminderStatus {
    /// Not done yet.
    #[default]
    Open,
    /// Done.
    Done,
    /// Both.
    All,
}

/// `GET /api/v1/teams/{team_id}/reminders` filters.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct TeamRemindersQuery {
    /// `true`: only reminders assigned to you.
    pub mine: Option<bool>,
    /// `open` (default), `done` or `all`.
    pub status: Option<ReminderStatus>,
    /// How many to return (1 to 200, default 50).
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    #[cfg_attr(
        feature = "openapi",
        param(pattern = "^[0-9]{1,18}_[A-Za-z0-9-]{0,40}$")
    )]
    pub cursor: Option<String>,
}

/// When the reminder's assignee is to be told it is due: at its due time, unless it is done or
/// they were told about that due time already (a reminder moved to another time tells again;
/// one reopened at the time it told about does not).
pub fn next_notification(
    due_at: DateTime<Utc>,
    done: bool,
    notified_for: Option<DateTime<Utc>>,
) -> Option<DateTime<Utc>> {
    (!done && notified_for != Some(due_at)).then_some(due_at)
}

/// Longest part of a reminder's text a notification's line or a mail's subject shows.
pub const REMINDER_LINE_MAX: usize = 80;

/// The reminder's text on one line, for a notification or a subject: its first line that is not
/// blank, cut to [`REMINDER_LINE_MAX`] characters (with "…").
pub fn reminder_line(text: &str) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .unwrap_or_default();
    if line.chars().count() <= REMINDER_LINE_MAX {
        return line.to_owned();
    }
    let cut: String = line.chars().take(REMINDER_LINE_MAX - 1).collect();
    format!("{}…", cut.trim_end())
}

/// The in-app notification's line for a due reminder: "Reminder: Follow up — Mia Lens".
pub fn due_notification_text(text: &str, influencer_name: &str) -> String {
    format!("Reminder: {} — {influencer_name}", reminder_line(text))
}

#[cfg(test)]
#[path = "reminders_tests.rs"]
mod tests;
