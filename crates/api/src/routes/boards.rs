//! `/api/v1/teams/{team_id}/boards` and `/api/v1/boards/{board_id}`.

use actix_web::http::header::ContentType;
use actix_web::web::{Bytes, Data, Json, Path, Query};
use actix_web::{delete, get, patch, post, HttpResponse};
use rapport_domain::boards::{
    parse_label_ids, Board, BoardListQuery, BoardQuery, BoardView, CreateBoard, UpdateBoard,
};
use rapport_domain::ordering::keys_after;
use rapport_domain::page::Page;
use rapport_domain::page::PageQuery;
use rapport_domain::{BoardId, TeamId, Validate};
use rapport_store::boards::{self, BoardRow, ColumnRow};
use rapport_store::{activity, new_id, time};
use serde_json::json;

use crate::auth::AuthUser;
use crate::body::Body;
use crate::crm::{activity as history, board_view};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::openapi::{
    BadRequest, Forbidden, NotFound, PayloadTooLarge, Unauthorized, Unprocessable,
    UnsupportedMediaType,
};
use crate::routes::access::{board_for, require, role_in, PageRequest};
use crate::routes::influencers::search_text;
use crate::state::AppState;

/// The team's boards (active by default; `archived=true` for archived ones), oldest first, with
/// their column and card counts.
#[utoipa::path(
    tag = "boards",
    security(("bearer" = [])),
    params(("team_id" = TeamId, Path, description = "The team's id."), BoardListQuery),
    responses((status = 200, description = "A page of boards.", body = Page<Board>), BadRequest, Unauthorized, NotFound)
)]
#[get("/teams/{team_id}/boards")]
pub async fn list_boards(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<TeamId>,
    query: Query<BoardListQuery>,
) -> ApiResult<Json<Page<Board>>> {
    let team = path.into_inner();
    let query = query.into_inner();
    let archived = query.archived.unwrap_or(false);
    let paging = PageRequest::from_query(&PageQuery {
        limit: query.limit,
        cursor: query.cursor,
    })?;
    let page = state
        .db
        .run(move |conn| {
            role_in(conn, team, auth.0)?;
            let rows = boards::list_boards(
                conn,
                team,
                archived,
                paging.cursor.as_deref(),
                paging.fetch(),
            )?
            .into_iter()
            .map(|board| (board.id.to_string(), board))
            .collect();
            Ok(paging.page(rows))
        })
        .await?;
    Ok(Json(page))
}

