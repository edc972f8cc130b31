//! `/api/v1/teams/{team_id}/influencers` and `/api/v1/influencers/{influencer_id}` (+ `/accounts`).

use actix_web::web::{Data, Json, Path, Query};
use actix_web::{delete, get, patch, post, HttpResponse};
use rapport_domain::influencers::{
    AddAccount, CreateInfluencer, Influencer, InfluencerQuery, UpdateInfluencer,
};
use rapport_domain::page::Page;
use rapport_domain::{AccountId, InfluencerId, TeamId, Validate};

use crate::auth::AuthUser;
use crate::body::Body;
use crate::crm::influencers::{self, search_text};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::openapi::{
    BadRequest, Conflict, NotFound, PayloadTooLarge, Unauthorized, Unprocessable,
    UnsupportedMediaType,
};
use crate::paging::PageRequest;
use crate::state::AppState;

/// The team's influencers, oldest first; `q` filters by name or handle.
#[utoipa::path(
    tag = "influencers",
    security(("bearer" = [])),
    params(("team_id" = TeamId, Path, description = "The team's id."), InfluencerQuery),
    responses((status = 200, description = "A page of influencers.", body = Page<Influencer>), BadRequest, Unauthorized, NotFound)
)]
#[get("/teams/{team_id}/influencers")]
pub async fn list_influencers(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<TeamId>,
    query: Query<InfluencerQuery>,
) -> ApiResult<Json<Page<Influencer>>> {
    let team = path.into_inner();
    let query = query.into_inner();
    if query.q.as_ref().is_some_and(|q| q.chars().count() > 100) {
        return Err(ApiError::new(
            ErrorCode::InvalidParameter,
            "q must be at most 100 characters",
        ));
    }
    let paging = PageRequest::new(query.limit, query.cursor)?;
    let q = search_text(query.q.as_deref());
    let page = state
        .db
        .run(move |conn| influencers::list(conn, auth.0, team, q.as_deref(), &paging))
        .await?;
    Ok(Json(page))
}

/// Add an influencer from a profile link or username. If the team already has that account,
/// answers 200 with the influencer holding it instead of making a duplicate.
#[utoipa::path(
    tag = "influencers",
    security(("bearer" = [])),
    params(("team_id" = TeamId, Path, description = "The team's id.")),
    request_body = CreateInfluencer,
    responses(
        (status = 201, description = "Created.", body = Influencer),
        (status = 200, description = "The team already had this account: its influencer.", body = Influencer),
        BadRequest, Unauthorized, NotFound, Conflict, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[post("/teams/{team_id}/influencers")]
pub async fn create_influencer(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<TeamId>,
    body: Body<CreateInfluencer>,
) -> ApiResult<HttpResponse> {
    let team = path.into_inner();
    let new = body.validate()?;
    let (influencer, created) = state
        .db
        .write(move |conn| influencers::create(conn, auth.0, team, &new.profile, &new.display_name))
        .await?;
    Ok(if created {
        HttpResponse::Created().json(influencer)
    } else {
        HttpResponse::Ok().json(influencer)
    })
}

/// One influencer, whole.
#[utoipa::path(
    tag = "influencers",
    security(("bearer" = [])),
    params(("influencer_id" = InfluencerId, Path, description = "The influencer's id.")),
    responses((status = 200, description = "The influencer.", body = Influencer), BadRequest, Unauthorized, NotFound)
)]
#[get("/influencers/{influencer_id}")]
pub async fn get_influencer(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<InfluencerId>,
) -> ApiResult<Json<Influencer>> {
    let id = path.into_inner();
    let influencer = state
        .db
        .run(move |conn| influencers::get(conn, auth.0, id))
        .await?;
    Ok(Json(influencer))
}

/// Change an influencer's details: name, contact, shipping address, tags.
#[utoipa::path(
    tag = "influencers",
    security(("bearer" = [])),
    params(("influencer_id" = InfluencerId, Path, description = "The influencer's id.")),
    request_body = UpdateInfluencer,
    responses(
        (status = 200, description = "The updated influencer.", body = Influencer),
        BadRequest, Unauthorized, NotFound, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[patch("/influencers/{influencer_id}")]
pub async fn update_influencer(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<InfluencerId>,
    body: Body<UpdateInfluencer>,
) -> ApiResult<Json<Influencer>> {
    let id = path.into_inner();
    let changes = body.validate()?;
    let influencer = state
        .db
        .write(move |conn| influencers::update(conn, auth.0, id, &changes))
        .await?;
    Ok(Json(influencer))
}

/// Delete an influencer with their accounts, cards, notes, reminders, comments and history.
#[utoipa::path(
    tag = "influencers",
    security(("bearer" = [])),
    params(("influencer_id" = InfluencerId, Path, description = "The influencer's id.")),
    responses((status = 204, description = "Deleted."), BadRequest, Unauthorized, NotFound)
)]
#[delete("/influencers/{influencer_id}")]
pub async fn delete_influencer(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<InfluencerId>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    state
        .db
        .write(move |conn| influencers::delete(conn, auth.0, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Add another platform account to an influencer. An account another influencer of the team
/// holds answers 409 `account_taken` naming them.
#[utoipa::path(
    tag = "influencers",
    security(("bearer" = [])),
    params(("influencer_id" = InfluencerId, Path, description = "The influencer's id.")),
    request_body = AddAccount,
    responses(
        (status = 201, description = "The influencer with the new account.", body = Influencer),
        (status = 200, description = "The influencer already had this account.", body = Influencer),
        BadRequest, Unauthorized, NotFound, Conflict, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[post("/influencers/{influencer_id}/accounts")]
pub async fn add_account(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<InfluencerId>,
    body: Body<AddAccount>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let profile = body.validate()?;
    let (influencer, created) = state
        .db
        .write(move |conn| influencers::add_account(conn, auth.0, id, &profile))
        .await?;
    Ok(if created {
        HttpResponse::Created().json(influencer)
    } else {
        HttpResponse::Ok().json(influencer)
    })
}

/// Remove a platform account from an influencer (who keeps at least one).
#[utoipa::path(
    tag = "influencers",
    security(("bearer" = [])),
    params(
        ("influencer_id" = InfluencerId, Path, description = "The influencer's id."),
        ("account_id" = AccountId, Path, description = "The account's id.")
    ),
    responses((status = 204, description = "Removed."), BadRequest, Unauthorized, NotFound, Conflict)
)]
#[delete("/influencers/{influencer_id}/accounts/{account_id}")]
pub async fn remove_account(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<(InfluencerId, AccountId)>,
) -> ApiResult<HttpResponse> {
    let (id, account) = path.into_inner();
    state
        .db
        .write(move |conn| influencers::remove_account(conn, auth.0, id, account))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
