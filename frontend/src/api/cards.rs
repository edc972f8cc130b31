//! `/boards/{board_id}/cards/bulk` and `/cards/{card_id}`.

use gloo_net::http::Method;
use rapport_domain::boards::{AddCards, AddCardsResponse, Card, MoveCard};
use rapport_domain::{BoardId, CardId, LabelId};

use super::{get, send_empty, send_json, ApiError};

/// `POST /boards/{board_id}/cards/bulk`: up to 100 cards, with a result each.
pub async fn add_cards(board: BoardId, request: &AddCards) -> Result<AddCardsResponse, ApiError> {
    send_json(
        Method::POST,
        &format!("/boards/{board}/cards/bulk"),
        request,
    )
    .await
}

/// `GET /cards/{card_id}`.
pub async fn get_card(card: CardId) -> Result<Card, ApiError> {
    get(&format!("/cards/{card}")).await
}

/// `POST /cards/{card_id}/move`: to a column, between neighbours.
pub async fn move_card(card: CardId, request: &MoveCard) -> Result<Card, ApiError> {
    send_json(Method::POST, &format!("/cards/{card}/move"), request).await
}

/// `PUT /cards/{card_id}/labels/{label_id}`.
pub async fn apply_label(card: CardId, label: LabelId) -> Result<Card, ApiError> {
    send_empty(Method::PUT, &format!("/cards/{card}/labels/{label}")).await
}

/// `DELETE /cards/{card_id}/labels/{label_id}`.
pub async fn remove_label(card: CardId, label: LabelId) -> Result<Card, ApiError> {
    send_empty(Method::DELETE, &format!("/cards/{card}/labels/{label}")).await
}

/// `DELETE /cards/{card_id}`: off the board (the influencer, notes and reminders stay).
pub async fn remove_card(card: CardId) -> Result<(), ApiError> {
    send_empty(Method::DELETE, &format!("/cards/{card}")).await
}
