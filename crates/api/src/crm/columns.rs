//! Columns of a board: adding, renaming, moving and deleting (with the cards moved or removed).

use rapport_domain::activity::{Change, Reason};
use rapport_domain::boards::{Column, Placement};
use rapport_domain::{BoardId, ColumnId, UserId};
use rapport_store::boards::{self, BoardRow, ColumnRow};
use rapport_store::{new_id, time, DbConnection};

use crate::access::{board_for, column_for};
use crate::crm::cards::relocate;
use crate::crm::history;
use crate::crm::placement::{self, same_team};
use crate::error::{ApiError, ApiResult, ErrorCode};

/// The column, which must be on `board`: a column of another board of the team is 422
/// `column_not_in_board`; an unknown column (or another team's) is 404.
pub fn column_in_board(
    conn: &mut DbConnection,
    board: &BoardRow,
    id: ColumnId,
    field: &str,
) -> ApiResult<ColumnRow> {
    let unknown = || ApiError::unknown_reference(field, "column");
    let column = boards::find_column(conn, id)?.ok_or_else(unknown)?;
    if column.board_id == board.id {
        return Ok(column);
    }
    if same_team(conn, column.board_id, board.team_id)? {
        return Err(ApiError::new(
            ErrorCode::ColumnNotInBoard,
            "The column belongs to another board.",
        ));
    }
    Err(unknown())
}

/// Adds a column where asked.
pub fn create(
    conn: &mut DbConnection,
    actor: UserId,
    board: BoardId,
    name: String,
    place: Placement<ColumnId>,
) -> ApiResult<Column> {
    let (board, _) = board_for(conn, board, actor)?;
    history::lock_board(conn, board.id)?;
    let key = placement::column_key(conn, board.id, None, place, board.team_id)?;
    let row = ColumnRow {
        id: new_id(),
        board_id: board.id,
        name,
        sort_key: key,
        created_at: time::now(),
    };
    boards::insert_column(conn, &row)?;
    history::record_board(
        conn,
        board.id,
        actor,
        Change::ColumnAdded {
            column: row.name.clone(),
        },
    )?;
    Ok(row.to_column())
}

/// Renames a column.
pub fn rename(
    conn: &mut DbConnection,
    actor: UserId,
    id: ColumnId,
    name: String,
) -> ApiResult<Column> {
    let (column, board) = column_for(conn, id, actor)?;
    history::lock_board(conn, board.id)?;
    boards::rename_column(conn, column.id, &name)?;
    history::record_board(
        conn,
        board.id,
        actor,
        Change::ColumnRenamed {
            from: column.name.clone(),
            to: name.clone(),
        },
    )?;
    Ok(ColumnRow { name, ..column }.to_column())
}

/// Moves a column among its board's columns.
pub fn move_column(
    conn: &mut DbConnection,
    actor: UserId,
    id: ColumnId,
    place: Placement<ColumnId>,
) -> ApiResult<Column> {
    let (column, board) = column_for(conn, id, actor)?;
    history::lock_board(conn, board.id)?;
    let key = placement::column_key(conn, board.id, Some(column.id), place, board.team_id)?;
    boards::set_column_key(conn, column.id, &key)?;
    history::record_board(
        conn,
        board.id,
        actor,
        Change::ColumnMoved {
            column: column.name.clone(),
        },
    )?;
    Ok(ColumnRow {
        sort_key: key,
        ..column
    }
    .to_column())
}

/// What happens to the cards of a deleted column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardsOfDeleted {
    /// Nothing was said: a column with cards is not deleted (409 `column_not_empty`).
    Keep,
    /// They go to the end of this column of the same board.
    MoveTo(ColumnId),
    /// They are removed from the board.
    Delete,
}

/// Deletes a column; its cards move or go as asked.
pub fn delete(
    conn: &mut DbConnection,
    actor: UserId,
    id: ColumnId,
    cards_go: CardsOfDeleted,
) -> ApiResult<()> {
    let (column, board) = column_for(conn, id, actor)?;
    history::lock_board(conn, board.id)?;
    let cards = boards::cards_of_column(conn, column.id)?;
    if !cards.is_empty() {
        match cards_go {
            CardsOfDeleted::MoveTo(target) => {
                let target = column_in_board(conn, &board, target, "move_cards_to")?;
                if target.id == column.id {
                    return Err(ApiError::new(
                        ErrorCode::ColumnNotInBoard,
                        "move_cards_to must be another column than the one deleted",
                    ));
                }
                for card in &cards {
                    relocate(
                        conn,
                        actor,
                        card,
                        &board,
                        (&column, &target),
                        Placement::End,
                        Some(Reason::ColumnDeleted),
                    )?;
                }
            }
            CardsOfDeleted::Delete => {
                for card in &cards {
                    history::record_card(
                        conn,
                        card.influencer_id,
                        board.id,
                        actor,
                        Change::CardRemoved {
                            board_id: board.id,
                            board: board.name.clone(),
                            column: Some(column.name.clone()),
                            reason: Some(Reason::ColumnDeleted),
                        },
                    )?;
                }
            }
            CardsOfDeleted::Keep => {
                return Err(ApiError::new(
                    ErrorCode::ColumnNotEmpty,
                    format!(
                        "The column holds {} cards: pass move_cards_to={{column_id}} or delete_cards=true.",
                        cards.len()
                    ),
                ));
            }
        }
    }
    boards::delete_column(conn, column.id)?;
    history::record_board(
        conn,
        board.id,
        actor,
        Change::ColumnDeleted {
            column: column.name,
        },
    )?;
    Ok(())
}
