//! The signed-in creator's profile: `/api/v1/creator` and `/api/v1/creator/accounts`.

use actix_web::web::{Data, Json, Path};
use actix_web::{delete, get, patch, post, HttpResponse};
use rapport_domain::creators::{ClaimAccount, CreatorProfile, UpdateCreatorProfile};
use rapport_domain::{CreatorAccountId, Validate};

use crate::auth::AuthUser;
use crate::body::Body;
use crate::error::ApiResult;
use crate::network::creators;
use crate::openapi::{
    BadRequest, Conflict, NotFound, PayloadTooLarge, Unauthorized, Unprocessable,
    UnsupportedMediaType,
};
use crate::state::AppState;

/// The signed-in creator's profile; 404 when they are not a creator.
#[utoipa::path(
    tag = "creator",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The profile.", body = CreatorProfile),
        Unauthorized, NotFound
    )
)]
#[get("/creator")]
pub async fn get_creator(state: Data<AppState>, auth: AuthUser) -> ApiResult<Json<CreatorProfile>> {
    let profile = state
        .db
        .run(move |conn| creators::profile(conn, auth.0))
        .await?;
    Ok(Json(profile))
}

/// Become a creator too: a profile for the signed-in user, named after them (one a user; 409
/// `creator_exists` after). Signing up with `kind: creator` makes it at once.
#[utoipa::path(
    tag = "creator",
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The new profile.", body = CreatorProfile),
        Unauthorized, Conflict
    )
)]
#[post("/creator")]
pub async fn create_creator(state: Data<AppState>, auth: AuthUser) -> ApiResult<HttpResponse> {
    let profile = state
        .db
        .write(move |conn| creators::become_creator(conn, auth.0))
        .await?;
    Ok(HttpResponse::Created().json(profile))
}

/// Change the signed-in creator's profile: the fields given (`null` clears an optional one;
/// lists are replaced whole).
#[utoipa::path(
    tag = "creator",
    security(("bearer" = [])),
    request_body = UpdateCreatorProfile,
    responses(
        (status = 200, description = "The profile.", body = CreatorProfile),
        BadRequest, Unauthorized, NotFound, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[patch("/creator")]
pub async fn update_creator(
    state: Data<AppState>,
    auth: AuthUser,
    body: Body<UpdateCreatorProfile>,
) -> ApiResult<Json<CreatorProfile>> {
    let changes = body.validate()?;
    let profile = state
        .db
        .write(move |conn| creators::update(conn, auth.0, changes))
        .await?;
    Ok(Json(profile))
}

/// Claim a platform account by profile link or handle, with an optional self-reported follower
/// count; an account is claimed by one creator (409 `account_claimed`).
#[utoipa::path(
    tag = "creator",
    security(("bearer" = [])),
    request_body = ClaimAccount,
    responses(
        (status = 201, description = "The profile with the account.", body = CreatorProfile),
        BadRequest, Unauthorized, NotFound, Conflict, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[post("/creator/accounts")]
pub async fn claim_account(
    state: Data<AppState>,
    auth: AuthUser,
    body: Body<ClaimAccount>,
) -> ApiResult<HttpResponse> {
    let claim = body.validate()?;
    let profile = state
        .db
        .write(move |conn| creators::claim_account(conn, auth.0, claim))
        .await?;
    Ok(HttpResponse::Created().json(profile))
}

/// Release a claimed account.
#[utoipa::path(
    tag = "creator",
    security(("bearer" = [])),
    params(("account_id" = CreatorAccountId, Path, description = "The claimed account's id.")),
    responses((status = 204, description = "Released."), BadRequest, Unauthorized, NotFound)
)]
#[delete("/creator/accounts/{account_id}")]
pub async fn release_account(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<CreatorAccountId>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    state
        .db
        .write(move |conn| creators::release_account(conn, auth.0, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
