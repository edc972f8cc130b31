//! Notes on an influencer, of two kinds: notes and team comments. Private to the team.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::{InfluencerId, NoteId, UserId};
use crate::validation::{clean_text, FieldErrors, Validate};

/// Longest note or comment.
pub const BODY_MAX: usize = 10_000;

/// The two kinds of note: a note about the influencer, or a team comment (a conversation among
/// the team, never shown to the creator). Both are stored alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow))]
#[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
pub enum NoteKind {
    /// A note.
    Note,
    /// A team comment.
    Comment,
}

#[cfg(feature = "diesel")]
crate::stored::enum_as_text!(NoteKind);

impl NoteKind {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            NoteKind::Note => "note",
            NoteKind::Comment => "comment",
        }
    }

    /// Parses the stored spelling.
    pub fn parse(value: &str) -> Option<NoteKind> {
        match value {
            "note" => Some(NoteKind::Note),
            "comment" => Some(NoteKind::Comment),
            _ => None,
        }
    }
}

/// A note on an influencer (shown on every board the influencer is on).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Note {
    /// The note's id.
    pub id: NoteId,
    /// The influencer.
    pub influencer_id: InfluencerId,
    /// Who wrote it.
    pub author_id: UserId,
    /// Their name.
    pub author_name: String,
    /// The text.
    pub body: String,
    /// Written.
    pub created_at: DateTime<Utc>,
    /// Last edited.
    pub updated_at: DateTime<Utc>,
}

/// A team comment on an influencer: like a note, a conversation among the team (never shown to
/// the creator).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Comment {
    /// The comment's id.
    pub id: NoteId,
    /// The influencer.
    pub influencer_id: InfluencerId,
    /// Who wrote it.
    pub author_id: UserId,
    /// Their name.
    pub author_name: String,
    /// The text.
    pub body: String,
    /// Written.
    pub created_at: DateTime<Utc>,
    /// Last edited.
    pub updated_at: DateTime<Utc>,
}

impl From<Note> for Comment {
    fn from(note: Note) -> Comment {
        Comment {
            id: note.id,
            influencer_id: note.influencer_id,
            author_id: note.author_id,
            author_name: note.author_name,
            body: note.body,
            created_at: note.created_at,
            updated_at: note.updated_at,
        }
    }
}

/// The body of a new or edited note or comment.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WriteBody {
    /// The text: 1 to 10,000 characters; newlines allowed.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 10000,
            pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*[^\s\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f][^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$",
            example = "Loves our cold brew; prefers DMs."
        )
    )]
    pub body: String,
}

impl Validate for WriteBody {
    type Clean = String;

    fn validate(&self) -> Result<String, FieldErrors> {
        let mut errors = FieldErrors::default();
        let body = errors.check("body", clean_text(&self.body, BODY_MAX));
        errors.into_result().map(|()| body.unwrap_or_default())
    }
}

#[cfg(test)]
#[path = "notes_tests.rs"]
mod tests;
