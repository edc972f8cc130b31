//! `/api/v1/auth/*`: sign-up, log-in, refresh, log-out.

use actix_web::web::{Data, Json};
use actix_web::{post, HttpRequest, HttpResponse};
use rapport_domain::auth::{
    LoginRequest, RefreshRequest, Session, SignupRequest, ACCESS_TOKEN_SECONDS, REFRESH_TOKEN_DAYS,
};
use rapport_domain::Validate;

use crate::accounts::sessions::{self, SignedIn};
use crate::accounts::signup::sign_up;
use crate::auth::password;
use crate::body::Body;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::openapi::{
    BadRequest, Conflict, PayloadTooLarge, TooManyRequests, Unprocessable, UnsupportedMediaType,
};
use crate::state::AppState;

/// Sign up: creates the user and their first team (with them as owner), and signs them in.
#[utoipa::path(
    tag = "auth",
    request_body = SignupRequest,
    responses(
        (status = 201, description = "Signed up and signed in.", body = Session),
        BadRequest, Conflict, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[post("/auth/signup")]
pub async fn signup(state: Data<AppState>, body: Body<SignupRequest>) -> ApiResult<HttpResponse> {
    let signup = body.validate()?;
    let password_hash = password::hash(signup.password.clone()).await?;
    let signed_in = state
        .db
        .write(move |conn| sign_up(conn, signup, password_hash))
        .await?;
    Ok(HttpResponse::Created().json(session(&state, signed_in)?))
}

/// Log in with e-mail and password. Limited per account and per client address.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in.", body = Session),
        BadRequest,
        (status = 401, description = "Wrong e-mail or password (`invalid_credentials`).", body = rapport_domain::Problem, content_type = "application/problem+json"),
        PayloadTooLarge, UnsupportedMediaType, Unprocessable, TooManyRequests
    )
)]
#[post("/auth/login")]
pub async fn login(
    state: Data<AppState>,
    req: HttpRequest,
    body: Body<LoginRequest>,
) -> ApiResult<Json<Session>> {
    let email = body.validate()?;
    let account_key = email
        .clone()
        .unwrap_or_else(|| body.email.trim().to_lowercase());
    state
        .login_limiter
        .check(&account_key, &client_address(&state, &req))?;
    let credentials = match email {
        Some(email) => {
            state
                .db
                .run(move |conn| sessions::credentials(conn, &email))
                .await?
        }
        None => None,
    };
    let (user, stored_hash) = credentials
        .map(|found| (found.user, found.password_hash))
        .unzip();
    let valid = password::verify(body.password.clone(), stored_hash).await?;
    let user = match user {
        Some(user) if valid => user,
        _ => {
            return Err(ApiError::new(
                ErrorCode::InvalidCredentials,
                "Wrong e-mail address or password.",
            ))
        }
    };
    let signed_in = state
        .db
        .write(move |conn| sessions::start(conn, user))
        .await?;
    Ok(Json(session(&state, signed_in)?))
}

/// Exchange a refresh token for a new session. Each refresh token works once: presenting a used
/// one again revokes every token of that session.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "A new session; the old refresh token is used up.", body = Session),
        BadRequest,
        (status = 401, description = "Unknown, expired or revoked token (`invalid_refresh_token`), or a reused one (`refresh_token_reused`).", body = rapport_domain::Problem, content_type = "application/problem+json"),
        PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[post("/auth/refresh")]
pub async fn refresh(
    state: Data<AppState>,
    body: Body<RefreshRequest>,
) -> ApiResult<Json<Session>> {
    let presented = body.validate()?;
    let signed_in = state
        .db
        .write(move |conn| sessions::rotate(conn, &presented))
        .await?
        .into_result()?;
    Ok(Json(session(&state, signed_in)?))
}

/// Log out: revokes the session's refresh token (and every token rotated from it).
/// Access tokens already issued stay valid until they expire (at most 15 minutes).
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 204, description = "Logged out (also when the token was already invalid)."),
        BadRequest, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[post("/auth/logout")]
pub async fn logout(state: Data<AppState>, body: Body<RefreshRequest>) -> ApiResult<HttpResponse> {
    let presented = body.validate()?;
    state
        .db
        .write(move |conn| sessions::end(conn, &presented))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The answer for a signed-in user: a new access token with their refresh token.
fn session(state: &AppState, signed_in: SignedIn) -> ApiResult<Session> {
    let SignedIn {
        user,
        refresh_token,
    } = signed_in;
    Ok(Session {
        access_token: state.jwt.issue(user.id).map_err(ApiError::internal)?,
        token_type: "Bearer".to_owned(),
        expires_in: ACCESS_TOKEN_SECONDS,
        refresh_token,
        refresh_expires_in: REFRESH_TOKEN_DAYS * 24 * 3600,
        user,
    })
}

/// The client's address: the TCP peer, or the proxy's forwarded address when trusted.
fn client_address(state: &AppState, req: &HttpRequest) -> String {
    if state.trust_proxy {
        if let Some(address) = req.connection_info().realip_remote_addr() {
            return address.to_owned();
        }
    }
    req.peer_addr()
        .map_or_else(|| "unknown".to_owned(), |addr| addr.ip().to_string())
}
