//! Cards: influencers on boards. Adding one or many, reading, moving, removing, labelling.

use rapport_domain::activity::{Change, Reason};
use rapport_domain::boards::{
    AddCardResult, AddCardStatus, AddCardsResponse, Card, Placement, Source,
};
use rapport_domain::problem::FieldError;
use rapport_domain::{BoardId, CardId, ColumnId, LabelId, UserId};
use rapport_store::boards::{self, BoardRow, CardRow, ColumnRow};
use rapport_store::influencers::{self, InfluencerRow};
use rapport_store::{new_id, time, DbConnection};

use crate::access::{board_for, card_for};
use crate::crm::columns::column_in_board;
use crate::crm::labels::label_in_board;
use crate::crm::{history, influencers as crm_influencers, placement};
use crate::error::{ApiError, ApiResult, ErrorCode};

fn view(conn: &mut DbConnection, card: &CardRow) -> ApiResult<Card> {
    let labels = boards::labels_of_card(conn, card.id)?;
    Ok(card.to_card(labels))
}

/// What adding one influencer did.
pub enum Added {
    /// A new card.
    New(CardRow, InfluencerRow),
    /// The influencer already had this card on the board.
    Existing(CardRow, InfluencerRow),
}

/// Puts the influencer named by `source` at the end of `column` (creating the influencer from a
/// profile when the team has no such account). The board must be locked by the caller.
fn place(
    conn: &mut DbConnection,
    board: &BoardRow,
    column: &ColumnRow,
    source: &Source,
    actor: UserId,
) -> ApiResult<Added> {
    let influencer = match source {
        Source::Influencer(id) => influencers::find(conn, *id)?
            .filter(|row| row.team_id == board.team_id)
            .ok_or_else(|| ApiError::unknown_reference("influencer_id", "influencer"))?,
        Source::Profile(profile) => {
            crm_influencers::find_or_create(conn, board.team_id, profile, None, actor)?.0
        }
    };
    if let Some(card) = boards::find_card_of(conn, board.id, influencer.id)? {
        return Ok(Added::Existing(card, influencer));
    }
    let key = placement::card_key(conn, column.id, None, Placement::End, board.team_id)?;
    let card = CardRow {
        id: new_id(),
        board_id: board.id,
        column_id: column.id,
        influencer_id: influencer.id,
        sort_key: key,
        created_at: time::now(),
    };
    boards::insert_card(conn, &card)?;
    history::record_card(
        conn,
        influencer.id,
        board.id,
        actor,
        Change::CardAdded {
            board_id: board.id,
            board: board.name.clone(),
            column: column.name.clone(),
        },
    )?;
    Ok(Added::New(card, influencer))
}

/// Puts one influencer at the end of a column; one already on the board answers 409
/// `card_exists` with the card's id.
pub fn add(
    conn: &mut DbConnection,
    actor: UserId,
    board: BoardId,
    column: ColumnId,
    source: &Source,
) -> ApiResult<Card> {
    let (board, _) = board_for(conn, board, actor)?;
    history::lock_board(conn, board.id)?;
    let column = column_in_board(conn, &board, column, "column_id")?;
    match place(conn, &board, &column, source, actor)? {
        Added::New(card, _) => view(conn, &card),
        Added::Existing(card, _) => Err(ApiError::conflict_with(
            ErrorCode::CardExists,
            "This influencer is already on the board.",
            card.id,
        )),
    }
}

/// Puts several influencers at the end of a column, with a result per item: added, already on
/// the board, or invalid (with why).
pub fn add_many(
    conn: &mut DbConnection,
    actor: UserId,
    board: BoardId,
    column: ColumnId,
    sources: Vec<Result<Source, FieldError>>,
) -> ApiResult<AddCardsResponse> {
    let (board, _) = board_for(conn, board, actor)?;
    history::lock_board(conn, board.id)?;
    let column = column_in_board(conn, &board, column, "column_id")?;
    let mut results = Vec::with_capacity(sources.len());
    for (index, source) in sources.into_iter().enumerate() {
        let result = match source {
            Err(error) => invalid(index, error),
            Ok(source) => match place(conn, &board, &column, &source, actor) {
                Ok(Added::New(card, influencer)) => added(AddCardStatus::Added, &card, &influencer),
                Ok(Added::Existing(card, influencer)) => {
                    added(AddCardStatus::AlreadyOnBoard, &card, &influencer)
                }
                Err(error) => match error.unknown_reference_field() {
                    Some(field_error) => invalid(index, field_error.clone()),
                    None => return Err(error),
                },
            },
        };
        results.push(result);
    }
    Ok(AddCardsResponse { results })
}

