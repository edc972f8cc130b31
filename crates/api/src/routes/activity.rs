//! `GET /api/v1/influencers/{influencer_id}/activity`: who changed what, newest first.

use actix_web::get;
use actix_web::web::{Data, Json, Path, Query};
use rapport_domain::activity::Activity;
use rapport_domain::page::{Page, PageQuery};
use rapport_domain::InfluencerId;

use crate::auth::AuthUser;
use crate::crm::history;
use crate::error::ApiResult;
use crate::openapi::{BadRequest, NotFound, Unauthorized};
use crate::paging::PageRequest;
use crate::state::AppState;

/// Every change to the influencer, its cards, labels, notes, reminders and comments.
#[utoipa::path(
    tag = "influencers",
    security(("bearer" = [])),
    params(("influencer_id" = InfluencerId, Path, description = "The influencer's id."), PageQuery),
    responses((status = 200, description = "A page of history, newest first.", body = Page<Activity>), BadRequest, Unauthorized, NotFound)
)]
#[get("/influencers/{influencer_id}/activity")]
pub async fn list_activity(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<InfluencerId>,
    query: Query<PageQuery>,
) -> ApiResult<Json<Page<Activity>>> {
    let influencer = path.into_inner();
    let paging = PageRequest::from_query(&query)?;
    let page = state
        .db
        .run(move |conn| history::list(conn, auth.0, influencer, &paging))
        .await?;
    Ok(Json(page))
}
