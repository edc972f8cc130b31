//! Where a column or card goes: its new order key, from its neighbours' keys.

use rapport_domain::boards::Placement;
use rapport_domain::ordering::{key_between, OrderError};
use rapport_domain::{BoardId, CardId, ColumnId, TeamId};
use rapport_store::boards;
use rapport_store::DbConnection;

use crate::error::{ApiError, ApiResult, ErrorCode};

/// Whether the board is one of `team`'s (references to other teams' things are unknown ids).
pub fn same_team(conn: &mut DbConnection, board: BoardId, team: TeamId) -> ApiResult<bool> {
    let board = boards::find_board(conn, board)?;
    Ok(board.is_some_and(|b| b.team_id == team))
}

fn order_error(error: OrderError) -> ApiError {
    ApiError::internal(anyhow::anyhow!("order keys out of order: {error:?}"))
}

/// A sibling named as `before`/`after`, as found: its key, whether it is a sibling (same board or
/// column), whether it is the one moving, and its board.
struct Anchor {
    key: String,
    home: bool,
    itself: bool,
    board: BoardId,
}

/// What the siblings are, for the messages.
#[derive(Clone, Copy)]
enum What {
    Column,
    Card,
}

impl What {
    fn noun(self) -> &'static str {
        match self {
            What::Column => "column",
            What::Card => "card",
        }
    }

    fn code(self) -> ErrorCode {
        match self {
            What::Column => ErrorCode::ColumnNotInBoard,
            What::Card => ErrorCode::CardNotInColumn,
        }
    }
}

/// The anchor's key, checked to be a sibling's (422 for another board's column or another column's
/// card in the team, 422 `validation_failed` naming the field for anything else).
fn anchor_key(
    conn: &mut DbConnection,
    (anchor, field): (Option<Anchor>, &str),
    what: What,
    team: TeamId,
) -> ApiResult<String> {
    let noun = what.noun();
    let unknown = || ApiError::unknown_reference(field, noun);
    let Some(anchor) = anchor else {
        return Err(unknown());
    };
    if anchor.home && !anchor.itself {
        return Ok(anchor.key);
    }
    if anchor.home {
        return Err(ApiError::new(
            what.code(),
            format!("a {noun} cannot be placed next to itself"),
        ));
    }
    if same_team(conn, anchor.board, team)? {
        let parent = match what {
            What::Card => "column",
            What::Column => "board",
        };
        return Err(ApiError::new(
            what.code(),
            format!("`before`/`after` names a {noun} of another {parent}"),
        ));
    }
    Err(unknown())
}

/// The key between the neighbours that `place` names, given how to find an anchor and the
/// neighbours around a key.
fn key_for<Id>(
    conn: &mut DbConnection,
    place: Placement<Id>,
    what: What,
    team: TeamId,
    find: impl Fn(&mut DbConnection, Id) -> ApiResult<Option<Anchor>>,
    neighbours: impl Fn(
        &mut DbConnection,
        Option<&str>,
        bool,
    ) -> ApiResult<(Option<String>, Option<String>)>,
) -> ApiResult<String> {
    let anchor = |conn: &mut DbConnection, id: Id, field: &str| {
        let found = find(conn, id)?;
        anchor_key(conn, (found, field), what, team)
    };
    let (previous, next) = match place {
        Placement::End => neighbours(conn, None, false)?,
        Placement::Before(id) => {
            let key = anchor(conn, id, "before")?;
            neighbours(conn, Some(&key), true)?
        }
        Placement::After(id) => {
            let key = anchor(conn, id, "after")?;
            neighbours(conn, Some(&key), false)?
        }
        Placement::Between { after, before } => {
            let low = anchor(conn, after, "after")?;
            let high = anchor(conn, before, "before")?;
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

/// The key for a column of `board` placed as asked (`moving`: the column being moved, if any).
pub fn column_key(
    conn: &mut DbConnection,
    board: BoardId,
    moving: Option<ColumnId>,
    place: Placement<ColumnId>,
    team: TeamId,
) -> ApiResult<String> {
    key_for(
        conn,
        place,
        What::Column,
        team,
        |conn, id| {
            Ok(boards::find_column(conn, id)?.map(|c| Anchor {
                home: c.board_id == board,
                itself: Some(c.id) == moving,
                board: c.board_id,
                key: c.sort_key,
            }))
        },
        |conn, anchor, before| {
            Ok(boards::column_neighbours(
                conn, board, moving, anchor, before,
            )?)
        },
    )
}

/// The key for a card placed in `column` as asked (`moving`: the card being moved, if any).
pub fn card_key(
    conn: &mut DbConnection,
    column: ColumnId,
    moving: Option<CardId>,
    place: Placement<CardId>,
    team: TeamId,
) -> ApiResult<String> {
    key_for(
        conn,
        place,
        What::Card,
        team,
        |conn, id| {
            Ok(boards::find_card(conn, id)?.map(|c| Anchor {
                home: c.column_id == column,
                itself: Some(c.id) == moving,
                board: c.board_id,
                key: c.sort_key,
            }))
        },
        |conn, anchor, before| {
            Ok(boards::card_neighbours(
                conn, column, moving, anchor, before,
            )?)
        },
    )
}