fn added(status: AddCardStatus, card: &CardRow, influencer: &InfluencerRow) -> AddCardResult {
    AddCardResult {
        status,
        card_id: Some(card.id),
        influencer_id: Some(influencer.id),
        error: None,
    }
}

fn invalid(index: usize, error: FieldError) -> AddCardResult {
    AddCardResult {
        status: AddCardStatus::Invalid,
        card_id: None,
        influencer_id: None,
        error: Some(FieldError {
            field: format!("items[{index}].{}", error.field),
            ..error
        }),
    }
}

/// One card.
pub fn get(conn: &mut DbConnection, actor: UserId, id: CardId) -> ApiResult<Card> {
    let (card, _) = card_for(conn, id, actor)?;
    view(conn, &card)
}

/// Moves a card within its column or to another column of its board: one row written.
pub fn move_card(
    conn: &mut DbConnection,
    actor: UserId,
    id: CardId,
    target: Option<ColumnId>,
    place: Placement<CardId>,
) -> ApiResult<Card> {
    let (card, board) = card_for(conn, id, actor)?;
    history::lock_board(conn, board.id)?;
    let from =
        boards::find_column(conn, card.column_id)?.ok_or_else(|| ApiError::not_found("column"))?;
    let to = match target {
        Some(column) => column_in_board(conn, &board, column, "column_id")?,
        None => from.clone(),
    };
    let key = relocate(conn, actor, &card, &board, (&from, &to), place, None)?;
    view(
        conn,
        &CardRow {
            column_id: to.id,
            sort_key: key,
            ..card
        },
    )
}

/// Moves a card of `board` from its column `from` to `to` at `place`, and records why when it did
/// not move by itself: one card row and its history row. Returns its new order key.
pub(crate) fn relocate(
    conn: &mut DbConnection,
    actor: UserId,
    card: &CardRow,
    board: &BoardRow,
    (from, to): (&ColumnRow, &ColumnRow),
    place: Placement<CardId>,
    reason: Option<Reason>,
) -> ApiResult<String> {
    let key = placement::card_key(conn, to.id, Some(card.id), place, board.team_id)?;
    boards::move_card(conn, card.id, to.id, &key)?;
    history::record_card(
        conn,
        card.influencer_id,
        board.id,
        actor,
        Change::CardMoved {
            board_id: board.id,
            board: board.name.clone(),
            from: from.name.clone(),
            to: to.name.clone(),
            reason,
        },
    )?;
    Ok(key)
}

/// Takes a card off its board (the influencer stays).
pub fn remove(conn: &mut DbConnection, actor: UserId, id: CardId) -> ApiResult<()> {
    let (card, board) = card_for(conn, id, actor)?;
    history::lock_board(conn, board.id)?;
    boards::delete_card(conn, card.id)?;
    history::record_card(
        conn,
        card.influencer_id,
        board.id,
        actor,
        Change::CardRemoved {
            board_id: board.id,
            board: board.name,
            column: None,
            reason: None,
        },
    )?;
    Ok(())
}

/// Applies (`on`) or removes a label of the card's board.
pub fn set_label(
    conn: &mut DbConnection,
    actor: UserId,
    card: CardId,
    label: LabelId,
    on: bool,
) -> ApiResult<Card> {
    let (card, board) = card_for(conn, card, actor)?;
    history::lock_board(conn, board.id)?;
    let label = label_in_board(conn, &board, label)?;
    let changed = if on {
        boards::apply_label(conn, card.id, label.id)?
    } else {
        boards::remove_label(conn, card.id, label.id)?
    };
    if changed {
        let (board_id, board, label) = (board.id, board.name, label.name);
        let change = if on {
            Change::LabelApplied {
                board_id,
                board,
                label,
            }
        } else {
            Change::LabelRemoved {
                board_id,
                board,
                label,
                reason: None,
            }
        };
        history::record_card(conn, card.influencer_id, board_id, actor, change)?;
    }
    view(conn, &card)
}
