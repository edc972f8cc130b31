//! `AuthUser`: the user behind `Authorization: Bearer {access token}`, or the user a team API
//! key acts as (`Bearer rpk_…`, checked by [`crate::integrators::key_auth`]).

use std::future::{ready, Ready};

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use rapport_domain::UserId;

use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;

/// A signed-in user, taken from a valid access token.
#[derive(Debug, Clone, Copy)]
pub struct AuthUser(pub UserId);

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        ready(authenticate(req))
    }
}

fn authenticate(req: &HttpRequest) -> Result<AuthUser, ApiError> {
    // A team API key, already checked by its middleware: the request is its user's.
    if let Some(principal) = req
        .extensions()
        .get::<crate::integrators::key_auth::KeyPrincipal>()
    {
        return Ok(AuthUser(principal.user));
    }
    let unauthorized = |detail: &str| ApiError::new(ErrorCode::Unauthorized, detail);
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("application state missing")))?;
    let value = req
        .headers()
        .get(header::AUTHORIZATION)
        .ok_or_else(|| unauthorized("Sign in: send Authorization: Bearer {access_token}."))?;
    let token = value
        .to_str()
        .ok()
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim)
        .ok_or_else(|| unauthorized("The Authorization header must be: Bearer {access_token}."))?;
    state
        .jwt
        .verify(token)
        .map(AuthUser)
        .ok_or_else(|| unauthorized("The access token is invalid or expired; refresh the session."))
}
