//! `/api/v1/teams` and `/api/v1/teams/{team_id}`.

use actix_web::web::{Data, Json, Path, Query};
use actix_web::{get, patch, post, HttpResponse};
use rapport_domain::page::{Page, PageQuery};
use rapport_domain::teams::{CreateTeam, Team, UpdateTeam};
use rapport_domain::{TeamId, Validate};

use crate::accounts::teams;
use crate::auth::AuthUser;
use crate::body::Body;
use crate::error::ApiResult;
use crate::openapi::{
    BadRequest, Forbidden, NotFound, PayloadTooLarge, Unauthorized, Unprocessable,
    UnsupportedMediaType,
};
use crate::paging::PageRequest;
use crate::state::AppState;

/// The caller's teams, in the order they joined them.
#[utoipa::path(
    tag = "teams",
    security(("bearer" = [])),
    params(PageQuery),
    responses((status = 200, description = "A page of teams.", body = Page<Team>), BadRequest, Unauthorized)
)]
#[get("/teams")]
pub async fn list_teams(
    state: Data<AppState>,
    auth: AuthUser,
    query: Query<PageQuery>,
) -> ApiResult<Json<Page<Team>>> {
    let paging = PageRequest::from_query(&query)?;
    let page = state
        .db
        .run(move |conn| teams::list(conn, auth.0, &paging))
        .await?;
    Ok(Json(page))
}

/// Create a team; the caller becomes its owner.
#[utoipa::path(
    tag = "teams",
    security(("bearer" = [])),
    request_body = CreateTeam,
    responses(
        (status = 201, description = "The new team.", body = Team),
        BadRequest, Unauthorized, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[post("/teams")]
pub async fn create_team(
    state: Data<AppState>,
    auth: AuthUser,
    body: Body<CreateTeam>,
) -> ApiResult<HttpResponse> {
    let name = body.validate()?;
    let team = state
        .db
        .write(move |conn| teams::create(conn, auth.0, name))
        .await?;
    Ok(HttpResponse::Created().json(team))
}

/// One of the caller's teams.
#[utoipa::path(
    tag = "teams",
    security(("bearer" = [])),
    params(("team_id" = TeamId, Path, description = "The team's id.")),
    responses((status = 200, description = "The team.", body = Team), BadRequest, Unauthorized, NotFound)
)]
#[get("/teams/{team_id}")]
pub async fn get_team(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<TeamId>,
) -> ApiResult<Json<Team>> {
    let team_id = path.into_inner();
    let team = state
        .db
        .run(move |conn| teams::get(conn, auth.0, team_id))
        .await?;
    Ok(Json(team))
}

/// Rename a team (owners and admins).
#[utoipa::path(
    tag = "teams",
    security(("bearer" = [])),
    params(("team_id" = TeamId, Path, description = "The team's id.")),
    request_body = UpdateTeam,
    responses(
        (status = 200, description = "The updated team.", body = Team),
        BadRequest, Unauthorized, Forbidden, NotFound, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[patch("/teams/{team_id}")]
pub async fn update_team(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<TeamId>,
    body: Body<UpdateTeam>,
) -> ApiResult<Json<Team>> {
    let team_id = path.into_inner();
    let name = body.validate()?;
    let team = state
        .db
        .write(move |conn| teams::update(conn, auth.0, team_id, name))
        .await?;
    Ok(Json(team))
}
