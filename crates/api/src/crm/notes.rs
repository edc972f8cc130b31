//! Notes of both kinds (notes and team comments): the same shape and rules (one table), told
//! apart by [`NoteKind`]. Anyone in the team writes them; the author edits, the author or an
//! owner/admin deletes.

use rapport_domain::activity::{Change, NoteStep};
use rapport_domain::notes::{Note, NoteKind};
use rapport_domain::page::Page;
use rapport_domain::teams::Role;
use rapport_domain::{InfluencerId, NoteId, UserId};
use rapport_store::notes::{self, NoteRow};
use rapport_store::time::utc;
use rapport_store::{new_id, time, DbConnection};

use crate::access::{influencer_for, require};
use crate::crm::history;
use crate::error::{ApiError, ApiResult};
use crate::paging::PageRequest;

fn noun(kind: NoteKind) -> &'static str {
    match kind {
        NoteKind::Note => "note",
        NoteKind::Comment => "comment",
    }
}

fn to_note((row, author_name): (NoteRow, String)) -> Note {
    Note {
        id: row.id,
        influencer_id: row.influencer_id,
        author_id: row.author_id,
        author_name,
        body: row.body,
        created_at: utc(row.created_at),
        updated_at: utc(row.updated_at),
    }
}

/// The influencer's notes of `kind`, newest first.
pub fn list(
    conn: &mut DbConnection,
    actor: UserId,
    kind: NoteKind,
    influencer: InfluencerId,
    paging: &PageRequest,
) -> ApiResult<Page<Note>> {
    let (row, _) = influencer_for(conn, influencer, actor)?;
    let rows = notes::list(conn, kind, row.id, paging.cursor.as_deref(), paging.fetch())?
        .into_iter()
        .map(|note| (note.0.id, to_note(note)))
        .collect();
    Ok(paging.page(rows))
}

/// Writes a new note of `kind`.
pub fn create(
    conn: &mut DbConnection,
    actor: UserId,
    kind: NoteKind,
    influencer: InfluencerId,
    body: String,
) -> ApiResult<Note> {
    let (influencer, _) = influencer_for(conn, influencer, actor)?;
    let now = time::now();
    let row = NoteRow {
        id: new_id(),
        influencer_id: influencer.id,
        kind,
        author_id: actor,
        body,
        created_at: now,
        updated_at: now,
    };
    notes::insert(conn, &row)?;
    history::record(
        conn,
        influencer.id,
        actor,
        Change::note(kind, NoteStep::Added, row.id),
    )?;
    find(conn, actor, kind, row.id).map(|(note, _)| note)
}

/// A note, if it belongs to the caller's team; with the caller's role.
fn find(
    conn: &mut DbConnection,
    actor: UserId,
    kind: NoteKind,
    id: NoteId,
) -> ApiResult<(Note, Role)> {
    let note = notes::find(conn, kind, id)?.ok_or_else(|| ApiError::not_found(noun(kind)))?;
    let (_, role) = influencer_for(conn, note.0.influencer_id, actor)
        .map_err(|_| ApiError::not_found(noun(kind)))?;
    Ok((to_note(note), role))
}

/// Replaces a note's text (its author only).
pub fn edit(
    conn: &mut DbConnection,
    actor: UserId,
    kind: NoteKind,
    id: NoteId,
    body: String,
) -> ApiResult<Note> {
    let (note, _) = find(conn, actor, kind, id)?;
    require(
        note.author_id == actor,
        &format!("Only the author can edit a {}.", noun(kind)),
    )?;
    notes::update(conn, note.id, &body, time::now())?;
    history::record(
        conn,
        note.influencer_id,
        actor,
        Change::note(kind, NoteStep::Edited, note.id),
    )?;
    find(conn, actor, kind, id).map(|(note, _)| note)
}

/// Deletes a note (its author, or an owner or admin).
pub fn delete(conn: &mut DbConnection, actor: UserId, kind: NoteKind, id: NoteId) -> ApiResult<()> {
    let (note, role) = find(conn, actor, kind, id)?;
    require(
        note.author_id == actor || role.can_manage_team(),
        &format!(
            "Only the author, an owner or an admin can delete a {}.",
            noun(kind)
        ),
    )?;
    notes::delete(conn, note.id)?;
    history::record(
        conn,
        note.influencer_id,
        actor,
        Change::note(kind, NoteStep::Deleted, note.id),
    )?;
    Ok(())
}
