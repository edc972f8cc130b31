//! Notes and team comments: the same shape and rules (one table), told apart by kind.
//! Anyone in the team writes them; the author edits, the author or an owner/admin deletes.

use rapport_domain::teams::Role;
use rapport_domain::{InfluencerId, UserId};
use rapport_store::notes::{self, NoteKind, NoteRow};
use rapport_store::{new_id, time, DbConnection};
use serde_json::json;

use crate::crm::activity;
use crate::error::{ApiError, ApiResult};
use crate::routes::access::{influencer_for, parse_stored, require, PageRequest};

/// A stored note or comment with its author's name.
pub type Post = (NoteRow, String);

fn noun(kind: NoteKind) -> &'static str {
    match kind {
        NoteKind::Note => "note",
        NoteKind::Comment => "comment",
    }
}

/// The influencer's posts of `kind`, newest first, keyed for paging.
pub fn list(
    conn: &mut DbConnection,
    kind: NoteKind,
    influencer: InfluencerId,
    user: UserId,
    paging: &PageRequest,
) -> ApiResult<Vec<(String, Post)>> {
    let (row, _, _) = influencer_for(conn, influencer, user)?;
    Ok(notes::list(
        conn,
        kind,
        &row.id,
        paging.cursor.as_deref(),
        paging.fetch(),
    )?
    .into_iter()
    .map(|post| (post.0.id.clone(), post))
    .collect())
}

/// Writes a new post.
pub fn create(
    conn: &mut DbConnection,
    kind: NoteKind,
    influencer: InfluencerId,
    user: UserId,
    body: String,
) -> ApiResult<Post> {
    let (influencer, _, _) = influencer_for(conn, influencer, user)?;
    let now = time::now();
    let row = NoteRow {
        id: new_id().to_string(),
        influencer_id: influencer.id.clone(),
        kind: kind.as_str().to_owned(),
        author_id: user.to_string(),
        body,
        created_at: now,
        updated_at: now,
    };
    notes::insert(conn, &row)?;
    activity::record(
        conn,
        &influencer.id,
        user,
        &format!("{}.added", noun(kind)),
        json!({ "id": row.id }),
    )?;
    find(conn, kind, &row.id, user).map(|(post, _)| post)
}

/// A post, if it belongs to the caller's team; with the caller's role.
pub fn find(
    conn: &mut DbConnection,
    kind: NoteKind,
    id: &str,
    user: UserId,
) -> ApiResult<(Post, Role)> {
    let post = notes::find(conn, kind, id)?.ok_or_else(|| ApiError::not_found(noun(kind)))?;
    let influencer = parse_stored(&post.0.influencer_id)?;
    let (_, _, role) =
        influencer_for(conn, influencer, user).map_err(|_| ApiError::not_found(noun(kind)))?;
    Ok((post, role))
}

/// Replaces a post's text (its author only).
pub fn edit(
    conn: &mut DbConnection,
    kind: NoteKind,
    id: &str,
    user: UserId,
    body: String,
) -> ApiResult<Post> {
    let ((post, _), _) = find(conn, kind, id, user)?;
    require(
        post.author_id == user.to_string(),
        &format!("Only the author can edit a {}.", noun(kind)),
    )?;
    notes::update(conn, &post.id, &body, time::now())?;
    activity::record(
        conn,
        &post.influencer_id,
        user,
        &format!("{}.edited", noun(kind)),
        json!({ "id": post.id }),
    )?;
    find(conn, kind, id, user).map(|(post, _)| post)
}

/// Deletes a post (its author, or an owner or admin).
pub fn remove(conn: &mut DbConnection, kind: NoteKind, id: &str, user: UserId) -> ApiResult<()> {
    let ((post, _), role) = find(conn, kind, id, user)?;
    require(
        post.author_id == user.to_string() || role.can_manage_team(),
        &format!(
            "Only the author, an owner or an admin can delete a {}.",
            noun(kind)
        ),
    )?;
    notes::delete(conn, &post.id)?;
    activity::record(
        conn,
        &post.influencer_id,
        user,
        &format!("{}.deleted", noun(kind)),
        json!({ "id": post.id }),
    )?;
    Ok(())
}
