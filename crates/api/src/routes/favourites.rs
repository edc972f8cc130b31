//! A team's favourite creators: `/api/v1/teams/{team_id}/favourites[/{creator_id}]`.

use actix_web::web::{Data, Json, Path, Query};
use actix_web::{delete, get, put, HttpResponse};
use rapport_domain::network::NetworkCreator;
use rapport_domain::page::Page;
use rapport_domain::page::TimePageQuery;
use rapport_domain::{CreatorId, TeamId};

use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::network::favourites;
use crate::openapi::{BadRequest, NotFound, Unauthorized};
use crate::paging::PageRequest;
use crate::state::AppState;

/// The team's favourites (those still discoverable), most recently starred first.
#[utoipa::path(
    tag = "network",
    security(("bearer" = [])),
    params(("team_id" = TeamId, Path, description = "The team's id."), TimePageQuery),
    responses(
        (status = 200, description = "A page of favourites.", body = Page<NetworkCreator>),
        BadRequest, Unauthorized, NotFound
    )
)]
#[get("/teams/{team_id}/favourites")]
pub async fn list_favourites(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<TeamId>,
    query: Query<TimePageQuery>,
) -> ApiResult<Json<Page<NetworkCreator>>> {
    let team = path.into_inner();
    let query = query.into_inner();
    let paging = PageRequest::new(query.limit, query.cursor)?;
    let page = state
        .db
        .run(move |conn| favourites::list(conn, auth.0, team, &paging))
        .await?;
    Ok(Json(page))
}

/// Star a creator for the team (any member; starring twice changes nothing); 404 when the
/// creator is not discoverable.
#[utoipa::path(
    tag = "network",
    security(("bearer" = [])),
    params(
        ("team_id" = TeamId, Path, description = "The team's id."),
        ("creator_id" = CreatorId, Path, description = "The creator's id.")
    ),
    responses(
        (status = 200, description = "The creator, starred.", body = NetworkCreator),
        BadRequest, Unauthorized, NotFound
    )
)]
#[put("/teams/{team_id}/favourites/{creator_id}")]
pub async fn star_creator(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<(TeamId, CreatorId)>,
) -> ApiResult<Json<NetworkCreator>> {
    let (team, creator) = path.into_inner();
    let starred = state
        .db
        .write(move |conn| favourites::star(conn, auth.0, team, creator))
        .await?;
    Ok(Json(starred))
}

/// Unstar a creator; 404 when the team had not starred them.
#[utoipa::path(
    tag = "network",
    security(("bearer" = [])),
    params(
        ("team_id" = TeamId, Path, description = "The team's id."),
        ("creator_id" = CreatorId, Path, description = "The creator's id.")
    ),
    responses((status = 204, description = "Unstarred."), BadRequest, Unauthorized, NotFound)
)]
#[delete("/teams/{team_id}/favourites/{creator_id}")]
pub async fn unstar_creator(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<(TeamId, CreatorId)>,
) -> ApiResult<HttpResponse> {
    let (team, creator) = path.into_inner();
    state
        .db
        .write(move |conn| favourites::unstar(conn, auth.0, team, creator))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
