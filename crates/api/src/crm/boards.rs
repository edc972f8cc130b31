//! Boards: listing, creating (with columns), reading whole, renaming, archiving and deleting.

use std::collections::HashMap;

use actix_web::web::Bytes;
use rapport_domain::activity::{Change, Reason};
use rapport_domain::boards::{Board, NewBoard};
use rapport_domain::ordering::keys_after;
use rapport_domain::page::Page;
use rapport_domain::{BoardId, ColumnId, LabelId, TeamId, UserId};
use rapport_store::boards::{self, BoardRow, ColumnRow};
use rapport_store::{activity, new_id, time, DbConnection};

use crate::access::{board_for, require, role_in};
use crate::crm::board_cache::BoardCache;
use crate::crm::{board_view, history};
use crate::error::{ApiError, ApiResult};
use crate::paging::PageRequest;

/// The team's boards (active, or archived ones), oldest first, with their counts.
pub fn list(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
    archived: bool,
    paging: &PageRequest,
) -> ApiResult<Page<Board>> {
    role_in(conn, team, actor)?;
    let rows = boards::list_boards(
        conn,
        team,
        archived,
        paging.cursor.as_deref(),
        paging.fetch(),
    )?
    .into_iter()
    .map(|board| (board.id, board))
    .collect();
    Ok(paging.page(rows))
}

/// A new board with its columns, left to right.
pub fn create(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
    new: NewBoard,
) -> ApiResult<Board> {
    role_in(conn, team, actor)?;
    let now = time::now();
    let board = BoardRow {
        id: new_id(),
        team_id: team,
        name: new.name,
        archived_at: None,
        created_at: now,
        updated_at: now,
    };
    boards::insert_board(conn, &board)?;
    let keys = keys_after(None, new.columns.len())
        .map_err(|e| ApiError::internal(anyhow::anyhow!("{e:?}")))?;
    for (name, key) in new.columns.iter().zip(keys) {
        boards::insert_column(
            conn,
            &ColumnRow {
                id: new_id(),
                board_id: board.id,
                name: name.clone(),
                sort_key: key,
                created_at: now,
            },
        )?;
    }
    let columns = i64::try_from(new.columns.len()).unwrap_or(0);
    Ok(board.to_board(columns, 0))
}

/// Which cards a whole-board read shows.
#[derive(Debug, Clone, Default)]
pub struct CardFilter {
    /// Cards carrying any of these labels.
    pub labels: Option<Vec<LabelId>>,
    /// Cards whose influencer's name or a handle contains this text.
    pub text: Option<String>,
}

/// The whole board, serialised: unfiltered reads are served from `cache` while the board's
/// revision is unchanged.
pub fn read(
    conn: &mut DbConnection,
    cache: &BoardCache,
    actor: UserId,
    id: BoardId,
    filter: &CardFilter,
) -> ApiResult<Bytes> {
    let (board, _) = board_for(conn, id, actor)?;
    let unfiltered = filter.labels.is_none() && filter.text.is_none();
    // The revision first: contents read after it are at least as new.
    let revision = if unfiltered {
        let revision = activity::board_revision(conn, board.id)?;
        if let Some(body) = cache.get(board.id, &revision) {
            return Ok(body);
        }
        Some(revision)
    } else {
        None
    };
    let contents = boards::board_contents(
        conn,
        board.id,
        filter.labels.as_deref(),
        filter.text.as_deref(),
    )?;
    let view = board_view::assemble(&board, contents);
    let body = Bytes::from(serde_json::to_vec(&view).map_err(ApiError::internal)?);
    if let Some(revision) = revision {
        cache.put(board.id, revision, body.clone());
    }
    Ok(body)
}

/// Renames, archives (`Some(true)`) or restores (`Some(false)`) a board.
pub fn update(
    conn: &mut DbConnection,
    actor: UserId,
    id: BoardId,
    name: Option<String>,
    archived: Option<bool>,
) -> ApiResult<Board> {
    let (board, _) = board_for(conn, id, actor)?;
    history::lock_board(conn, board.id)?;
    let now = time::now();
    let archived_at = match (archived, board.archived_at) {
        (Some(true), None) => Some(Some(now)),
        (Some(false), Some(_)) => Some(None),
        _ => None,
    };
    if name.is_some() || archived_at.is_some() {
        boards::update_board(conn, board.id, name.as_deref(), archived_at, now)?;
        history::record_board(
            conn,
            board.id,
            actor,
            Change::BoardUpdated { name, archived },
        )?;
    }
    let (board, _) = board_for(conn, id, actor)?;
    let (columns, cards) = boards::board_counts(conn, board.id)?;
    Ok(board.to_board(columns, cards))
}

/// Deletes a board with its columns, cards and labels (owners and admins); the influencers stay.
pub fn delete(conn: &mut DbConnection, actor: UserId, id: BoardId) -> ApiResult<()> {
    let (board, role) = board_for(conn, id, actor)?;
    require(
        role.can_manage_team(),
        "Only owners and admins can delete a board; archive it instead.",
    )?;
    let columns: HashMap<ColumnId, String> = boards::columns_of(conn, board.id)?
        .into_iter()
        .map(|column| (column.id, column.name))
        .collect();
    for card in boards::cards_of_board(conn, board.id)? {
        history::record(
            conn,
            card.influencer_id,
            actor,
            Change::CardRemoved {
                board_id: board.id,
                board: board.name.clone(),
                column: Some(columns.get(&card.column_id).cloned().unwrap_or_default()),
                reason: Some(Reason::BoardDeleted),
            },
        )?;
    }
    boards::delete_board(conn, board.id)?;
    Ok(())
}
