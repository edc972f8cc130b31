//! Account analytics of an influencer: `/api/v1/influencers/{influencer_id}/insights` (the
//! figures, recent posts, and a refresh asked for now) and, per account, its history for the
//! charts and figures typed in by hand.

use actix_web::web::{Data, Json, Path, Query};
use actix_web::{get, post, put, HttpResponse};
use rapport_domain::analytics::{
    AccountHistory, AccountInsights, HistoryQuery, InfluencerInsights, ManualStats,
};
use rapport_domain::{AccountId, InfluencerId, Validate};

use crate::analytics::insights;
use crate::auth::AuthUser;
use crate::body::Body;
use crate::error::ApiResult;
use crate::openapi::{
    BadRequest, NotFound, PayloadTooLarge, Unauthorized, Unprocessable, UnsupportedMediaType,
};
use crate::state::AppState;

/// The influencer's analytics: per platform account, its figures (followers, posts, average
/// likes, comments and views of its last 12 posts, engagement rate), where and when they were
/// read, what the team lacks to read them, and the recent posts.
#[utoipa::path(
    tag = "analytics",
    security(("bearer" = [])),
    params(("influencer_id" = InfluencerId, Path, description = "The influencer's id.")),
    responses((status = 200, description = "The analytics.", body = InfluencerInsights), BadRequest, Unauthorized, NotFound)
)]
#[get("/influencers/{influencer_id}/insights")]
pub async fn get_insights(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<InfluencerId>,
) -> ApiResult<Json<InfluencerInsights>> {
    let id = path.into_inner();
    let key = state.data_key.clone();
    let found = state
        .db
        .run(move |conn| insights::view(conn, &key, auth.0, id))
        .await?;
    Ok(Json(found))
}

/// Read the influencer's figures again now (in the background; `refreshing` says it is under
/// way). Accounts whose platform the team cannot read are passed over.
#[utoipa::path(
    tag = "analytics",
    security(("bearer" = [])),
    params(("influencer_id" = InfluencerId, Path, description = "The influencer's id.")),
    responses((status = 202, description = "Queued; the analytics as they are.", body = InfluencerInsights), BadRequest, Unauthorized, NotFound)
)]
#[post("/influencers/{influencer_id}/insights/refresh")]
pub async fn refresh_insights(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<InfluencerId>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let key = state.data_key.clone();
    let now = state.clock.now();
    let found = state
        .db
        .write(move |conn| insights::request_refresh(conn, &key, auth.0, id, now))
        .await?;
    Ok(HttpResponse::Accepted().json(found))
}

/// An account's figures over time, oldest first: one point a day for 90 days, one a week before
/// that, one a month past two years.
#[utoipa::path(
    tag = "analytics",
    security(("bearer" = [])),
    params(
        ("influencer_id" = InfluencerId, Path, description = "The influencer's id."),
        ("account_id" = AccountId, Path, description = "The account's id."),
        HistoryQuery
    ),
    responses((status = 200, description = "The history.", body = AccountHistory), BadRequest, Unauthorized, NotFound)
)]
#[get("/influencers/{influencer_id}/accounts/{account_id}/snapshots")]
pub async fn get_account_history(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<(InfluencerId, AccountId)>,
    query: Query<HistoryQuery>,
) -> ApiResult<Json<AccountHistory>> {
    let (id, account) = path.into_inner();
    let range = query.into_inner().range.unwrap_or_default();
    let today = state.clock.now().date();
    let found = state
        .db
        .run(move |conn| insights::history(conn, auth.0, id, account, range, today))
        .await?;
    Ok(Json(found))
}

/// Type an account's figures in by hand (when its platform cannot be read): they show as typed
/// in, with today's snapshot, until the platform is read.
#[utoipa::path(
    tag = "analytics",
    security(("bearer" = [])),
    params(
        ("influencer_id" = InfluencerId, Path, description = "The influencer's id."),
        ("account_id" = AccountId, Path, description = "The account's id.")
    ),
    request_body = ManualStats,
    responses(
        (status = 200, description = "The account's analytics.", body = AccountInsights),
        BadRequest, Unauthorized, NotFound, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[put("/influencers/{influencer_id}/accounts/{account_id}/stats")]
pub async fn set_account_stats(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<(InfluencerId, AccountId)>,
    body: Body<ManualStats>,
) -> ApiResult<Json<AccountInsights>> {
    let (id, account) = path.into_inner();
    let stats = body.validate()?;
    let key = state.data_key.clone();
    let now = state.clock.now();
    let found = state
        .db
        .write(move |conn| insights::set_manual(conn, &key, auth.0, id, account, &stats, now))
        .await?;
    Ok(Json(found))
}
