//! Notes and team comments on an influencer (one table; `kind` tells them apart).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use rapport_domain::notes::NoteKind;
use rapport_domain::{InfluencerId, NoteId, UserId};

use crate::schema::{notes, users};
use crate::DbConnection;

/// A stored note or comment.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = notes)]
pub struct NoteRow {
    /// UUIDv7.
    pub id: NoteId,
    /// The influencer.
    pub influencer_id: InfluencerId,
    /// A note or a team comment.
    pub kind: NoteKind,
    /// Who wrote it.
    pub author_id: UserId,
    /// The text.
    pub body: String,
    /// Written.
    pub created_at: NaiveDateTime,
    /// Last edited.
    pub updated_at: NaiveDateTime,
}

/// Stores a note or comment.
pub fn insert(conn: &mut DbConnection, row: &NoteRow) -> QueryResult<()> {
    diesel::insert_into(notes::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// The note (or comment) with this id and its author's name.
pub fn find(
    conn: &mut DbConnection,
    kind: NoteKind,
    id: NoteId,
) -> QueryResult<Option<(NoteRow, String)>> {
    notes::table
        .inner_join(users::table)
        .filter(notes::id.eq(id))
        .filter(notes::kind.eq(kind))
        .select((NoteRow::as_select(), users::name))
        .first(conn)
        .optional()
}

/// The influencer's notes (or comments), newest first, before the cursor.
pub fn list(
    conn: &mut DbConnection,
    kind: NoteKind,
    influencer: InfluencerId,
    before: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<(NoteRow, String)>> {
    let mut query = notes::table
        .inner_join(users::table)
        .filter(notes::influencer_id.eq(influencer))
        .filter(notes::kind.eq(kind))
        .select((NoteRow::as_select(), users::name))
        .order(notes::id.desc())
        .limit(limit)
        .into_boxed();
    if let Some(before) = before {
        query = query.filter(notes::id.lt(before.to_owned()));
    }
    query.load(conn)
}

/// Replaces the text.
pub fn update(
    conn: &mut DbConnection,
    id: NoteId,
    body: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(notes::table.find(id))
        .set((notes::body.eq(body), notes::updated_at.eq(now)))
        .execute(conn)
}

/// Deletes it.
pub fn delete(conn: &mut DbConnection, id: NoteId) -> QueryResult<usize> {
    diesel::delete(notes::table.find(id)).execute(conn)
}
