//! The activity history of an influencer: who changed what, when.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::{ActivityId, BoardId, InfluencerId, NoteId, ReminderId, UserId};
use crate::notes::NoteKind;
use crate::profiles::Platform;

/// Declares the activity kinds once: the enum, its wire spelling, and the list of all of them.
macro_rules! activity_kinds {
    ($($(#[$doc:meta])* $variant:ident => $spelling:literal,)*) => {
        /// What happened, as the history and the API spell it (`card.moved`, ...).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow))]
        #[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
        pub enum ActivityKind {
            $($(#[$doc])* #[serde(rename = $spelling)] $variant,)*
        }

        impl ActivityKind {
            /// Every kind.
            pub const ALL: &'static [ActivityKind] = &[$(ActivityKind::$variant,)*];

            /// The wire and stored spelling.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ActivityKind::$variant => $spelling,)*
                }
            }

            /// Reads the spelling back.
            pub fn parse(value: &str) -> Option<ActivityKind> {
                match value {
                    $($spelling => Some(ActivityKind::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

// Written by hand: utoipa's derive does not see the `serde(rename)` spellings that the macro
// above passes through.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for ActivityKind {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::schema::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .description(Some(
                "What happened, as the history and the API spell it (`card.moved`, ...).",
            ))
            .enum_values(Some(ActivityKind::ALL.iter().map(|kind| kind.as_str())))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for ActivityKind {}

activity_kinds! {
    /// An influencer was added to the team.
    InfluencerCreated => "influencer.created",
    /// Contact, shipping, tags or the name changed.
    InfluencerUpdated => "influencer.updated",
    /// The name changed (recorded on the boards showing the influencer).
    InfluencerRenamed => "influencer.renamed",
    /// The influencer was deleted (recorded on the boards that showed them).
    InfluencerDeleted => "influencer.deleted",
    /// A platform account was added.
    AccountAdded => "account.added",
    /// A platform account was removed.
    AccountRemoved => "account.removed",
    /// The influencer was put on a board.
    CardAdded => "card.added",
    /// Their card moved.
    CardMoved => "card.moved",
    /// Their card was removed from a board.
    CardRemoved => "card.removed",
    /// A label was applied to their card.
    LabelApplied => "label.applied",
    /// A label was taken off their card.
    LabelRemoved => "label.removed",
    /// A note was written.
    NoteAdded => "note.added",
    /// A note was edited.
    NoteEdited => "note.edited",
    /// A note was deleted.
    NoteDeleted => "note.deleted",
    /// A team comment was written.
    CommentAdded => "comment.added",
    /// A team comment was edited.
    CommentEdited => "comment.edited",
    /// A team comment was deleted.
    CommentDeleted => "comment.deleted",
    /// A reminder was set.
    ReminderAdded => "reminder.added",
    /// A reminder's text, time or assignee changed.
    ReminderUpdated => "reminder.updated",
    /// A reminder was marked done.
    ReminderDone => "reminder.done",
    /// A reminder was opened again.
    ReminderReopened => "reminder.reopened",
    /// A reminder was deleted.
    ReminderDeleted => "reminder.deleted",
    /// A board was renamed, archived or restored.
    BoardUpdated => "board.updated",
    /// A column was added to a board.
    ColumnAdded => "column.added",
    /// A column was renamed.
    ColumnRenamed => "column.renamed",
    /// A column moved.
    ColumnMoved => "column.moved",
    /// A column was deleted.
    ColumnDeleted => "column.deleted",
    /// A label was created on a board.
    LabelCreated => "label.created",
    /// A label was renamed or recoloured.
    LabelUpdated => "label.updated",
    /// A label was deleted.
    LabelDeleted => "label.deleted",
}

#[cfg(feature = "diesel")]
crate::stored::enum_as_text!(ActivityKind);

/// Why a card moved or came off a board without being moved or removed itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reason {
    /// Its board was deleted.
    #[serde(rename = "board deleted")]
    BoardDeleted,
    /// Its column was deleted.
    #[serde(rename = "column deleted")]
    ColumnDeleted,
    /// The label was deleted.
    #[serde(rename = "label deleted")]
    LabelDeleted,
}

/// A platform account as the history names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRef {
    /// The platform.
    pub platform: Platform,
    /// The handle as shown.
    pub handle: String,
}

/// A change with its details: each kind has its own payload (the `data` of an [`Activity`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "data")]
pub enum Change {
    /// `influencer.created`
    #[serde(rename = "influencer.created")]
    InfluencerCreated {
        /// The name given.
        display_name: String,
        /// The account it was created from.
        account: AccountRef,
    },
    /// `influencer.updated`
    #[serde(rename = "influencer.updated")]
    InfluencerUpdated {
        /// The fields that changed.
        fields: Vec<String>,
    },
    /// `influencer.renamed`
    #[serde(rename = "influencer.renamed")]
    InfluencerRenamed {
        /// The new name.
        display_name: String,
    },
    /// `influencer.deleted`
    #[serde(rename = "influencer.deleted")]
    InfluencerDeleted {
        /// Their name.
        display_name: String,
    },
    /// `account.added`
    #[serde(rename = "account.added")]
    AccountAdded(AccountRef),
    /// `account.removed`
    #[serde(rename = "account.removed")]
    AccountRemoved(AccountRef),
    /// `card.added`
    #[serde(rename = "card.added")]
    CardAdded {
        /// The board.
        board_id: BoardId,
        /// Its name.
        board: String,
        /// The column's name.
        column: String,
    },
    /// `card.moved`
    #[serde(rename = "card.moved")]
    CardMoved {
        /// The board.
        board_id: BoardId,
        /// Its name.
        board: String,
        /// The column it left.
        from: String,
        /// The column it is in.
        to: String,
        /// Why, when it did not move by itself.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<Reason>,
    },
    /// `card.removed`
    #[serde(rename = "card.removed")]
    CardRemoved {
        /// The board.
        board_id: BoardId,
        /// Its name.
        board: String,
        /// The column it was in, when it went with its column or board.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        column: Option<String>,
        /// Why, when it was not removed by itself.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<Reason>,
    },
    /// `label.applied`
    #[serde(rename = "label.applied")]
    LabelApplied {
        /// The board.
        board_id: BoardId,
        /// Its name.
        board: String,
        /// The label's name.
        label: String,
    },
    /// `label.removed`
    #[serde(rename = "label.removed")]
    LabelRemoved {
        /// The board.
        board_id: BoardId,
        /// Its name.
        board: String,
        /// The label's name.
        label: String,
        /// Why, when the label itself went.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<Reason>,
    },
    /// `note.added`
    #[serde(rename = "note.added")]
    NoteAdded {
        /// The note.
        id: NoteId,
    },
    /// `note.edited`
    #[serde(rename = "note.edited")]
    NoteEdited {
        /// The note.
        id: NoteId,
    },
    /// `note.deleted`
    #[serde(rename = "note.deleted")]
    NoteDeleted {
        /// The note.
        id: NoteId,
    },
    /// `comment.added`
    #[serde(rename = "comment.added")]
    CommentAdded {
        /// The comment.
        id: NoteId,
    },
    /// `comment.edited`
    #[serde(rename = "comment.edited")]
    CommentEdited {
        /// The comment.
        id: NoteId,
    },
    /// `comment.deleted`
    #[serde(rename = "comment.deleted")]
    CommentDeleted {
        /// The comment.
        id: NoteId,
    },
    /// `reminder.added`
    #[serde(rename = "reminder.added")]
    ReminderAdded {
        /// The reminder.
        id: ReminderId,
        /// What to do.
        text: String,
        /// When.
        due_at: DateTime<Utc>,
        /// Who should.
        assignee_id: UserId,
    },
    /// `reminder.updated`
    #[serde(rename = "reminder.updated")]
    ReminderUpdated {
        /// The reminder.
        id: ReminderId,
    },
    /// `reminder.done`
    #[serde(rename = "reminder.done")]
    ReminderDone {
        /// The reminder.
        id: ReminderId,
    },
    /// `reminder.reopened`
    #[serde(rename = "reminder.reopened")]
    ReminderReopened {
        /// The reminder.
        id: ReminderId,
    },
    /// `reminder.deleted`
    #[serde(rename = "reminder.deleted")]
    ReminderDeleted {
        /// The reminder.
        id: ReminderId,
        /// What it said.
        text: String,
    },
    /// `board.updated`
    #[serde(rename = "board.updated")]
    BoardUpdated {
        /// The new name, if renamed.
        name: Option<String>,
        /// Archived (`true`) or restored (`false`), if either.
        archived: Option<bool>,
    },
    /// `column.added`
    #[serde(rename = "column.added")]
    ColumnAdded {
        /// Its name.
        column: String,
    },
    /// `column.renamed`
    #[serde(rename = "column.renamed")]
    ColumnRenamed {
        /// The old name.
        from: String,
        /// The new name.
        to: String,
    },
    /// `column.moved`
    #[serde(rename = "column.moved")]
    ColumnMoved {
        /// Its name.
        column: String,
    },
    /// `column.deleted`
    #[serde(rename = "column.deleted")]
    ColumnDeleted {
        /// Its name.
        column: String,
    },
    /// `label.created`
    #[serde(rename = "label.created")]
    LabelCreated {
        /// Its name.
        label: String,
    },
    /// `label.updated`
    #[serde(rename = "label.updated")]
    LabelUpdated {
        /// Its name before the change.
        label: String,
    },
    /// `label.deleted`
    #[serde(rename = "label.deleted")]
    LabelDeleted {
        /// Its name.
        label: String,
    },
}

impl Change {
    /// A note or comment was written, edited or deleted.
    pub fn note(kind: NoteKind, step: NoteStep, id: NoteId) -> Change {
        match (kind, step) {
            (NoteKind::Note, NoteStep::Added) => Change::NoteAdded { id },
            (NoteKind::Note, NoteStep::Edited) => Change::NoteEdited { id },
            (NoteKind::Note, NoteStep::Deleted) => Change::NoteDeleted { id },
            (NoteKind::Comment, NoteStep::Added) => Change::CommentAdded { id },
            (NoteKind::Comment, NoteStep::Edited) => Change::CommentEdited { id },
            (NoteKind::Comment, NoteStep::Deleted) => Change::CommentDeleted { id },
        }
    }

    /// Its kind and its payload, as stored.
    pub fn into_parts(self) -> Result<(ActivityKind, serde_json::Value), serde_json::Error> {
        #[derive(Deserialize)]
        struct Parts {
            kind: ActivityKind,
            #[serde(default)]
            data: serde_json::Value,
        }
        let parts: Parts = serde_json::from_value(serde_json::to_value(self)?)?;
        Ok((parts.kind, parts.data))
    }
}

/// What happened to a note or comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteStep {
    /// Written.
    Added,
    /// Edited.
    Edited,
    /// Deleted.
    Deleted,
}

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
    /// What happened.
    pub kind: ActivityKind,
    /// Details of the change (board and column names, the fields changed, ...).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub data: serde_json::Value,
    /// When.
    pub created_at: DateTime<Utc>,
}

#[cfg(test)]
#[path = "activity_tests.rs"]
mod tests;
