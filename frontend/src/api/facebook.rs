//! Facebook Login, to connect a team's Instagram business account or Facebook page:
//! `/teams/{team_id}/facebook-logins` (start one), `/facebook-logins/callback` (what Facebook sent
//! back), `/facebook-logins/{login_id}/page` (the page picked).

use gloo_net::http::Method;
use rapport_domain::facebook::{
    FacebookCallback, FacebookLogin, FacebookLoginStarted, PickPage, StartFacebookLogin,
};
use rapport_domain::sources::Source;
use rapport_domain::{FacebookLoginId, TeamId};

use super::{send_json, ApiError};

/// Starts a login: the answer's `authorize_url` is Facebook's dialog. A server without a Facebook
/// app answers 409 `facebook_not_configured`.
pub async fn start_login(
    team: TeamId,
    request: &StartFacebookLogin,
) -> Result<FacebookLoginStarted, ApiError> {
    send_json(
        Method::POST,
        &format!("/teams/{team}/facebook-logins"),
        request,
    )
    .await
}

/// Hands over what Facebook sent back; answers the pages to pick from. A `state` expired, used or
/// of another person's login answers 422 `oauth_state_invalid`.
pub async fn finish_login(callback: &FacebookCallback) -> Result<FacebookLogin, ApiError> {
    send_json(Method::POST, "/facebook-logins/callback", callback).await
}

/// Connects the page picked: answers the new (or renewed) source.
pub async fn pick_page(login: FacebookLoginId, request: &PickPage) -> Result<Source, ApiError> {
    send_json(
        Method::POST,
        &format!("/facebook-logins/{login}/page"),
        request,
    )
    .await
}
