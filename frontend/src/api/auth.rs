//! `/auth`: sign-up, log-in, log-out (no session needed; refreshing is the fetch helper's).

use gloo_net::http::Method;
use rapport_domain::auth::{LoginRequest, RefreshRequest, Session, SignupRequest};

use super::{public, ApiError};

/// `POST /auth/signup`: creates the user (and their team) and signs them in.
pub async fn signup(request: &SignupRequest) -> Result<Session, ApiError> {
    public(Method::POST, "/auth/signup", Some(request)).await
}

/// `POST /auth/login`.
pub async fn login(request: &LoginRequest) -> Result<Session, ApiError> {
    public(Method::POST, "/auth/login", Some(request)).await
}

/// `POST /auth/logout`: ends the session the refresh token belongs to.
pub async fn logout(request: &RefreshRequest) -> Result<(), ApiError> {
    public(Method::POST, "/auth/logout", Some(request)).await
}
