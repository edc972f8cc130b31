//! Connections: `/api/v1/teams/{team_id}/connections[/{connection_id}]` (the team) and
//! `/api/v1/creator/connections[/{connection_id}]` (the creator).

use actix_web::web::{Data, Json, Path, Query};
use actix_web::{delete, get, HttpResponse};
use rapport_domain::connections::{CreatorConnection, TeamConnection};
use rapport_domain::page::{Page, PageQuery};
use rapport_domain::{ConnectionId, TeamId};

use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::network::connections;
use crate::openapi::{BadRequest, NotFound, Unauthorized};
use crate::paging::PageRequest;
use crate::state::AppState;

/// The team's connections, newest first: each creator's profile and e-mail address, and the
/// team's influencer linked to them.
#[utoipa::path(
    tag = "connections",
    security(("bearer" = [])),
    params(("team_id" = TeamId, Path, description = "The team's id."), PageQuery),
    responses(
        (status = 200, description = "A page of connections.", body = Page<TeamConnection>),
        BadRequest, Unauthorized, NotFound
    )
)]
#[get("/teams/{team_id}/connections")]
pub async fn list_team_connections(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<TeamId>,
    query: Query<PageQuery>,
) -> ApiResult<Json<Page<TeamConnection>>> {
    let team = path.into_inner();
    let paging = PageRequest::from_query(&query)?;
    let page = state
        .db
        .run(move |conn| connections::list_for_team(conn, auth.0, team, &paging))
        .await?;
    Ok(Json(page))
}

/// End a connection (any member); the creator is told. The influencer stays with the team.
#[utoipa::path(
    tag = "connections",
    security(("bearer" = [])),
    params(
        ("team_id" = TeamId, Path, description = "The team's id."),
        ("connection_id" = ConnectionId, Path, description = "The connection's id.")
    ),
    responses((status = 204, description = "Ended."), BadRequest, Unauthorized, NotFound)
)]
#[delete("/teams/{team_id}/connections/{connection_id}")]
pub async fn end_team_connection(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<(TeamId, ConnectionId)>,
) -> ApiResult<HttpResponse> {
    let (team, id) = path.into_inner();
    let now = state.clock.now();
    state
        .db
        .write(move |conn| connections::end_by_team(conn, auth.0, team, id, now))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The signed-in creator's connections, newest first.
#[utoipa::path(
    tag = "creator",
    security(("bearer" = [])),
    params(PageQuery),
    responses(
        (status = 200, description = "A page of connections.", body = Page<CreatorConnection>),
        BadRequest, Unauthorized, NotFound
    )
)]
#[get("/creator/connections")]
pub async fn list_creator_connections(
    state: Data<AppState>,
    auth: AuthUser,
    query: Query<PageQuery>,
) -> ApiResult<Json<Page<CreatorConnection>>> {
    let paging = PageRequest::from_query(&query)?;
    let page = state
        .db
        .run(move |conn| connections::list_for_creator(conn, auth.0, &paging))
        .await?;
    Ok(Json(page))
}

/// End one of the signed-in creator's connections; the team is told.
#[utoipa::path(
    tag = "creator",
    security(("bearer" = [])),
    params(("connection_id" = ConnectionId, Path, description = "The connection's id.")),
    responses((status = 204, description = "Ended."), BadRequest, Unauthorized, NotFound)
)]
#[delete("/creator/connections/{connection_id}")]
pub async fn end_creator_connection(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<ConnectionId>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let now = state.clock.now();
    state
        .db
        .write(move |conn| connections::end_by_creator(conn, auth.0, id, now))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
