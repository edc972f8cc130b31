//! Recording the activity history, which is also the change feed of boards (see
//! `rapport_store::activity::board_revision`).

use rapport_domain::UserId;
use rapport_store::{activity, boards, time, DbConnection};
use serde_json::{json, Value};

use crate::error::ApiResult;

/// Records that `actor` did `kind` to the influencer (a change that shows on no board).
pub fn record(
    conn: &mut DbConnection,
    influencer_id: &str,
    actor: UserId,
    kind: &str,
    data: Value,
) -> ApiResult<()> {
    activity::record(
        conn,
        Some(influencer_id),
        None,
        actor,
        kind,
        &data,
        time::now(),
    )?;
    Ok(())
}

/// Records a change to the influencer's card on a board.
pub fn record_card(
    conn: &mut DbConnection,
    influencer_id: &str,
    board_id: &str,
    actor: UserId,
    kind: &str,
    data: Value,
) -> ApiResult<()> {
    activity::record(
        conn,
        Some(influencer_id),
        Some(board_id),
        actor,
        kind,
        &data,
        time::now(),
    )?;
    Ok(())
}

/// Records a change to a board itself (its name, columns or labels).
pub fn record_board(
    conn: &mut DbConnection,
    board_id: &str,
    actor: UserId,
    kind: &str,
    data: Value,
) -> ApiResult<()> {
    activity::record(conn, None, Some(board_id), actor, kind, &data, time::now())?;
    Ok(())
}

/// Makes writers to these boards take turns until the end of the transaction; call it first
/// thing in a transaction that changes what boards show (see `rapport_store::activity`).
pub fn lock_boards(conn: &mut DbConnection, boards: &[String]) -> ApiResult<()> {
    activity::lock_boards(conn, boards)?;
    Ok(())
}

/// [`lock_boards`] for every board the influencer is on.
pub fn lock_boards_of(conn: &mut DbConnection, influencer_id: &str) -> ApiResult<()> {
    let boards = boards::boards_of_influencer(conn, influencer_id)?;
    lock_boards(conn, &boards)
}

/// Marks every board the influencer is on as changed (their cards show the influencer's name and
/// accounts).
pub fn touch_boards_of(
    conn: &mut DbConnection,
    influencer_id: &str,
    actor: UserId,
    kind: &str,
) -> ApiResult<()> {
    for board in boards::boards_of_influencer(conn, influencer_id)? {
        record_board(
            conn,
            &board,
            actor,
            kind,
            json!({ "influencer_id": influencer_id }),
        )?;
    }
    Ok(())
}
