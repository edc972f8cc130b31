//! Columns: `/api/v1/boards/{board_id}/columns` and `/api/v1/columns/{column_id}` (+ `/move`).

use actix_web::web::{Data, Json, Path, Query};
use actix_web::{delete, patch, post, HttpResponse};
use rapport_domain::boards::{Column, CreateColumn, DeleteColumnQuery, MoveColumn, UpdateColumn};
use rapport_domain::{BoardId, ColumnId, Validate};

use crate::auth::AuthUser;
use crate::body::Body;
use crate::crm::columns::{self, CardsOfDeleted};
use crate::error::ApiResult;
use crate::openapi::{
    BadRequest, Conflict, NotFound, PayloadTooLarge, Unauthorized, Unprocessable,
    UnsupportedMediaType,
};
use crate::state::AppState;

/// Add a column: at the end, or before or after another column of the board.
#[utoipa::path(
    tag = "boards",
    security(("bearer" = [])),
    params(("board_id" = BoardId, Path, description = "The board's id.")),
    request_body = CreateColumn,
    responses(
        (status = 201, description = "Created.", body = Column),
        BadRequest, Unauthorized, NotFound, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[post("/boards/{board_id}/columns")]
pub async fn create_column(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<BoardId>,
    body: Body<CreateColumn>,
) -> ApiResult<HttpResponse> {
    let board = path.into_inner();
    let (name, place) = body.validate()?;
    let column = state
        .db
        .write(move |conn| columns::create(conn, auth.0, board, name, place))
        .await?;
    Ok(HttpResponse::Created().json(column))
}

/// Rename a column.
#[utoipa::path(
    tag = "boards",
    security(("bearer" = [])),
    params(("column_id" = ColumnId, Path, description = "The column's id.")),
    request_body = UpdateColumn,
    responses(
        (status = 200, description = "The renamed column.", body = Column),
        BadRequest, Unauthorized, NotFound, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[patch("/columns/{column_id}")]
pub async fn update_column(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<ColumnId>,
    body: Body<UpdateColumn>,
) -> ApiResult<Json<Column>> {
    let id = path.into_inner();
    let name = body.validate()?;
    let column = state
        .db
        .write(move |conn| columns::rename(conn, auth.0, id, name))
        .await?;
    Ok(Json(column))
}

/// Move a column before or after another column of its board, or (neither) to the end.
#[utoipa::path(
    tag = "boards",
    security(("bearer" = [])),
    params(("column_id" = ColumnId, Path, description = "The column's id.")),
    request_body = MoveColumn,
    responses(
        (status = 200, description = "The moved column (its new `position`).", body = Column),
        BadRequest, Unauthorized, NotFound, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[post("/columns/{column_id}/move")]
pub async fn move_column(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<ColumnId>,
    body: Body<MoveColumn>,
) -> ApiResult<Json<Column>> {
    let id = path.into_inner();
    let place = body.validate()?;
    let column = state
        .db
        .write(move |conn| columns::move_column(conn, auth.0, id, place))
        .await?;
    Ok(Json(column))
}

/// Delete a column. If it holds cards, say where they go (`move_cards_to`: the end of another
/// column of the board) or that they are removed (`delete_cards=true`); otherwise 409
/// `column_not_empty`, and nothing changes.
#[utoipa::path(
    tag = "boards",
    security(("bearer" = [])),
    params(("column_id" = ColumnId, Path, description = "The column's id."), DeleteColumnQuery),
    responses((status = 204, description = "Deleted."), BadRequest, Unauthorized, NotFound, Conflict, Unprocessable)
)]
#[delete("/columns/{column_id}")]
pub async fn delete_column(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<ColumnId>,
    query: Query<DeleteColumnQuery>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let query = query.into_inner();
    let cards_go = match (query.move_cards_to, query.delete_cards) {
        (Some(target), _) => CardsOfDeleted::MoveTo(target),
        (None, Some(true)) => CardsOfDeleted::Delete,
        (None, _) => CardsOfDeleted::Keep,
    };
    state
        .db
        .write(move |conn| columns::delete(conn, auth.0, id, cards_go))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
