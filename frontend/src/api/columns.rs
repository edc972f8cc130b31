//! `/boards/{board_id}/columns` and `/columns/{column_id}`.

use gloo_net::http::Method;
use rapport_domain::boards::{Column, CreateColumn, DeleteColumnQuery, MoveColumn, UpdateColumn};
use rapport_domain::{BoardId, ColumnId};

use super::{query, send_empty, send_json, ApiError};

/// `POST /boards/{board_id}/columns`.
pub async fn create_column(board: BoardId, request: &CreateColumn) -> Result<Column, ApiError> {
    send_json(Method::POST, &format!("/boards/{board}/columns"), request).await
}

/// `PATCH /columns/{column_id}`: renames.
pub async fn update_column(column: ColumnId, request: &UpdateColumn) -> Result<Column, ApiError> {
    send_json(Method::PATCH, &format!("/columns/{column}"), request).await
}

/// `POST /columns/{column_id}/move`: between its new neighbours.
pub async fn move_column(column: ColumnId, request: &MoveColumn) -> Result<Column, ApiError> {
    send_json(Method::POST, &format!("/columns/{column}/move"), request).await
}

/// `DELETE /columns/{column_id}`: a column with cards says where they go.
pub async fn delete_column(column: ColumnId, cards: &DeleteColumnQuery) -> Result<(), ApiError> {
    let query = query(&[
        ("move_cards_to", cards.move_cards_to.map(|c| c.to_string())),
        ("delete_cards", cards.delete_cards.map(|d| d.to_string())),
    ]);
    send_empty(Method::DELETE, &format!("/columns/{column}{query}")).await
}
