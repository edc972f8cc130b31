//! `/boards/{board_id}/labels` and `/labels/{label_id}`.

use gloo_net::http::Method;
use rapport_domain::boards::{CreateLabel, Label, UpdateLabel};
use rapport_domain::{BoardId, LabelId};

use super::{get, send_empty, send_json, ApiError};

/// `GET /boards/{board_id}/labels`.
pub async fn list_labels(board: BoardId) -> Result<Vec<Label>, ApiError> {
    get(&format!("/boards/{board}/labels")).await
}

/// `POST /boards/{board_id}/labels`.
pub async fn create_label(board: BoardId, request: &CreateLabel) -> Result<Label, ApiError> {
    send_json(Method::POST, &format!("/boards/{board}/labels"), request).await
}

/// `PATCH /labels/{label_id}`: renames or recolours.
pub async fn update_label(label: LabelId, request: &UpdateLabel) -> Result<Label, ApiError> {
    send_json(Method::PATCH, &format!("/labels/{label}"), request).await
}

/// `DELETE /labels/{label_id}`.
pub async fn delete_label(label: LabelId) -> Result<(), ApiError> {
    send_empty(Method::DELETE, &format!("/labels/{label}")).await
}
