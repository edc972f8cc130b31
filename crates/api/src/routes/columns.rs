//! Columns: `/api/v1/boards/{board_id}/columns` and `/api/v1/columns/{column_id}` (+ `/move`).

use actix_web::web::{Data, Json, Path, Query};
use actix_web::{delete, patch, post, HttpResponse};
use rapport_domain::boards::{
    Column, CreateColumn, DeleteColumnQuery, MoveColumn, Placement, UpdateColumn,
};
use rapport_domain::{BoardId, ColumnId, UserId, Validate};
use rapport_store::boards::{self, BoardRow, ColumnRow};
use rapport_store::{new_id, time, DbConnection};
use serde_json::json;

use crate::auth::AuthUser;
use crate::body::Body;
use crate::crm::cards::column_in_board;
use crate::crm::{activity, placement};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::openapi::{
    BadRequest, Conflict, NotFound, PayloadTooLarge, Unauthorized, Unprocessable,
    UnsupportedMediaType,
};
use crate::routes::access::{board_for, board_of};
use crate::state::AppState;

/// The column and its board, if the caller's team owns them.
fn column_for(
    conn: &mut DbConnection,
    id: ColumnId,
    user: UserId,
) -> ApiResult<(ColumnRow, BoardRow)> {
    let column =
        boards::find_column(conn, &id.to_string())?.ok_or_else(|| ApiError::not_found("column"))?;
    let (board, _) = board_of(conn, &column.board_id, user, "column")?;
    Ok((column, board))
}

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
    let board_id = path.into_inner();
    let (name, place) = body.validate()?;
    let column = state
        .db
        .write(move |conn| {
            let (board, _, _) = board_for(conn, board_id, auth.0)?;
            activity::lock_boards(conn, std::slice::from_ref(&board.id))?;
            let key = placement::column_key(conn, &board.id, None, place, &board.team_id)?;
            let row = ColumnRow {
                id: new_id().to_string(),
                board_id: board.id.clone(),
                name,
                sort_key: key,
                created_at: time::now(),
            };
            boards::insert_column(conn, &row)?;
            activity::record_board(
                conn,
                &board.id,
                auth.0,
                "column.added",
                json!({"column": row.name}),
            )?;
            Ok(row.to_column()?)
        })
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
        .write(move |conn| {
            let (column, board) = column_for(conn, id, auth.0)?;
            activity::lock_boards(conn, std::slice::from_ref(&board.id))?;
            boards::rename_column(conn, &column.id, &name)?;
            activity::record_board(
                conn,
                &board.id,
                auth.0,
                "column.renamed",
                json!({"from": column.name, "to": name}),
            )?;
            Ok(ColumnRow { name, ..column }.to_column()?)
        })
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
        .write(move |conn| {
            let (column, board) = column_for(conn, id, auth.0)?;
            activity::lock_boards(conn, std::slice::from_ref(&board.id))?;
            let key =
                placement::column_key(conn, &board.id, Some(&column.id), place, &board.team_id)?;
            boards::set_column_key(conn, &column.id, &key)?;
            activity::record_board(
                conn,
                &board.id,
                auth.0,
                "column.moved",
                json!({"column": column.name}),
            )?;
            Ok(ColumnRow {
                sort_key: key,
                ..column
            }
            .to_column()?)
        })
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
    state
        .db
        .write(move |conn| {
            let (column, board) = column_for(conn, id, auth.0)?;
            activity::lock_boards(conn, std::slice::from_ref(&board.id))?;
            let cards = boards::cards_of_column(conn, &column.id)?;
            if !cards.is_empty() {
                if let Some(target) = query.move_cards_to {
                    let target = column_in_board(conn, &board, target)?;
                    if target.id == column.id {
                        return Err(ApiError::new(
                            ErrorCode::ColumnNotInBoard,
                            "move_cards_to must be another column than the one deleted",
                        ));
                    }
                    for card in &cards {
                        let key = placement::card_key(conn, &target.id, Some(&card.id), Placement::End, &board.team_id)?;
                        boards::move_card(conn, &card.id, &target.id, &key)?;
                        activity::record_card(conn, &card.influencer_id, &board.id,
                            auth.0,
                            "card.moved",
                            json!({"board_id": board.id, "board": board.name, "from": column.name, "to": target.name, "reason": "column deleted"}),
                        )?;
                    }
                } else if query.delete_cards == Some(true) {
                    for card in &cards {
                        activity::record_card(conn, &card.influencer_id, &board.id,
                            auth.0,
                            "card.removed",
                            json!({"board_id": board.id, "board": board.name, "column": column.name, "reason": "column deleted"}),
                        )?;
                    }
                } else {
                    return Err(ApiError::new(
                        ErrorCode::ColumnNotEmpty,
                        format!(
                            "The column holds {} cards: pass move_cards_to={{column_id}} or delete_cards=true.",
                            cards.len()
                        ),
                    ));
                }
            }
            boards::delete_column(conn, &column.id)?;
            activity::record_board(conn, &board.id, auth.0, "column.deleted", json!({"column": column.name}))?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
