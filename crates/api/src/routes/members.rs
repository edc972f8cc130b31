//! `/api/v1/teams/{team_id}/members`: who is in the team, roles, removal and leaving.

use actix_web::web::{Data, Json, Path, Query};
use actix_web::{delete, get, patch, HttpResponse};
use rapport_domain::page::{Page, PageQuery};
use rapport_domain::teams::{Member, UpdateMember};
use rapport_domain::{TeamId, UserId};

use crate::accounts::members;
use crate::auth::AuthUser;
use crate::body::Body;
use crate::error::ApiResult;
use crate::openapi::{
    BadRequest, Conflict, Forbidden, NotFound, PayloadTooLarge, Unauthorized, Unprocessable,
    UnsupportedMediaType,
};
use crate::paging::PageRequest;
use crate::state::AppState;

/// The team's members, in the order they joined.
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    params(("team_id" = TeamId, Path, description = "The team's id."), PageQuery),
    responses((status = 200, description = "A page of members.", body = Page<Member>), BadRequest, Unauthorized, NotFound)
)]
#[get("/teams/{team_id}/members")]
pub async fn list_members(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<TeamId>,
    query: Query<PageQuery>,
) -> ApiResult<Json<Page<Member>>> {
    let team_id = path.into_inner();
    let paging = PageRequest::from_query(&query)?;
    let page = state
        .db
        .run(move |conn| members::list(conn, auth.0, team_id, &paging))
        .await?;
    Ok(Json(page))
}

/// Change a member's role (owners only). A team always keeps at least one owner.
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    params(
        ("team_id" = TeamId, Path, description = "The team's id."),
        ("user_id" = UserId, Path, description = "The member's user id.")
    ),
    request_body = UpdateMember,
    responses(
        (status = 200, description = "The member with the new role.", body = Member),
        BadRequest, Unauthorized, Forbidden, NotFound, Conflict, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[patch("/teams/{team_id}/members/{user_id}")]
pub async fn update_member(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<(TeamId, UserId)>,
    body: Body<UpdateMember>,
) -> ApiResult<Json<Member>> {
    let (team_id, user_id) = path.into_inner();
    let new_role = body.role;
    let member = state
        .db
        .write(move |conn| members::set_role(conn, auth.0, team_id, user_id, new_role))
        .await?;
    Ok(Json(member))
}

/// Remove a member (owners), or leave the team (anyone, with their own user id).
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    params(
        ("team_id" = TeamId, Path, description = "The team's id."),
        ("user_id" = UserId, Path, description = "The member's user id; your own to leave the team.")
    ),
    responses(
        (status = 204, description = "Removed."),
        BadRequest, Unauthorized, Forbidden, NotFound, Conflict
    )
)]
#[delete("/teams/{team_id}/members/{user_id}")]
pub async fn remove_member(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<(TeamId, UserId)>,
) -> ApiResult<HttpResponse> {
    let (team_id, user_id) = path.into_inner();
    state
        .db
        .write(move |conn| members::remove(conn, auth.0, team_id, user_id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
