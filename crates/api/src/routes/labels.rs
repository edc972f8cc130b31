//! Labels: `/api/v1/boards/{board_id}/labels` and `/api/v1/labels/{label_id}`.

use actix_web::web::{Data, Json, Path};
use actix_web::{delete, get, patch, post, HttpResponse};
use rapport_domain::boards::{CreateLabel, Label, UpdateLabel};
use rapport_domain::{BoardId, LabelId, Validate};

use crate::auth::AuthUser;
use crate::body::Body;
use crate::crm::labels;
use crate::error::ApiResult;
use crate::openapi::{
    BadRequest, Conflict, NotFound, PayloadTooLarge, Unauthorized, Unprocessable,
    UnsupportedMediaType,
};
use crate::state::AppState;

/// The board's labels, by name.
#[utoipa::path(
    tag = "labels",
    security(("bearer" = [])),
    params(("board_id" = BoardId, Path, description = "The board's id.")),
    responses((status = 200, description = "The labels.", body = Vec<Label>), BadRequest, Unauthorized, NotFound)
)]
#[get("/boards/{board_id}/labels")]
pub async fn list_labels(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<BoardId>,
) -> ApiResult<Json<Vec<Label>>> {
    let board = path.into_inner();
    let labels = state
        .db
        .run(move |conn| labels::list(conn, auth.0, board))
        .await?;
    Ok(Json(labels))
}

/// Create a label (its name unique in the board, any case).
#[utoipa::path(
    tag = "labels",
    security(("bearer" = [])),
    params(("board_id" = BoardId, Path, description = "The board's id.")),
    request_body = CreateLabel,
    responses(
        (status = 201, description = "Created.", body = Label),
        BadRequest, Unauthorized, NotFound, Conflict, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[post("/boards/{board_id}/labels")]
pub async fn create_label(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<BoardId>,
    body: Body<CreateLabel>,
) -> ApiResult<HttpResponse> {
    let board = path.into_inner();
    let (name, color) = body.validate()?;
    let label = state
        .db
        .write(move |conn| labels::create(conn, auth.0, board, name, color))
        .await?;
    Ok(HttpResponse::Created().json(label))
}

/// Rename or recolour a label.
#[utoipa::path(
    tag = "labels",
    security(("bearer" = [])),
    params(("label_id" = LabelId, Path, description = "The label's id.")),
    request_body = UpdateLabel,
    responses(
        (status = 200, description = "The updated label.", body = Label),
        BadRequest, Unauthorized, NotFound, Conflict, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[patch("/labels/{label_id}")]
pub async fn update_label(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<LabelId>,
    body: Body<UpdateLabel>,
) -> ApiResult<Json<Label>> {
    let id = path.into_inner();
    let (name, color) = body.validate()?;
    let label = state
        .db
        .write(move |conn| labels::update(conn, auth.0, id, name, color))
        .await?;
    Ok(Json(label))
}

/// Delete a label; it comes off every card.
#[utoipa::path(
    tag = "labels",
    security(("bearer" = [])),
    params(("label_id" = LabelId, Path, description = "The label's id.")),
    responses((status = 204, description = "Deleted."), BadRequest, Unauthorized, NotFound)
)]
#[delete("/labels/{label_id}")]
pub async fn delete_label(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<LabelId>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    state
        .db
        .write(move |conn| labels::delete(conn, auth.0, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
