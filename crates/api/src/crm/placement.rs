//! Where a column or card goes: its new order key, from its neighbours' keys.

use rapport_domain::boards::Placement;
use rapport_domain::ordering::{key_between, OrderError};
use rapport_domain::{CardId, ColumnId};
use rapport_store::boards;
use rapport_store::DbConnection;

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::routes::access::parse_stored;

/// Whether the board is one of `team`'s (references to other teams' things answer 404).
pub fn same_team(conn: &mut DbConnection, board: &str, team: &str) -> ApiResult<bool> {
    let board = boards::find_board(conn, parse_stored(board)?)?;
    Ok(board.is_some_and(|b| b.team_id == team))
}

fn order_error(error: OrderError) -> ApiError {
    ApiError::internal(anyhow::anyhow!("order keys out of order: {error:?}"))
}

/// Siblings are columns of one board, or cards of one column.
enum Siblings<'a> {
    Columns { board: &'a str },
    Cards { column: &'a str },
}

impl Siblings<'_> {
    /// The order key of the sibling `id`, checked to be one (422 for another board's column or
    /// another column's card in the team, 404 for anything else).
    fn anchor_key(
        &self,
        conn: &mut DbConnection,
        id: &str,
        moving: Option<&str>,
        team: &str,
    ) -> ApiResult<String> {
        let (key, home, board, code, what) = match self {
            Siblings::Columns { board } => {
                let found = boards::find_column(conn, id)?;
                let home = found.as_ref().is_some_and(|c| c.board_id == *board);
                match found {
                    Some(c) => (
                        c.sort_key,
                        home,
                        c.board_id,
                        ErrorCode::ColumnNotInBoard,
                        "column",
                    ),
                    None => return Err(ApiError::not_found("column given as before/after")),
                }
            }
            Siblings::Cards { column } => {
                let found = boards::find_card(conn, id)?;
                let home = found.as_ref().is_some_and(|c| c.column_id == *column);
                match found {
                    Some(c) => (
                        c.sort_key,
                        home,
                        c.board_id,
                        ErrorCode::CardNotInColumn,
                        "card",
                    ),
                    None => return Err(ApiError::not_found("card given as before/after")),
                }
            }
        };
        if home && Some(id) != moving {
            return Ok(key);
        }
        if home {
            return Err(ApiError::new(
                code,
                format!("a {what} cannot be placed next to itself"),
            ));
        }
        if same_team(conn, &board, team)? {
            return Err(ApiError::new(
                code,
                format!(
                    "`before`/`after` names a {what} of another {}",
                    if what == "card" { "column" } else { "board" }
                ),
            ));
        }
        Err(ApiError::not_found(&format!(
            "{what} given as before/after"
        )))
    }

    fn neighbours(
        &self,
        conn: &mut DbConnection,
        moving: Option<&str>,
        anchor: Option<&str>,
        before: bool,
    ) -> ApiResult<(Option<String>, Option<String>)> {
        Ok(match self {
            Siblings::Columns { board } => {
                boards::column_neighbours(conn, board, moving, anchor, before)?
            }
            Siblings::Cards { column } => {
                boards::card_neighbours(conn, column, moving, anchor, before)?
            }
        })
    }

    fn key(
        &self,
        conn: &mut DbConnection,
        moving: Option<&str>,
        place: Placement<String>,
        team: &str,
    ) -> ApiResult<String> {
        let (previous, next) = match place {
            Placement::End => self.neighbours(conn, moving, None, false)?,
            Placement::Before(id) => {
                let anchor = self.anchor_key(conn, &id, moving, team)?;
                self.neighbours(conn, moving, Some(&anchor), true)?
            }
            Placement::After(id) => {
                let anchor = self.anchor_key(conn, &id, moving, team)?;
                self.neighbours(conn, moving, Some(&anchor), false)?
            }
            Placement::Between { after, before } => {
                let low = self.anchor_key(conn, &after, moving, team)?;
                let high = self.anchor_key(conn, &before, moving, team)?;
                if low >= high {
                    return Err(ApiError::new(
                        ErrorCode::InvalidPlacement,
                        "`after` must come before `before` in the current order",
                    ));
                }
                (Some(low), Some(high))
            }
        };
        key_between(previous.as_deref(), next.as_deref()).map_err(order_error)
    }
}

fn ids<T: ToString>(place: Placement<T>) -> Placement<String> {
    match place {
        Placement::End => Placement::End,
        Placement::Before(id) => Placement::Before(id.to_string()),
        Placement::After(id) => Placement::After(id.to_string()),
        Placement::Between { after, before } => Placement::Between {
            after: after.to_string(),
            before: before.to_string(),
        },
    }
}

/// The key for a column of `board` placed as asked (`moving`: the column being moved, if any).
pub fn column_key(
    conn: &mut DbConnection,
    board: &str,
    moving: Option<&str>,
    place: Placement<ColumnId>,
    team: &str,
) -> ApiResult<String> {
    Siblings::Columns { board }.key(conn, moving, ids(place), team)
}

/// The key for a card placed in `column` as asked (`moving`: the card being moved, if any).
pub fn card_key(
    conn: &mut DbConnection,
    column: &str,
    moving: Option<&str>,
    place: Placement<CardId>,
    team: &str,
) -> ApiResult<String> {
    Siblings::Cards { column }.key(conn, moving, ids(place), team)
}
