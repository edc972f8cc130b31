//! Recording the activity history, which is also the change feed of boards (see
//! `rapport_store::activity::board_revision`). Every change is a typed [`Change`].

use rapport_domain::activity::{Activity, Change};
use rapport_domain::page::Page;
use rapport_domain::{BoardId, InfluencerId, UserId};
use rapport_store::{activity, boards, time, DbConnection};

use crate::access::influencer_for;
use crate::error::ApiResult;
use crate::paging::PageRequest;

/// Records that `actor` made `change` to the influencer (a change that shows on no board).
pub fn record(
    conn: &mut DbConnection,
    influencer: InfluencerId,
    actor: UserId,
    change: Change,
) -> ApiResult<()> {
    activity::record(conn, Some(influencer), None, actor, change, time::now())?;
    Ok(())
}

/// Records a change to the influencer's card on a board.
pub fn record_card(
    conn: &mut DbConnection,
    influencer: InfluencerId,
    board: BoardId,
    actor: UserId,
    change: Change,
) -> ApiResult<()> {
    activity::record(
        conn,
        Some(influencer),
        Some(board),
        actor,
        change,
        time::now(),
    )?;
    Ok(())
}

/// Records a change to a board itself (its name, columns or labels).
pub fn record_board(
    conn: &mut DbConnection,
    board: BoardId,
    actor: UserId,
    change: Change,
) -> ApiResult<()> {
    activity::record(conn, None, Some(board), actor, change, time::now())?;
    Ok(())
}

/// Makes writers to this board take turns until the end of the transaction; call it first thing
/// in a transaction that changes what the board shows (see `rapport_store::activity`).
pub fn lock_board(conn: &mut DbConnection, board: BoardId) -> ApiResult<()> {
    activity::lock_boards(conn, &[board])?;
    Ok(())
}

/// [`lock_board`] for every board the influencer is on; returns those boards, for
/// [`touch_boards`].
pub fn lock_boards_of(
    conn: &mut DbConnection,
    influencer: InfluencerId,
) -> ApiResult<Vec<BoardId>> {
    let boards = boards::boards_of_influencer(conn, influencer)?;
    activity::lock_boards(conn, &boards)?;
    Ok(boards)
}

/// Marks these boards (those an influencer is on, from [`lock_boards_of`]) as changed by `change`:
/// their cards show the influencer's name and accounts.
pub fn touch_boards(
    conn: &mut DbConnection,
    boards: &[BoardId],
    actor: UserId,
    change: &Change,
) -> ApiResult<()> {
    for &board in boards {
        record_board(conn, board, actor, change.clone())?;
    }
    Ok(())
}

/// Every change to the influencer, its cards, labels, notes, reminders and comments, newest first.
pub fn list(
    conn: &mut DbConnection,
    actor: UserId,
    influencer: InfluencerId,
    paging: &PageRequest,
) -> ApiResult<Page<Activity>> {
    let (row, _) = influencer_for(conn, influencer, actor)?;
    let rows = activity::list(conn, row.id, paging.cursor.as_deref(), paging.fetch())?;
    Ok(paging.page(rows))
}
