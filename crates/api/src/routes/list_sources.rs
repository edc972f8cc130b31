//! E-mail list sources (Mailchimp, Klaviyo): `/api/v1/teams/{team_id}/sources/{provider}/lists`
//! (check a key, see its lists), `/api/v1/teams/{team_id}/sources/{provider}` (connect lists),
//! and, per source, `/sync` (sync now), `/key` (a new key) and its schedule.

use actix_web::web::{Data, Json, Path};
use actix_web::{patch, post, put, HttpResponse};
use rapport_domain::list_providers::{
    ConnectLists, ListProvider, ProviderKey, ProviderList, SourceUpdate,
};
use rapport_domain::sources::Source;
use rapport_domain::{SourceId, TeamId};

use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::openapi::{
    BadGateway, BadRequest, Conflict, KeyRefused, NotFound, PayloadTooLarge, Unauthorized,
    Unprocessable, UnsupportedMediaType,
};
use crate::sources::{list_connect, source_settings};
use crate::state::AppState;

/// Check an API key and see the lists it reads (those the team connected already are marked).
/// Nothing is stored; a refused key answers 422 `provider_key_refused` with the provider's words.
#[utoipa::path(
    tag = "sources",
    security(("bearer" = [])),
    params(
        ("team_id" = TeamId, Path, description = "The team's id."),
        ("provider" = ListProvider, Path, description = "`mailchimp` or `klaviyo`.")
    ),
    request_body = ProviderKey,
    responses(
        (status = 200, description = "The lists the key reads.", body = Vec<ProviderList>),
        BadRequest, Unauthorized, NotFound, PayloadTooLarge, UnsupportedMediaType, KeyRefused, BadGateway
    )
)]
#[post("/teams/{team_id}/sources/{provider}/lists")]
pub async fn check_list_key(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<(TeamId, ListProvider)>,
    body: Json<ProviderKey>,
) -> ApiResult<Json<Vec<ProviderList>>> {
    let (team, provider) = path.into_inner();
    let lists =
        list_connect::lists(&state, auth.0, team, provider, body.into_inner().api_key).await?;
    Ok(Json(lists))
}

/// Connect lists: each becomes a source, synced at once (every member), then every
/// `sync_every_hours` (6 unless given; only changes). The key is checked again, stored
/// encrypted, and never shown. A list connected already takes the new key and schedule.
#[utoipa::path(
    tag = "sources",
    security(("bearer" = [])),
    params(
        ("team_id" = TeamId, Path, description = "The team's id."),
        ("provider" = ListProvider, Path, description = "`mailchimp` or `klaviyo`.")
    ),
    request_body = ConnectLists,
    responses(
        (status = 201, description = "The lists' sources, their first sync queued.", body = Vec<Source>),
        BadRequest, Unauthorized, NotFound, PayloadTooLarge, UnsupportedMediaType, KeyRefused, BadGateway
    )
)]
#[post("/teams/{team_id}/sources/{provider}")]
pub async fn connect_lists(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<(TeamId, ListProvider)>,
    body: Json<ConnectLists>,
) -> ApiResult<HttpResponse> {
    let (team, provider) = path.into_inner();
    let made = list_connect::connect(&state, auth.0, team, provider, body.into_inner()).await?;
    Ok(HttpResponse::Created().json(made))
}

/// Sync a list now (its schedule goes on from this sync). An uploaded list does not sync: 409
/// `source_not_syncable`.
#[utoipa::path(
    tag = "sources",
    security(("bearer" = [])),
    params(("source_id" = SourceId, Path, description = "The source's id.")),
    responses(
        (status = 202, description = "The sync is queued.", body = Source),
        BadRequest, Unauthorized, NotFound, Conflict
    )
)]
#[post("/sources/{source_id}/sync")]
pub async fn sync_source(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<SourceId>,
) -> ApiResult<HttpResponse> {
    let source = source_settings::sync_now(&state, auth.0, path.into_inner()).await?;
    Ok(HttpResponse::Accepted().json(source))
}

/// Give a list a new API key (after the provider refused the old one): checked at once (it must
/// read the list), stored encrypted, and a sync is queued.
#[utoipa::path(
    tag = "sources",
    security(("bearer" = [])),
    params(("source_id" = SourceId, Path, description = "The source's id.")),
    request_body = ProviderKey,
    responses(
        (status = 200, description = "The key is stored; a sync is queued.", body = Source),
        BadRequest, Unauthorized, NotFound, Conflict, PayloadTooLarge, UnsupportedMediaType, KeyRefused, BadGateway
    )
)]
#[put("/sources/{source_id}/key")]
pub async fn replace_source_key(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<SourceId>,
    body: Json<ProviderKey>,
) -> ApiResult<Json<Source>> {
    let source =
        list_connect::replace_key(&state, auth.0, path.into_inner(), body.into_inner().api_key)
            .await?;
    Ok(Json(source))
}

/// Change how often a list syncs (1 to 168 hours).
#[utoipa::path(
    tag = "sources",
    security(("bearer" = [])),
    params(("source_id" = SourceId, Path, description = "The source's id.")),
    request_body = SourceUpdate,
    responses(
        (status = 200, description = "The source, on its new schedule.", body = Source),
        BadRequest, Unauthorized, NotFound, Conflict, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[patch("/sources/{source_id}")]
pub async fn update_source(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<SourceId>,
    body: Json<SourceUpdate>,
) -> ApiResult<Json<Source>> {
    let source =
        source_settings::update(&state, auth.0, path.into_inner(), body.into_inner()).await?;
    Ok(Json(source))
}
