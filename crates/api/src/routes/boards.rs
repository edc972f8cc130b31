//! `/api/v1/teams/{team_id}/boards` and `/api/v1/boards/{board_id}`.

use actix_web::http::header::ContentType;
use actix_web::web::{Data, Json, Path, Query};
use actix_web::{delete, get, patch, post, HttpResponse};
use rapport_domain::boards::{
    parse_label_ids, Board, BoardListQuery, BoardQuery, BoardView, CreateBoard, UpdateBoard,
};
use rapport_domain::page::Page;
use rapport_domain::{BoardId, TeamId, Validate};

use crate::auth::AuthUser;
use crate::body::Body;
use crate::crm::boards::{self, CardFilter};
use crate::crm::influencers::search_text;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::openapi::{
    BadRequest, Forbidden, NotFound, PayloadTooLarge, Unauthorized, Unprocessable,
    UnsupportedMediaType,
};
use crate::paging::PageRequest;
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
    let paging = PageRequest::new(query.limit, query.cursor)?;
    let page = state
        .db
        .run(move |conn| boards::list(conn, auth.0, team, archived, &paging))
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
        .write(move |conn| boards::create(conn, auth.0, team, new))
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
        Some(raw) => Some(parse_label_ids(raw).ok_or_else(|| {
            ApiError::new(
                ErrorCode::InvalidParameter,
                "label_ids must be comma-separated label ids",
            )
        })?),
    };
    if query.q.as_ref().is_some_and(|q| q.chars().count() > 100) {
        return Err(ApiError::new(
            ErrorCode::InvalidParameter,
            "q must be at most 100 characters",
        ));
    }
    let filter = CardFilter {
        labels,
        text: search_text(query.q.as_deref()),
    };
    let cache = state.clone();
    let body = state
        .db
        .run(move |conn| boards::read(conn, &cache.board_cache, auth.0, id, &filter))
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
        .write(move |conn| boards::update(conn, auth.0, id, name, archived))
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
        .write(move |conn| boards::delete(conn, auth.0, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
