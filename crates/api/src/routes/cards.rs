//! Cards: `/api/v1/boards/{board_id}/cards` (+ `/bulk`) and `/api/v1/cards/{card_id}`
//! (+ `/move`, `/labels/{label_id}`).

use actix_web::web::{Data, Json, Path};
use actix_web::{delete, get, post, put, HttpResponse};
use rapport_domain::boards::{
    AddCard, AddCardResult, AddCardStatus, AddCards, AddCardsResponse, Card, MoveCard,
};
use rapport_domain::problem::FieldError;
use rapport_domain::{BoardId, CardId, LabelId, UserId, Validate};
use rapport_store::boards::{self, BoardRow, CardRow};
use rapport_store::DbConnection;
use serde_json::json;

use crate::auth::AuthUser;
use crate::body::Body;
use crate::crm::cards::{add, column_in_board, label_in_board, Added};
use crate::crm::{activity, placement};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::openapi::{
    BadRequest, Conflict, NotFound, PayloadTooLarge, Unauthorized, Unprocessable,
    UnsupportedMediaType,
};
use crate::routes::access::{board_for, parse_stored};
use crate::state::AppState;

/// The card and its board, if the caller's team owns them.
fn card_for(conn: &mut DbConnection, id: CardId, user: UserId) -> ApiResult<(CardRow, BoardRow)> {
    boards::find_card_for_member(conn, &id.to_string(), &user.to_string())?
        .ok_or_else(|| ApiError::not_found("card"))
}

fn card_view(conn: &mut DbConnection, card: &CardRow) -> ApiResult<Card> {
    let labels = boards::labels_of_card(conn, &card.id)?;
    Ok(card.to_card(labels)?)
}

