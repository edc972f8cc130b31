//! The network as brands see it: `/api/v1/network/creators[/{creator_id}]`.

use actix_web::web::{Data, Json, Path, Query};
use actix_web::{get, HttpRequest};
use rapport_domain::network::{ExplorePage, ExploreQuery, NetworkCreator, TeamView};
use rapport_domain::CreatorId;

use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::network::{directory, explore};
use crate::openapi::{BadRequest, NotFound, Unauthorized};
use crate::state::AppState;

/// Explore the network: discoverable creators matching the filters, a page at a time, with the
/// total and the counts per platform, category and country (each facet counts every filter but
/// its own). Lists repeat their parameter: `?platform=instagram&platform=tiktok`.
#[utoipa::path(
    tag = "network",
    security(("bearer" = [])),
    params(ExploreQuery),
    responses(
        (status = 200, description = "A page of creators.", body = ExplorePage),
        BadRequest, Unauthorized, NotFound
    )
)]
#[get("/network/creators")]
pub async fn explore_network(
    state: Data<AppState>,
    auth: AuthUser,
    request: HttpRequest,
) -> ApiResult<Json<ExplorePage>> {
    let query: ExploreQuery = serde_html_form::from_str(request.query_string())
        .map_err(|e| ApiError::new(ErrorCode::InvalidParameter, format!("query: {e}")))?;
    let shared = state.clone();
    let found = state
        .db
        .run(move |conn| {
            explore::explore(
                conn,
                &shared.network_index,
                auth.0,
                &query,
                shared.clock.now(),
            )
        })
        .await?;
    Ok(Json(found))
}

/// A creator of the network as the team sees them (whether it starred them); 404 when the
/// creator is not discoverable.
#[utoipa::path(
    tag = "network",
    security(("bearer" = [])),
    params(("creator_id" = CreatorId, Path, description = "The creator's id."), TeamView),
    responses(
        (status = 200, description = "The creator.", body = NetworkCreator),
        BadRequest, Unauthorized, NotFound
    )
)]
#[get("/network/creators/{creator_id}")]
pub async fn get_network_creator(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<CreatorId>,
    query: Query<TeamView>,
) -> ApiResult<Json<NetworkCreator>> {
    let (id, team) = (path.into_inner(), query.team_id);
    let now = state.clock.now();
    let creator = state
        .db
        .run(move |conn| directory::creator(conn, auth.0, team, id, now))
        .await?;
    Ok(Json(creator))
}
