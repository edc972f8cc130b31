//! `/api/v1/teams` and `/api/v1/teams/{team_id}`.

use actix_web::web::{Data, Json, Path, Query};
use actix_web::{get, patch, post, HttpResponse};
use rapport_domain::page::{Page, PageQuery};
use rapport_domain::teams::{CreateTeam, Role, Team, UpdateTeam};
use rapport_domain::{TeamId, Validate};
use rapport_store::memberships::MembershipRow;
use rapport_store::teams::TeamRow;
use rapport_store::{memberships, new_id, teams, time};

use crate::access::{require, role_in};
use crate::auth::AuthUser;
use crate::body::Body;
use crate::error::{ApiError, ApiResult};
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
        .run(move |conn| {
            let rows =
                teams::list_for_user(conn, auth.0, paging.cursor.as_deref(), paging.fetch())?;
            Ok(paging.page(rows))
        })
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
        .write(move |conn| {
            let now = time::now();
            let team = TeamRow {
                id: new_id(),
                name,
                created_at: now,
                updated_at: now,
            };
            teams::insert(conn, &team)?;
            memberships::insert(
                conn,
                &MembershipRow {
                    id: new_id(),
                    team_id: team.id,
                    user_id: auth.0,
                    role: Role::Owner,
                    created_at: now,
                },
            )?;
            Ok(team.to_team(Role::Owner))
        })
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
        .run(move |conn| {
            teams::find_for_member(conn, team_id, auth.0)?
                .ok_or_else(|| ApiError::not_found("team"))
        })
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
        .write(move |conn| {
            let role = role_in(conn, team_id, auth.0)?;
            require(
                role.can_manage_team(),
                "Only owners and admins can change the team.",
            )?;
            if let Some(name) = name {
                teams::rename(conn, team_id, &name, time::now())?;
            }
            teams::find_for_member(conn, team_id, auth.0)?
                .ok_or_else(|| ApiError::not_found("team"))
        })
        .await?;
    Ok(Json(team))
}
