//! A team's API keys: `/api/v1/teams/{team_id}/api-keys[/{key_id}]` (owners and admins).

use actix_web::web::{Data, Json, Path};
use actix_web::{delete, get, post, HttpResponse};
use rapport_domain::api_keys::{ApiKey, CreatedApiKey, NewApiKey};
use rapport_domain::{ApiKeyId, TeamId};

use crate::auth::AuthUser;
use crate::body::Body;
use crate::error::ApiResult;
use crate::integrators::api_keys;
use crate::openapi::{
    BadRequest, Forbidden, NotFound, PayloadTooLarge, Unauthorized, Unprocessable,
    UnsupportedMediaType,
};
use crate::state::AppState;

/// Make an API key for the team (owners and admins): `scope` `read` (GET only) or `write`
/// (what a member may do), an optional `expires_at`. The answer holds its `secret`, shown this
/// once: send it as `Authorization: Bearer {secret}` on the team's routes. What the key changes
/// shows in activity as done by "API key “{name}”".
#[utoipa::path(
    tag = "api_keys",
    security(("bearer" = [])),
    params(("team_id" = TeamId, Path, description = "The team's id.")),
    request_body = NewApiKey,
    responses(
        (status = 201, description = "The key, with its secret (shown once).", body = CreatedApiKey),
        BadRequest, Unauthorized, Forbidden, NotFound, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[post("/teams/{team_id}/api-keys")]
pub async fn create_api_key(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<TeamId>,
    body: Body<NewApiKey>,
) -> ApiResult<HttpResponse> {
    let team = path.into_inner();
    let now = state.clock.now();
    let request = body.validate_at(now.and_utc())?;
    let created = state
        .db
        .write(move |conn| api_keys::create(conn, auth.0, team, request, now))
        .await?;
    Ok(HttpResponse::Created().json(created))
}

/// The team's API keys (owners and admins), newest first: name, prefix, scope, expiry, last
/// use. Never their secrets.
#[utoipa::path(
    tag = "api_keys",
    security(("bearer" = [])),
    params(("team_id" = TeamId, Path, description = "The team's id.")),
    responses(
        (status = 200, description = "The keys.", body = Vec<ApiKey>),
        BadRequest, Unauthorized, Forbidden, NotFound
    )
)]
#[get("/teams/{team_id}/api-keys")]
pub async fn list_api_keys(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<TeamId>,
) -> ApiResult<Json<Vec<ApiKey>>> {
    let team = path.into_inner();
    let keys = state
        .db
        .run(move |conn| api_keys::list(conn, auth.0, team))
        .await?;
    Ok(Json(keys))
}

/// Revoke an API key (owners and admins): its next request is refused.
#[utoipa::path(
    tag = "api_keys",
    security(("bearer" = [])),
    params(
        ("team_id" = TeamId, Path, description = "The team's id."),
        ("key_id" = ApiKeyId, Path, description = "The key's id.")
    ),
    responses((status = 204, description = "Revoked."), BadRequest, Unauthorized, Forbidden, NotFound)
)]
#[delete("/teams/{team_id}/api-keys/{key_id}")]
pub async fn revoke_api_key(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<(TeamId, ApiKeyId)>,
) -> ApiResult<HttpResponse> {
    let (team, key) = path.into_inner();
    let now = state.clock.now();
    state
        .db
        .write(move |conn| api_keys::revoke(conn, auth.0, team, key, now))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
