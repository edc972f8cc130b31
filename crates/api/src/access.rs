//! Who may touch what: team membership and roles, and finding a team's resources for a caller.
//! Anything of another team answers 404, exactly like an unknown id. The use cases (`crm`,
//! `accounts`) depend on this module; it depends on neither.

use rapport_domain::teams::Role;
use rapport_domain::{BoardId, CardId, ColumnId, InfluencerId, LabelId, TeamId, UserId};
use rapport_store::boards::{self, BoardRow, CardRow, ColumnRow, LabelRow};
use rapport_store::influencers::{self, InfluencerRow};
use rapport_store::{memberships, DbConnection};

use crate::error::{ApiError, ApiResult};

/// The caller's role in the team. Not being a member answers 404, exactly like an unknown team.
pub fn role_in(conn: &mut DbConnection, team: TeamId, user: UserId) -> ApiResult<Role> {
    memberships::role_of(conn, team, user)?.ok_or_else(|| ApiError::not_found("team"))
}

/// Refuses with 403 unless `allowed`.
pub fn require(allowed: bool, detail: &str) -> ApiResult<()> {
    if allowed {
        Ok(())
    } else {
        Err(ApiError::forbidden(detail))
    }
}

/// The influencer, if the caller's team owns it, with the caller's role.
pub fn influencer_for(
    conn: &mut DbConnection,
    id: InfluencerId,
    user: UserId,
) -> ApiResult<(InfluencerRow, Role)> {
    let row = influencers::find(conn, id)?.ok_or_else(|| ApiError::not_found("influencer"))?;
    let role = memberships::role_of(conn, row.team_id, user)?
        .ok_or_else(|| ApiError::not_found("influencer"))?;
    Ok((row, role))
}

/// The board, if the caller's team owns it, with the caller's role.
pub fn board_for(
    conn: &mut DbConnection,
    id: BoardId,
    user: UserId,
) -> ApiResult<(BoardRow, Role)> {
    board_scoped(conn, id, user, "board")
}

/// The board that holds a column, card or label, if the caller's team owns it; `what` names the
/// resource in the 404.
fn board_scoped(
    conn: &mut DbConnection,
    id: BoardId,
    user: UserId,
    what: &str,
) -> ApiResult<(BoardRow, Role)> {
    let row = boards::find_board(conn, id)?.ok_or_else(|| ApiError::not_found(what))?;
    let role =
        memberships::role_of(conn, row.team_id, user)?.ok_or_else(|| ApiError::not_found(what))?;
    Ok((row, role))
}

/// The column and its board, if the caller's team owns them.
pub fn column_for(
    conn: &mut DbConnection,
    id: ColumnId,
    user: UserId,
) -> ApiResult<(ColumnRow, BoardRow)> {
    let column = boards::find_column(conn, id)?.ok_or_else(|| ApiError::not_found("column"))?;
    let (board, _) = board_scoped(conn, column.board_id, user, "column")?;
    Ok((column, board))
}

/// The label and its board, if the caller's team owns them.
pub fn label_for(
    conn: &mut DbConnection,
    id: LabelId,
    user: UserId,
) -> ApiResult<(LabelRow, BoardRow)> {
    let label = boards::find_label(conn, id)?.ok_or_else(|| ApiError::not_found("label"))?;
    let (board, _) = board_scoped(conn, label.board_id, user, "label")?;
    Ok((label, board))
}

/// The card and its board, if the caller's team owns them (one query).
pub fn card_for(
    conn: &mut DbConnection,
    id: CardId,
    user: UserId,
) -> ApiResult<(CardRow, BoardRow)> {
    boards::find_card_for_member(conn, id, user)?.ok_or_else(|| ApiError::not_found("card"))
}
