//! The network as brands see it: `/api/v1/network/creators/{creator_id}`.

use actix_web::get;
use actix_web::web::{Data, Json, Path, Query};
use rapport_domain::network::{NetworkCreator, TeamView};
use rapport_domain::CreatorId;

use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::network::directory;
use crate::openapi::{BadRequest, NotFound, Unauthorized};
use crate::state::AppState;

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
    let creator = state
        .db
        .run(move |conn| directory::creator(conn, auth.0, team, id))
        .await?;
    Ok(Json(creator))
}
