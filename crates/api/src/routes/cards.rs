//! Cards: `/api/v1/boards/{board_id}/cards` (+ `/bulk`) and `/api/v1/cards/{card_id}`
//! (+ `/move`, `/labels/{label_id}`).

use actix_web::web::{Data, Json, Path};
use actix_web::{delete, get, post, put, HttpResponse};
use rapport_domain::boards::{AddCard, AddCards, AddCardsResponse, Card, MoveCard};
use rapport_domain::{BoardId, CardId, LabelId, Validate};

use crate::auth::AuthUser;
use crate::body::Body;
use crate::crm::cards;
use crate::error::ApiResult;
use crate::openapi::{
    BadRequest, Conflict, NotFound, PayloadTooLarge, Unauthorized, Unprocessable,
    UnsupportedMediaType,
};
use crate::state::AppState;

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
    let board = path.into_inner();
    let (column, source) = body.validate()?;
    let card = state
        .db
        .write(move |conn| cards::add(conn, auth.0, board, column, &source))
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
    let board = path.into_inner();
    let (column, sources) = body.validate()?;
    let response = state
        .db
        .write(move |conn| cards::add_many(conn, auth.0, board, column, sources))
        .await?;
    Ok(Json(response))
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
        .run(move |conn| cards::get(conn, auth.0, id))
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
        .write(move |conn| cards::move_card(conn, auth.0, id, target, place))
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
        .write(move |conn| cards::remove(conn, auth.0, id))
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
    (card, label): (CardId, LabelId),
    on: bool,
) -> ApiResult<Card> {
    state
        .db
        .write(move |conn| cards::set_label(conn, auth.0, card, label, on))
        .await
}
