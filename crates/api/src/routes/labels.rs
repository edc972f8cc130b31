//! Labels: `/api/v1/boards/{board_id}/labels` and `/api/v1/labels/{label_id}`.

use actix_web::web::{Data, Json, Path};
use actix_web::{delete, get, patch, post, HttpResponse};
use rapport_domain::boards::{CreateLabel, Label, UpdateLabel};
use rapport_domain::{BoardId, LabelId, UserId, Validate};
use rapport_store::boards::{self, BoardRow, LabelRow};
use rapport_store::{is_unique_violation, new_id, time, DbConnection, QueryError};
use serde_json::json;

use crate::auth::AuthUser;
use crate::body::Body;
use crate::crm::activity;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::openapi::{
    BadRequest, Conflict, NotFound, PayloadTooLarge, Unauthorized, Unprocessable,
    UnsupportedMediaType,
};
use crate::routes::access::{board_for, board_of};
use crate::state::AppState;

/// The label and its board, if the caller's team owns them.
pub fn label_for(
    conn: &mut DbConnection,
    id: LabelId,
    user: UserId,
) -> ApiResult<(LabelRow, BoardRow)> {
    let label =
        boards::find_label(conn, &id.to_string())?.ok_or_else(|| ApiError::not_found("label"))?;
    let (board, _) = board_of(conn, &label.board_id, user, "label")?;
    Ok((label, board))
}

fn name_taken(error: QueryError) -> ApiError {
    if is_unique_violation(&error) {
        ApiError::new(
            ErrorCode::LabelExists,
            "The board already has a label with this name.",
        )
    } else {
        error.into()
    }
}

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
    let id = path.into_inner();
    let labels = state
        .db
        .run(move |conn| {
            let (board, _, _) = board_for(conn, id, auth.0)?;
            Ok(boards::labels_of(conn, &board.id)?
                .iter()
                .map(LabelRow::to_label)
                .collect::<Result<Vec<_>, _>>()?)
        })
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
    let id = path.into_inner();
    let (name, color) = body.validate()?;
    let label = state
        .db
        .write(move |conn| {
            let (board, _, _) = board_for(conn, id, auth.0)?;
            activity::lock_boards(conn, std::slice::from_ref(&board.id))?;
            let row = LabelRow {
                id: new_id().to_string(),
                board_id: board.id.clone(),
                name_key: name.to_lowercase(),
                name,
                color,
                created_at: time::now(),
            };
            boards::insert_label(conn, &row).map_err(name_taken)?;
            activity::record_board(
                conn,
                &row.board_id,
                auth.0,
                "label.created",
                json!({"label": row.name}),
            )?;
            Ok(row.to_label()?)
        })
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
        .write(move |conn| {
            let (label, board) = label_for(conn, id, auth.0)?;
            activity::lock_boards(conn, std::slice::from_ref(&board.id))?;
            boards::update_label(conn, &label.id, name.as_deref(), color.as_deref())
                .map_err(name_taken)?;
            activity::record_board(
                conn,
                &board.id,
                auth.0,
                "label.updated",
                json!({"label": label.name}),
            )?;
            let (label, _) = label_for(conn, id, auth.0)?;
            Ok(label.to_label()?)
        })
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
        .write(move |conn| {
            let (label, board) = label_for(conn, id, auth.0)?;
            activity::lock_boards(conn, std::slice::from_ref(&board.id))?;
            for card in boards::cards_with_label(conn, &label.id)? {
                activity::record_card(conn, &card.influencer_id, &board.id,
                    auth.0,
                    "label.removed",
                    json!({"board_id": board.id, "board": board.name, "label": label.name, "reason": "label deleted"}),
                )?;
            }
            boards::delete_label(conn, &label.id)?;
            activity::record_board(conn, &board.id, auth.0, "label.deleted", json!({"label": label.name}))?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
