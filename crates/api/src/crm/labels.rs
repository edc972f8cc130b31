//! Labels of a board: listing, creating, renaming or recolouring, deleting.

use rapport_domain::activity::{Change, Reason};
use rapport_domain::boards::Label;
use rapport_domain::{BoardId, LabelId, UserId};
use rapport_store::boards::{self, BoardRow, LabelRow};
use rapport_store::{new_id, time, DbConnection, QueryError};

use crate::access::{board_for, label_for};
use crate::crm::history;
use crate::crm::placement::same_team;
use crate::error::{ApiError, ApiResult, ErrorCode};

fn name_taken(error: QueryError) -> ApiError {
    ApiError::on_unique_violation(error, || {
        ApiError::new(
            ErrorCode::LabelExists,
            "The board already has a label with this name.",
        )
    })
}

/// The label, which must be of `board` (422 `label_not_in_board` for another board of the team).
pub fn label_in_board(
    conn: &mut DbConnection,
    board: &BoardRow,
    id: LabelId,
) -> ApiResult<LabelRow> {
    let label = boards::find_label(conn, id)?.ok_or_else(|| ApiError::not_found("label"))?;
    if label.board_id == board.id {
        return Ok(label);
    }
    if same_team(conn, label.board_id, board.team_id)? {
        return Err(ApiError::new(
            ErrorCode::LabelNotInBoard,
            "The label belongs to another board; labels are per board.",
        ));
    }
    Err(ApiError::not_found("label"))
}

/// The board's labels, by name.
pub fn list(conn: &mut DbConnection, actor: UserId, board: BoardId) -> ApiResult<Vec<Label>> {
    let (board, _) = board_for(conn, board, actor)?;
    Ok(boards::labels_of(conn, board.id)?
        .iter()
        .map(LabelRow::to_label)
        .collect())
}

/// A new label (its name unique in the board, any case).
pub fn create(
    conn: &mut DbConnection,
    actor: UserId,
    board: BoardId,
    name: String,
    color: String,
) -> ApiResult<Label> {
    let (board, _) = board_for(conn, board, actor)?;
    history::lock_board(conn, board.id)?;
    let row = LabelRow {
        id: new_id(),
        board_id: board.id,
        name_key: name.to_lowercase(),
        name,
        color,
        created_at: time::now(),
    };
    boards::insert_label(conn, &row).map_err(name_taken)?;
    history::record_board(
        conn,
        board.id,
        actor,
        Change::LabelCreated {
            label: row.name.clone(),
        },
    )?;
    Ok(row.to_label())
}

/// Renames or recolours a label.
pub fn update(
    conn: &mut DbConnection,
    actor: UserId,
    id: LabelId,
    name: Option<String>,
    color: Option<String>,
) -> ApiResult<Label> {
    let (label, board) = label_for(conn, id, actor)?;
    history::lock_board(conn, board.id)?;
    boards::update_label(conn, label.id, name.as_deref(), color.as_deref()).map_err(name_taken)?;
    history::record_board(
        conn,
        board.id,
        actor,
        Change::LabelUpdated { label: label.name },
    )?;
    let (label, _) = label_for(conn, id, actor)?;
    Ok(label.to_label())
}

/// Deletes a label; it comes off every card.
pub fn delete(conn: &mut DbConnection, actor: UserId, id: LabelId) -> ApiResult<()> {
    let (label, board) = label_for(conn, id, actor)?;
    history::lock_board(conn, board.id)?;
    for card in boards::cards_with_label(conn, label.id)? {
        history::record_card(
            conn,
            card.influencer_id,
            board.id,
            actor,
            Change::LabelRemoved {
                board_id: board.id,
                board: board.name.clone(),
                label: label.name.clone(),
                reason: Some(Reason::LabelDeleted),
            },
        )?;
    }
    boards::delete_label(conn, label.id)?;
    history::record_board(
        conn,
        board.id,
        actor,
        Change::LabelDeleted { label: label.name },
    )?;
    Ok(())
}
