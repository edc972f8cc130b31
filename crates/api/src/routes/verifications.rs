//! A creator's platform logins, which verify their accounts:
//! `/api/v1/creator/verifications` (start: the platform's login link),
//! `/api/v1/creator/verifications/callback` (what the platform sent back: the account verified),
//! `/api/v1/creator/accounts/{account_id}` (whether brands see its figures) and
//! `/api/v1/creator/accounts/{account_id}/login` (forget the login).

use actix_web::web::{Data, Json, Path};
use actix_web::{delete, patch, post, HttpResponse};
use rapport_domain::creators::CreatorProfile;
use rapport_domain::verifications::{
    StartVerification, UpdateCreatorAccount, VerificationCallback, VerificationStarted,
};
use rapport_domain::{CreatorAccountId, Validate};

use crate::auth::AuthUser;
use crate::body::Body;
use crate::error::ApiResult;
use crate::network::verifications;
use crate::openapi::{
    BadGateway, BadRequest, NotFound, PayloadTooLarge, PlatformNotConfigured, Unauthorized,
    Unprocessable, UnsupportedMediaType, VerifyConflict, VerifyRefused,
};
use crate::state::AppState;

/// Verify a platform account by logging in on its platform (TikTok, Google for YouTube,
/// Facebook for Instagram): send the creator to `authorize_url`. The platform sends them back to
/// the web app's `/creator/verify` with a `code` and the `state`, which go to
/// `POST /creator/verifications/callback`. A verification lasts 30 minutes. `share_figures`:
/// whether the brands the creator is connected with see the figures the login reads. 409
/// `platform_not_configured` when the server has no app on that platform; 404 when the user is
/// not a creator.
#[utoipa::path(
    tag = "creator",
    security(("bearer" = [])),
    request_body = StartVerification,
    responses(
        (status = 201, description = "The verification, and where to send the creator.", body = VerificationStarted),
        BadRequest, Unauthorized, NotFound, PlatformNotConfigured, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[post("/creator/verifications")]
pub async fn start_verification(
    state: Data<AppState>,
    auth: AuthUser,
    body: Json<StartVerification>,
) -> ApiResult<HttpResponse> {
    let started = verifications::start(&state, auth.0, body.into_inner()).await?;
    Ok(HttpResponse::Created().json(started))
}

/// Hand over what the platform sent back (`code`, `state`), signed in as the creator who
/// started the verification: the code becomes tokens (stored encrypted, never shown), and the
/// account the platform names becomes the creator's, verified: claimed for them if nobody had,
/// taken from a creator who had only claimed it (409 `account_claimed` when another creator
/// verified it). An Instagram login verifies each professional account linked to the creator's
/// pages. A state is good once.
#[utoipa::path(
    tag = "creator",
    security(("bearer" = [])),
    request_body = VerificationCallback,
    responses(
        (status = 200, description = "The profile with the account verified.", body = CreatorProfile),
        BadRequest, Unauthorized, NotFound, VerifyConflict, PayloadTooLarge, UnsupportedMediaType, VerifyRefused, BadGateway
    )
)]
#[post("/creator/verifications/callback")]
pub async fn finish_verification(
    state: Data<AppState>,
    auth: AuthUser,
    body: Body<VerificationCallback>,
) -> ApiResult<Json<CreatorProfile>> {
    let callback = body.validate()?;
    let profile = verifications::callback(&state, auth.0, callback).await?;
    Ok(Json(profile))
}

/// Whether the brands the creator is connected with see the figures a verified account's login
/// reads (its followers, posts and their likes, comments and views); 404 for an account without
/// a login.
#[utoipa::path(
    tag = "creator",
    security(("bearer" = [])),
    params(("account_id" = CreatorAccountId, Path, description = "The claimed account's id.")),
    request_body = UpdateCreatorAccount,
    responses(
        (status = 200, description = "The profile.", body = CreatorProfile),
        BadRequest, Unauthorized, NotFound, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[patch("/creator/accounts/{account_id}")]
pub async fn update_creator_account(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<CreatorAccountId>,
    body: Json<UpdateCreatorAccount>,
) -> ApiResult<Json<CreatorProfile>> {
    let account = path.into_inner();
    let share = body.into_inner().share_figures;
    let profile = state
        .db
        .write(move |conn| verifications::set_sharing(conn, auth.0, account, share))
        .await?;
    Ok(Json(profile))
}

/// Forget a verified account's platform login (its tokens are deleted; the account stays
/// verified, and brands no longer read its figures through it); 404 for an account without a
/// login.
#[utoipa::path(
    tag = "creator",
    security(("bearer" = [])),
    params(("account_id" = CreatorAccountId, Path, description = "The claimed account's id.")),
    responses((status = 204, description = "Forgotten."), BadRequest, Unauthorized, NotFound)
)]
#[delete("/creator/accounts/{account_id}/login")]
pub async fn forget_account_login(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<CreatorAccountId>,
) -> ApiResult<HttpResponse> {
    let account = path.into_inner();
    state
        .db
        .write(move |conn| verifications::disconnect(conn, auth.0, account))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
