//! Facebook Login for a team's Instagram business account or Facebook page:
//! `/api/v1/teams/{team_id}/facebook-logins` (start: the authorize link),
//! `/api/v1/facebook-logins/callback` (what Facebook sent back: the pages to pick from) and
//! `/api/v1/facebook-logins/{login_id}/page` (the page picked: a source).

use actix_web::web::{Data, Json, Path};
use actix_web::{post, HttpResponse};
use rapport_domain::facebook::{
    FacebookCallback, FacebookLogin, FacebookLoginStarted, PickPage, StartFacebookLogin,
};
use rapport_domain::sources::Source;
use rapport_domain::{FacebookLoginId, TeamId};

use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::openapi::{
    BadGateway, BadRequest, LoginRefused, NotConfigured, NotFound, PayloadTooLarge, Unauthorized,
    Unprocessable, UnsupportedMediaType,
};
use crate::sources::facebook_login;
use crate::state::AppState;

/// Start a Facebook login to connect the team's Instagram business account (`instagram`) or
/// Facebook page (`facebook`): send the person to `authorize_url`. Facebook sends them back to
/// the web app's `/sources/facebook` with a `code` and the `state`, which go to
/// `POST /facebook-logins/callback`. A login lasts 30 minutes. 409 `facebook_not_configured` when
/// the server has no Facebook app.
#[utoipa::path(
    tag = "sources",
    security(("bearer" = [])),
    params(("team_id" = TeamId, Path, description = "The team's id.")),
    request_body = StartFacebookLogin,
    responses(
        (status = 201, description = "The login, and where to send the person.", body = FacebookLoginStarted),
        BadRequest, Unauthorized, NotFound, NotConfigured, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[post("/teams/{team_id}/facebook-logins")]
pub async fn start_facebook_login(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<TeamId>,
    body: Json<StartFacebookLogin>,
) -> ApiResult<HttpResponse> {
    let started =
        facebook_login::start(&state, auth.0, path.into_inner(), body.into_inner().connect).await?;
    Ok(HttpResponse::Created().json(started))
}

/// Hand over what Facebook sent back (`code`, `state`), signed in as the person who started the
/// login: the code becomes a long-lived token (stored encrypted, never shown), and the answer
/// lists the pages they manage, to pick one. A state is good once.
#[utoipa::path(
    tag = "sources",
    security(("bearer" = [])),
    request_body = FacebookCallback,
    responses(
        (status = 200, description = "The pages to pick from.", body = FacebookLogin),
        BadRequest, Unauthorized, NotConfigured, PayloadTooLarge, UnsupportedMediaType, LoginRefused, BadGateway
    )
)]
#[post("/facebook-logins/callback")]
pub async fn finish_facebook_login(
    state: Data<AppState>,
    auth: AuthUser,
    body: Json<FacebookCallback>,
) -> ApiResult<Json<FacebookLogin>> {
    let login = facebook_login::callback(&state, auth.0, body.into_inner()).await?;
    Ok(Json(login))
}

/// Connect the page picked: an Instagram source (its fans read at once, then every
/// `sync_every_hours`; fans with at least `min_followers` followers become influencers) or a
/// Facebook page source (stored and shown). A page connected already renews its login. The
/// login ends.
#[utoipa::path(
    tag = "sources",
    security(("bearer" = [])),
    params(("login_id" = FacebookLoginId, Path, description = "The login's id.")),
    request_body = PickPage,
    responses(
        (status = 201, description = "The page's source.", body = Source),
        BadRequest, Unauthorized, NotConfigured, PayloadTooLarge, UnsupportedMediaType, LoginRefused, BadGateway
    )
)]
#[post("/facebook-logins/{login_id}/page")]
pub async fn pick_facebook_page(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<FacebookLoginId>,
    body: Json<PickPage>,
) -> ApiResult<HttpResponse> {
    let source = facebook_login::pick(&state, auth.0, path.into_inner(), body.into_inner()).await?;
    Ok(HttpResponse::Created().json(source))
}