/// Put one influencer (by id, or by profile link or username) at the end of a column. The
/// influencer is created from a profile the team does not have yet. An influencer already on the
/// board answers 409 `card_exists` with the card's id in `existing_id`.
#[utoipa::path(
    tag = "cards",
    security(("bearer" = [])),
    params(("board_id" = BoardId, Path, description = "The board's id.")),
    request_body = AddCard,
    responses(
        (status = 201, description = "The new card.", body = Card),
        BadRequest, Unauthorized, NotFound, Conflict, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[post("/boards/{board_id}/cards")]
pub async fn add_card(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<BoardId>,
    body: Body<AddCard>,
) -> ApiResult<HttpResponse> {
    let board_id = path.into_inner();
    let (column_id, source) = body.validate()?;
    let card = state
        .db
        .write(move |conn| {
            let (board, team, _) = board_for(conn, board_id, auth.0)?;
            activity::lock_boards(conn, std::slice::from_ref(&board.id))?;
            let column = column_in_board(conn, &board, column_id)?;
            match add(conn, &board, team, &column, &source, auth.0)? {
                Added::New(card, _) => card_view(conn, &card),
                Added::Existing(card, _) => Err(ApiError::conflict_with(
                    ErrorCode::CardExists,
                    "This influencer is already on the board.",
                    card.id,
                )),
            }
        })
        .await?;
    Ok(HttpResponse::Created().json(card))
}

/// Put up to 100 influencers at the end of a column, in order; each item gets its own result
/// (added, already on the board, or why not). Valid items are added even when others are not.
#[utoipa::path(
    tag = "cards",
    security(("bearer" = [])),
    params(("board_id" = BoardId, Path, description = "The board's id.")),
    request_body = AddCards,
    responses(
        (status = 200, description = "One result per item.", body = AddCardsResponse),
        BadRequest, Unauthorized, NotFound, Conflict, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[post("/boards/{board_id}/cards/bulk")]
pub async fn add_cards(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<BoardId>,
    body: Body<AddCards>,
) -> ApiResult<Json<AddCardsResponse>> {
    let board_id = path.into_inner();
    let (column_id, sources) = body.validate()?;
    let response = state
        .db
        .write(move |conn| {
            let (board, team, _) = board_for(conn, board_id, auth.0)?;
            activity::lock_boards(conn, std::slice::from_ref(&board.id))?;
            let column = column_in_board(conn, &board, column_id)?;
            let mut results = Vec::with_capacity(sources.len());
            for (index, source) in sources.into_iter().enumerate() {
                let result = match source {
                    Err(error) => invalid(index, error),
                    Ok(source) => match add(conn, &board, team, &column, &source, auth.0) {
                        Ok(Added::New(card, influencer)) => AddCardResult {
                            status: AddCardStatus::Added,
                            card_id: Some(parse_stored(&card.id)?),
                            influencer_id: Some(parse_stored(&influencer.id)?),
                            error: None,
                        },
                        Ok(Added::Existing(card, influencer)) => AddCardResult {
                            status: AddCardStatus::AlreadyOnBoard,
                            card_id: Some(parse_stored(&card.id)?),
                            influencer_id: Some(parse_stored(&influencer.id)?),
                            error: None,
                        },
                        Err(error) if error.code() == ErrorCode::NotFound => invalid(
                            index,
                            FieldError {
                                field: "influencer_id".into(),
                                code: "not_found".into(),
                                message: "no such influencer in this team".into(),
                            },
                        ),
                        Err(error) => return Err(error),
                    },
                };
                results.push(result);
            }
            Ok(AddCardsResponse { results })
        })
        .await?;
    Ok(Json(response))
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
#[utoipa::path(
    tag = "cards",
    security(("bearer" = [])),
    params(("card_id" = CardId, Path, description = "The card's id.")),
    responses((status = 200, description = "The card.", body = Card), BadRequest, Unauthorized, NotFound)
)]
#[get("/cards/{card_id}")]
pub async fn get_card(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<CardId>,
) -> ApiResult<Json<Card>> {
    let id = path.into_inner();
    let card = state
        .db
        .run(move |conn| {
            let (card, _) = card_for(conn, id, auth.0)?;
            card_view(conn, &card)
        })
        .await?;
    Ok(Json(card))
}

/// Move a card within its column or to another column of the board: before or after a card of
/// the target column, or (neither) to its end. Writes one card row, whatever the column's size.
#[utoipa::path(
    tag = "cards",
    security(("bearer" = [])),
    params(("card_id" = CardId, Path, description = "The card's id.")),
    request_body = MoveCard,
    responses(
        (status = 200, description = "The moved card (its new `column_id` and `position`).", body = Card),
        BadRequest, Unauthorized, NotFound, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[post("/cards/{card_id}/move")]
pub async fn move_card(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<CardId>,
    body: Body<MoveCard>,
) -> ApiResult<Json<Card>> {
    let id = path.into_inner();
    let (target, place) = body.validate()?;
    let card = state
        .db
        .write(move |conn| {
            let (card, board) = card_for(conn, id, auth.0)?;
            activity::lock_boards(conn, std::slice::from_ref(&board.id))?;
            let from = boards::find_column(conn, &card.column_id)?.ok_or_else(|| ApiError::not_found("column"))?;
            let to = match target {
                Some(column) => column_in_board(conn, &board, column)?,
                None => from.clone(),
            };
            let key = placement::card_key(conn, &to.id, Some(&card.id), place, &board.team_id)?;
            boards::move_card(conn, &card.id, &to.id, &key)?;
            activity::record_card(conn, &card.influencer_id, &board.id,
                auth.0,
                "card.moved",
                json!({"board_id": board.id, "board": board.name, "from": from.name, "to": to.name}),
            )?;
            card_view(
                conn,
                &CardRow {
                    column_id: to.id,
                    sort_key: key,
                    ..card
                },
            )
        })
        .await?;
    Ok(Json(card))
}

/// Take a card off its board (the influencer, notes and reminders stay).
#[utoipa::path(
    tag = "cards",
    security(("bearer" = [])),
    params(("card_id" = CardId, Path, description = "The card's id.")),
    responses((status = 204, description = "Removed."), BadRequest, Unauthorized, NotFound)
)]
#[delete("/cards/{card_id}")]
pub async fn remove_card(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<CardId>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    state
        .db
        .write(move |conn| {
            let (card, board) = card_for(conn, id, auth.0)?;
            activity::lock_boards(conn, std::slice::from_ref(&board.id))?;
            boards::delete_card(conn, &card.id)?;
            activity::record_card(
                conn,
                &card.influencer_id,
                &board.id,
                auth.0,
                "card.removed",
                json!({"board_id": board.id, "board": board.name}),
            )?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Apply a label of the card's board to the card (doing it twice changes nothing).
#[utoipa::path(
    tag = "cards",
    security(("bearer" = [])),
    params(
        ("card_id" = CardId, Path, description = "The card's id."),
        ("label_id" = LabelId, Path, description = "The label's id (of the same board).")
    ),
    responses(
        (status = 200, description = "The card with its labels.", body = Card),
        BadRequest, Unauthorized, NotFound, Unprocessable
    )
)]
#[put("/cards/{card_id}/labels/{label_id}")]
pub async fn apply_label(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<(CardId, LabelId)>,
) -> ApiResult<Json<Card>> {
    set_label(&state, auth, path.into_inner(), true)
        .await
        .map(Json)
}

/// Take a label off a card.
#[utoipa::path(
    tag = "cards",
    security(("bearer" = [])),
    params(
        ("card_id" = CardId, Path, description = "The card's id."),
        ("label_id" = LabelId, Path, description = "The label's id.")
    ),
    responses(
        (status = 200, description = "The card with its labels.", body = Card),
        BadRequest, Unauthorized, NotFound, Unprocessable
    )
)]
#[delete("/cards/{card_id}/labels/{label_id}")]
pub async fn remove_label(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<(CardId, LabelId)>,
) -> ApiResult<Json<Card>> {
    set_label(&state, auth, path.into_inner(), false)
        .await
        .map(Json)
}

/// Puts a label on a card (`on`) or takes it off, recording the change if there was one.
async fn set_label(
    state: &AppState,
    auth: AuthUser,
    (card_id, label_id): (CardId, LabelId),
    on: bool,
) -> ApiResult<Card> {
    state
        .db
        .write(move |conn| {
            let (card, board) = card_for(conn, card_id, auth.0)?;
            activity::lock_boards(conn, std::slice::from_ref(&board.id))?;
            let label = label_in_board(conn, &board, label_id)?;
            let changed = if on {
                boards::apply_label(conn, &card.id, &label.id)?
            } else {
                boards::remove_label(conn, &card.id, &label.id)?
            };
            if changed {
                activity::record_card(
                    conn,
                    &card.influencer_id,
                    &board.id,
                    auth.0,
                    if on { "label.applied" } else { "label.removed" },
                    json!({"board_id": board.id, "board": board.name, "label": label.name}),
                )?;
            }
            card_view(conn, &card)
        })
        .await
}