/// Create a board, optionally with its columns.
#[utoipa::path(
    tag = "boards",
    security(("bearer" = [])),
    params(("team_id" = TeamId, Path, description = "The team's id.")),
    request_body = CreateBoard,
    responses(
        (status = 201, description = "Created.", body = Board),
        BadRequest, Unauthorized, NotFound, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[post("/teams/{team_id}/boards")]
pub async fn create_board(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<TeamId>,
    body: Body<CreateBoard>,
) -> ApiResult<HttpResponse> {
    let team = path.into_inner();
    let new = body.validate()?;
    let board = state
        .db
        .write(move |conn| {
            role_in(conn, team, auth.0)?;
            let now = time::now();
            let board = BoardRow {
                id: new_id().to_string(),
                team_id: team.to_string(),
                name: new.name,
                archived_at: None,
                created_at: now,
                updated_at: now,
            };
            boards::insert_board(conn, &board)?;
            let keys = keys_after(None, new.columns.len())
                .map_err(|e| ApiError::internal(anyhow::anyhow!("{e:?}")))?;
            for (name, key) in new.columns.iter().zip(keys) {
                boards::insert_column(
                    conn,
                    &ColumnRow {
                        id: new_id().to_string(),
                        board_id: board.id.clone(),
                        name: name.clone(),
                        sort_key: key,
                        created_at: now,
                    },
                )?;
            }
            let columns = i64::try_from(new.columns.len()).unwrap_or(0);
            Ok(board.to_board(columns, 0)?)
        })
        .await?;
    Ok(HttpResponse::Created().json(board))
}

/// The whole board in one response: labels, columns in order, cards in order with their
/// influencer and labels. `label_ids` (any of them) and `q` (name or handle) filter the cards.
#[utoipa::path(
    tag = "boards",
    security(("bearer" = [])),
    params(("board_id" = BoardId, Path, description = "The board's id."), BoardQuery),
    responses((status = 200, description = "The board.", body = BoardView), BadRequest, Unauthorized, NotFound)
)]
#[get("/boards/{board_id}")]
pub async fn get_board(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<BoardId>,
    query: Query<BoardQuery>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let query = query.into_inner();
    let labels = match query.label_ids.as_deref() {
        None => None,
        Some(raw) => Some(
            parse_label_ids(raw)
                .ok_or_else(|| {
                    ApiError::new(
                        ErrorCode::InvalidParameter,
                        "label_ids must be comma-separated label ids",
                    )
                })?
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
        ),
    };
    if query.q.as_ref().is_some_and(|q| q.chars().count() > 100) {
        return Err(ApiError::new(
            ErrorCode::InvalidParameter,
            "q must be at most 100 characters",
        ));
    }
    let text = search_text(query.q.as_deref());
    let unfiltered = labels.is_none() && text.is_none();
    let state_for_read = state.clone();
    let body = state
        .db
        .run(move |conn| {
            let (board, _, _) = board_for(conn, id, auth.0)?;
            let cache = &state_for_read.board_cache;
            // The revision first: contents read after it are at least as new.
            let revision = if unfiltered {
                let revision = activity::board_revision(conn, &board.id)?;
                if let Some(body) = cache.get(&board.id, &revision) {
                    return Ok(body);
                }
                Some(revision)
            } else {
                None
            };
            let contents =
                boards::board_contents(conn, &board.id, labels.as_deref(), text.as_deref())?;
            let view = board_view::assemble(&board, contents)?;
            let body = Bytes::from(serde_json::to_vec(&view).map_err(ApiError::internal)?);
            if let Some(revision) = revision {
                cache.put(&board.id, revision, body.clone());
            }
            Ok(body)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type(ContentType::json())
        .body(body))
}

/// Rename a board, or archive (`archived: true`) or restore it.
#[utoipa::path(
    tag = "boards",
    security(("bearer" = [])),
    params(("board_id" = BoardId, Path, description = "The board's id.")),
    request_body = UpdateBoard,
    responses(
        (status = 200, description = "The updated board.", body = Board),
        BadRequest, Unauthorized, NotFound, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[patch("/boards/{board_id}")]
pub async fn update_board(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<BoardId>,
    body: Body<UpdateBoard>,
) -> ApiResult<Json<Board>> {
    let id = path.into_inner();
    let (name, archived) = body.validate()?;
    let board = state
        .db
        .write(move |conn| {
            let (board, _, _) = board_for(conn, id, auth.0)?;
            history::lock_boards(conn, std::slice::from_ref(&board.id))?;
            let now = time::now();
            let archived_at = match (archived, board.archived_at) {
                (Some(true), None) => Some(Some(now)),
                (Some(false), Some(_)) => Some(None),
                _ => None,
            };
            if name.is_some() || archived_at.is_some() {
                boards::update_board(conn, &board.id, name.as_deref(), archived_at, now)?;
                history::record_board(
                    conn,
                    &board.id,
                    auth.0,
                    "board.updated",
                    json!({"name": name, "archived": archived}),
                )?;
            }
            let (board, _, _) = board_for(conn, id, auth.0)?;
            let (columns, cards) = boards::board_counts(conn, &board.id)?;
            Ok(board.to_board(columns, cards)?)
        })
        .await?;
    Ok(Json(board))
}

/// Delete a board with its columns, cards and labels (owners and admins). The influencers, their
/// notes and reminders stay.
#[utoipa::path(
    tag = "boards",
    security(("bearer" = [])),
    params(("board_id" = BoardId, Path, description = "The board's id.")),
    responses((status = 204, description = "Deleted."), BadRequest, Unauthorized, Forbidden, NotFound)
)]
#[delete("/boards/{board_id}")]
pub async fn delete_board(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<BoardId>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    state
        .db
        .write(move |conn| {
            let (board, _, role) = board_for(conn, id, auth.0)?;
            require(role.can_manage_team(), "Only owners and admins can delete a board; archive it instead.")?;
            let columns: std::collections::HashMap<String, String> = boards::columns_of(conn, &board.id)?
                .into_iter()
                .map(|column| (column.id, column.name))
                .collect();
            for card in boards::cards_of_board(conn, &board.id)? {
                let column = columns.get(&card.column_id).cloned().unwrap_or_default();
                history::record(
                    conn,
                    &card.influencer_id,
                    auth.0,
                    "card.removed",
                    json!({"board_id": board.id, "board": board.name, "column": column, "reason": "board deleted"}),
                )?;
            }
            boards::delete_board(conn, &board.id)?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
