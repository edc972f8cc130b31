//! Putting influencers on boards, and resolving the columns and labels a request names.

use rapport_domain::boards::{Placement, Source};
use rapport_domain::{ColumnId, LabelId, TeamId, UserId};
use rapport_store::boards::{self, BoardRow, CardRow, ColumnRow, LabelRow};
use rapport_store::influencers::{self, InfluencerRow};
use rapport_store::{new_id, time, DbConnection};
use serde_json::json;

use crate::crm::{activity, influencers as crm_influencers, placement};
use crate::error::{ApiError, ApiResult, ErrorCode};

/// The column, which must be on `board`: a column of another board of the team is 422
/// `column_not_in_board`; an unknown column (or another team's) is 404.
pub fn column_in_board(
    conn: &mut DbConnection,
    board: &BoardRow,
    id: ColumnId,
) -> ApiResult<ColumnRow> {
    let column =
        boards::find_column(conn, &id.to_string())?.ok_or_else(|| ApiError::not_found("column"))?;
    if column.board_id == board.id {
        return Ok(column);
    }
    if placement::same_team(conn, &column.board_id, &board.team_id)? {
        return Err(ApiError::new(
            ErrorCode::ColumnNotInBoard,
            "The column belongs to another board.",
        ));
    }
    Err(ApiError::not_found("column"))
}

/// The label, which must be of `board` (422 `label_not_in_board` for another board of the team).
pub fn label_in_board(
    conn: &mut DbConnection,
    board: &BoardRow,
    id: LabelId,
) -> ApiResult<LabelRow> {
    let label =
        boards::find_label(conn, &id.to_string())?.ok_or_else(|| ApiError::not_found("label"))?;
    if label.board_id == board.id {
        return Ok(label);
    }
    if placement::same_team(conn, &label.board_id, &board.team_id)? {
        return Err(ApiError::new(
            ErrorCode::LabelNotInBoard,
            "The label belongs to another board; labels are per board.",
        ));
    }
    Err(ApiError::not_found("label"))
}

/// What adding one influencer did.
pub enum Added {
    /// A new card.
    New(CardRow, InfluencerRow),
    /// The influencer already had this card on the board.
    Existing(CardRow, InfluencerRow),
}

/// Puts the influencer named by `source` at the end of `column` (creating the influencer from a
/// profile when the team has no such account).
pub fn add(
    conn: &mut DbConnection,
    board: &BoardRow,
    team: TeamId,
    column: &ColumnRow,
    source: &Source,
    actor: UserId,
) -> ApiResult<Added> {
    let now = time::now();
    let influencer = match source {
        Source::Influencer(id) => influencers::find(conn, *id)?
            .filter(|row| row.team_id == board.team_id)
            .ok_or_else(|| ApiError::not_found("influencer"))?,
        Source::Profile(profile) => {
            crm_influencers::find_or_create(conn, team, profile, None, actor, now)?.0
        }
    };
    if let Some(card) = boards::find_card_of(conn, &board.id, &influencer.id)? {
        return Ok(Added::Existing(card, influencer));
    }
    let key = placement::card_key(conn, &column.id, None, Placement::End, &board.team_id)?;
    let card = CardRow {
        id: new_id().to_string(),
        board_id: board.id.clone(),
        column_id: column.id.clone(),
        influencer_id: influencer.id.clone(),
        sort_key: key,
        created_at: now,
    };
    boards::insert_card(conn, &card)?;
    activity::record_card(
        conn,
        &influencer.id,
        &board.id,
        actor,
        "card.added",
        json!({"board_id": board.id, "board": board.name, "column": column.name}),
    )?;
    Ok(Added::New(card, influencer))
}
