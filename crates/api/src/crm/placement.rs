//! Where a column or card goes: its new order key, from its neighbours' keys.

use rapport_domain::boards::Placement;
use rapport_domain::ordering::{key_between, OrderError};
use rapport_domain::{CardId, ColumnId};
use rapport_store::boards;
use rapport_store::DbConnection;

use crate::error::{ApiError, ApiResult, ErrorCode};

/// Whether the board is one of `team`'s (references to other teams' things answer 404).
pub fn same_team(conn: &mut DbConnection, board: &str, team: &str) -> ApiResult<bool> {
    let board = boards::find_board(conn, crate::routes::access::parse_stored(board)?)?;
    Ok(board.is_some_and(|b| b.team_id == team))
}

fn order_error(error: OrderError) -> ApiError {
    ApiError::internal(anyhow::anyhow!("order keys out of order: {error:?}"))
}

/// The key for a column of `board` placed as asked (`moving`: the column being moved, if any).
pub fn column_key(
    conn: &mut DbConnection,
    board: &str,
    moving: Option<&str>,
    place: Placement<ColumnId>,
    team: &str,
) -> ApiResult<String> {
    let (anchor, before) = match place {
        Placement::End => (None, false),
        Placement::Before(id) | Placement::After(id) => {
            let anchor = boards::find_column(conn, &id.to_string())?;
            let anchor = match anchor {
                Some(column) if column.board_id == board => column,
                Some(column) if same_team(conn, &column.board_id, team)? => {
                    return Err(ApiError::new(
                        ErrorCode::ColumnNotInBoard,
                        "`before`/`after` names a column of another board",
                    ))
                }
                _ => return Err(ApiError::not_found("column given as before/after")),
            };
            if Some(anchor.id.as_str()) == moving {
                return Err(ApiError::new(
                    ErrorCode::ColumnNotInBoard,
                    "a column cannot be placed next to itself",
                ));
            }
            (Some(anchor.sort_key), matches!(place, Placement::Before(_)))
        }
    };
    let (previous, next) =
        boards::column_neighbours(conn, board, moving, anchor.as_deref(), before)?;
    key_between(previous.as_deref(), next.as_deref()).map_err(order_error)
}

/// The key for a card placed in `column` as asked (`moving`: the card being moved, if any).
pub fn card_key(
    conn: &mut DbConnection,
    column: &str,
    moving: Option<&str>,
    place: Placement<CardId>,
    team: &str,
) -> ApiResult<String> {
    let (anchor, before) = match place {
        Placement::End => (None, false),
        Placement::Before(id) | Placement::After(id) => {
            let anchor = boards::find_card(conn, &id.to_string())?;
            let anchor = match anchor {
                Some(card) if card.column_id == column => card,
                Some(card) if same_team(conn, &card.board_id, team)? => {
                    return Err(ApiError::new(
                        ErrorCode::CardNotInColumn,
                        "`before`/`after` names a card of another column",
                    ))
                }
                _ => return Err(ApiError::not_found("card given as before/after")),
            };
            if Some(anchor.id.as_str()) == moving {
                return Err(ApiError::new(
                    ErrorCode::CardNotInColumn,
                    "a card cannot be placed next to itself",
                ));
            }
            (Some(anchor.sort_key), matches!(place, Placement::Before(_)))
        }
    };
    let (previous, next) =
        boards::card_neighbours(conn, column, moving, anchor.as_deref(), before)?;
    key_between(previous.as_deref(), next.as_deref()).map_err(order_error)
}
