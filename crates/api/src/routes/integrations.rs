//! A team's integrations for reading its accounts' figures: `/api/v1/teams/{team_id}/integrations`
//! and its YouTube Data API key.

use actix_web::web::{Data, Json, Path};
use actix_web::{delete, get, put, HttpResponse};
use rapport_domain::analytics::{SetYoutubeKey, TeamIntegrations};
use rapport_domain::{TeamId, Validate};

use crate::access::role_in;
use crate::analytics::integrations;
use crate::auth::AuthUser;
use crate::body::Body;
use crate::error::ApiResult;
use crate::openapi::{
    BadGateway, BadRequest, KeyRefused, NotFound, PayloadTooLarge, Unauthorized,
    UnsupportedMediaType,
};
use crate::state::AppState;

/// What the team reads its accounts' figures with: its Instagram business account (connected on
/// the Data sources page) and whether a YouTube key is stored, with the quota units a day of
/// refreshes needs.
#[utoipa::path(
    tag = "analytics",
    security(("bearer" = [])),
    params(("team_id" = TeamId, Path, description = "The team's id.")),
    responses((status = 200, description = "The integrations.", body = TeamIntegrations), BadRequest, Unauthorized, NotFound)
)]
#[get("/teams/{team_id}/integrations")]
pub async fn get_integrations(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<TeamId>,
) -> ApiResult<Json<TeamIntegrations>> {
    let team = path.into_inner();
    let key = state.data_key.clone();
    let found = state
        .db
        .run(move |conn| integrations::view(conn, &key, auth.0, team))
        .await?;
    Ok(Json(found))
}

/// Store the team's YouTube Data API key (checked with YouTube first; stored encrypted, shown
/// again only by its last characters). A refused key answers 422 `provider_key_refused`, YouTube unreachable 502
/// `provider_unavailable`.
#[utoipa::path(
    tag = "analytics",
    security(("bearer" = [])),
    params(("team_id" = TeamId, Path, description = "The team's id.")),
    request_body = SetYoutubeKey,
    responses(
        (status = 200, description = "The integrations.", body = TeamIntegrations),
        BadRequest, Unauthorized, NotFound, PayloadTooLarge, UnsupportedMediaType, KeyRefused,
        BadGateway
    )
)]
#[put("/teams/{team_id}/integrations/youtube")]
pub async fn set_youtube_key(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<TeamId>,
    body: Body<SetYoutubeKey>,
) -> ApiResult<Json<TeamIntegrations>> {
    let team = path.into_inner();
    let key = body.validate()?;
    // A stranger to the team learns nothing, not even whether the key works.
    state
        .db
        .run(move |conn| role_in(conn, team, auth.0).map(drop))
        .await?;
    integrations::check_youtube_key(
        state.provider_http.clone(),
        state.youtube_url.as_deref(),
        &key,
    )
    .await?;
    let data_key = state.data_key.clone();
    let now = state.clock.now();
    let found = state
        .db
        .write(move |conn| {
            integrations::store_youtube_key(conn, &data_key, auth.0, team, &key, now)
        })
        .await?;
    Ok(Json(found))
}

/// Delete the team's YouTube key: figures read so far stay, no more are read.
#[utoipa::path(
    tag = "analytics",
    security(("bearer" = [])),
    params(("team_id" = TeamId, Path, description = "The team's id.")),
    responses((status = 204, description = "Deleted."), BadRequest, Unauthorized, NotFound)
)]
#[delete("/teams/{team_id}/integrations/youtube")]
pub async fn remove_youtube_key(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<TeamId>,
) -> ApiResult<HttpResponse> {
    let team = path.into_inner();
    state
        .db
        .write(move |conn| integrations::remove_youtube_key(conn, auth.0, team))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
