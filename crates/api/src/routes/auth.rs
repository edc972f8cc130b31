//! `/api/v1/auth/*`: sign-up, log-in, refresh, log-out.

use actix_web::web::{Data, Json};
use actix_web::{post, HttpRequest, HttpResponse};
use chrono::{Duration, NaiveDateTime};
use rapport_domain::auth::{
    LoginRequest, RefreshRequest, Session, SignupRequest, User, ACCESS_TOKEN_SECONDS,
    REFRESH_TOKEN_DAYS,
};
use rapport_domain::teams::Role;
use rapport_domain::{SessionId, UserId, Validate};
use rapport_store::memberships::MembershipRow;
use rapport_store::refresh_tokens::{self, RefreshTokenRow};
use rapport_store::teams::TeamRow;
use rapport_store::users::{self, UserRow};
use rapport_store::{is_unique_violation, memberships, new_id, teams, time, DbConnection};

use crate::auth::{password, tokens};
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
    let refresh_token = tokens::generate();
    let refresh_hash = tokens::digest(&refresh_token);
    let user = state
        .db
        .write(move |conn| {
            let now = time::now();
            let taken = || {
                ApiError::new(
                    ErrorCode::EmailTaken,
                    "An account with this e-mail address already exists; log in instead.",
                )
            };
            if users::find_by_email(conn, &signup.email)?.is_some() {
                return Err(taken());
            }
            let user = UserRow {
                id: new_id(),
                email: signup.email,
                name: signup.name,
                password_hash,
                created_at: now,
                updated_at: now,
            };
            users::insert(conn, &user).map_err(|e| {
                if is_unique_violation(&e) {
                    taken()
                } else {
                    e.into()
                }
            })?;
            let team = TeamRow {
                id: new_id(),
                name: signup.team_name,
                created_at: now,
                updated_at: now,
            };
            teams::insert(conn, &team)?;
            memberships::insert(
                conn,
                &MembershipRow {
                    id: new_id(),
                    team_id: team.id,
                    user_id: user.id,
                    role: Role::Owner,
                    created_at: now,
                },
            )?;
            let user = user.to_user();
            store_refresh_token(conn, user.id, new_id(), refresh_hash, now)?;
            Ok(user)
        })
        .await?;
    Ok(HttpResponse::Created().json(session(&state, user, refresh_token)?))
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
    let user = match email {
        Some(email) => {
            state
                .db
                .run(move |conn| Ok(users::find_by_email(conn, &email)?))
                .await?
        }
        None => None,
    };
    let stored_hash = user.as_ref().map(|u| u.password_hash.clone());
    let valid = password::verify(body.password.clone(), stored_hash).await?;
    let user = match user {
        Some(user) if valid => user.to_user(),
        _ => {
            return Err(ApiError::new(
                ErrorCode::InvalidCredentials,
                "Wrong e-mail address or password.",
            ))
        }
    };
    let refresh_token = tokens::generate();
    let refresh_hash = tokens::digest(&refresh_token);
    let user_id = user.id;
    state
        .db
        .write(move |conn| store_refresh_token(conn, user_id, new_id(), refresh_hash, time::now()))
        .await?;
    Ok(Json(session(&state, user, refresh_token)?))
}

enum Rotation {
    Rotated(User),
    Reused,
    Invalid,
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
    let presented = tokens::digest(&body.validate()?);
    let next_token = tokens::generate();
    let next_hash = tokens::digest(&next_token);
    let outcome = state
        .db
        .write(move |conn| {
            let now = time::now();
            let Some(row) = refresh_tokens::find_by_hash(conn, &presented)? else {
                return Ok(Rotation::Invalid);
            };
            if row.revoked_at.is_some() || row.expires_at <= now {
                return Ok(Rotation::Invalid);
            }
            if row.used_at.is_some() || refresh_tokens::mark_used(conn, row.id, now)? != 1 {
                refresh_tokens::revoke_family(conn, row.family_id, now)?;
                return Ok(Rotation::Reused);
            }
            let user_id = row.user_id;
            let Some(user) = users::find(conn, user_id)? else {
                return Ok(Rotation::Invalid);
            };
            store_refresh_token(conn, user_id, row.family_id, next_hash, now)?;
            Ok(Rotation::Rotated(user.to_user()))
        })
        .await?;
    match outcome {
        Rotation::Rotated(user) => Ok(Json(session(&state, user, next_token)?)),
        Rotation::Reused => Err(ApiError::new(
            ErrorCode::RefreshTokenReused,
            "This refresh token was already used; the session has been revoked. Log in again.",
        )),
        Rotation::Invalid => Err(ApiError::new(
            ErrorCode::InvalidRefreshToken,
            "The refresh token is unknown, expired or revoked. Log in again.",
        )),
    }
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
    let presented = tokens::digest(&body.validate()?);
    state
        .db
        .write(move |conn| {
            if let Some(row) = refresh_tokens::find_by_hash(conn, &presented)? {
                refresh_tokens::revoke_family(conn, row.family_id, time::now())?;
            }
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

fn store_refresh_token(
    conn: &mut DbConnection,
    user: UserId,
    family_id: SessionId,
    token_hash: String,
    now: NaiveDateTime,
) -> ApiResult<()> {
    refresh_tokens::insert(
        conn,
        &RefreshTokenRow {
            id: new_id(),
            family_id,
            user_id: user,
            token_hash,
            created_at: now,
            expires_at: now + Duration::days(REFRESH_TOKEN_DAYS),
            used_at: None,
            revoked_at: None,
        },
    )?;
    Ok(())
}

fn session(state: &AppState, user: User, refresh_token: String) -> ApiResult<Session> {
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
