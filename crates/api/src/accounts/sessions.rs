//! Sessions: finding the account to log in to, starting a session, rotating its refresh token,
//! ending it. Refresh tokens are stored only as their digest, and each works once.

use chrono::{Duration, NaiveDateTime};
use rapport_domain::auth::{User, REFRESH_TOKEN_DAYS};
use rapport_domain::{SessionId, UserId};
use rapport_store::refresh_tokens::{self, RefreshTokenRow};
use rapport_store::{new_id, time, users, DbConnection};

use crate::auth::tokens;
use crate::error::{ApiError, ApiResult, ErrorCode};

/// An account found by its e-mail address, with the password hash to check against.
pub struct Credentials {
    /// The account's user.
    pub user: User,
    /// The stored password hash (a PHC string).
    pub password_hash: String,
}

/// A signed-in user and the refresh token that continues their session: shown to them once, only
/// its digest is stored.
pub struct SignedIn {
    /// The signed-in user.
    pub user: User,
    /// The new refresh token.
    pub refresh_token: String,
}

/// What presenting a refresh token came to. Reuse is not an error inside the transaction, so that
/// the revocation it causes is kept; [`Rotation::into_result`] turns it into the answer.
pub enum Rotation {
    /// The token was good: it is used up, and the session goes on with a new one.
    Rotated(SignedIn),
    /// The token was already used: every token of its session is now revoked.
    Reused,
    /// Unknown, expired or revoked, or its user no longer exists.
    Invalid,
}

impl Rotation {
    /// The new session, or 401 `refresh_token_reused` or `invalid_refresh_token`.
    pub fn into_result(self) -> ApiResult<SignedIn> {
        match self {
            Rotation::Rotated(signed_in) => Ok(signed_in),
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
}

/// The account with this (normalised) e-mail address, if there is one, to check a password against.
pub fn credentials(conn: &mut DbConnection, email: &str) -> ApiResult<Option<Credentials>> {
    Ok(users::find_by_email(conn, email)?.map(|row| Credentials {
        password_hash: row.password_hash.clone(),
        user: row.to_user(),
    }))
}

/// Starts a session for a user whose credentials were checked: a new family of refresh tokens.
pub fn start(conn: &mut DbConnection, user: User) -> ApiResult<SignedIn> {
    let refresh_token = issue(conn, user.id, new_id(), time::now())?;
    Ok(SignedIn {
        user,
        refresh_token,
    })
}

/// Exchanges a refresh token for the next one of its session. Presenting a used token again
/// revokes every token of that session.
pub fn rotate(conn: &mut DbConnection, presented: &str) -> ApiResult<Rotation> {
    let now = time::now();
    let Some(row) = refresh_tokens::find_by_hash(conn, &tokens::digest(presented))? else {
        return Ok(Rotation::Invalid);
    };
    if row.revoked_at.is_some() || row.expires_at <= now {
        return Ok(Rotation::Invalid);
    }
    if row.used_at.is_some() || refresh_tokens::mark_used(conn, row.id, now)? != 1 {
        refresh_tokens::revoke_family(conn, row.family_id, now)?;
        return Ok(Rotation::Reused);
    }
    let Some(user) = users::find(conn, row.user_id)? else {
        return Ok(Rotation::Invalid);
    };
    let refresh_token = issue(conn, row.user_id, row.family_id, now)?;
    Ok(Rotation::Rotated(SignedIn {
        user: user.to_user(),
        refresh_token,
    }))
}

/// Ends the session a refresh token belongs to (every token rotated from it); an unknown token
/// changes nothing.
pub fn end(conn: &mut DbConnection, presented: &str) -> ApiResult<()> {
    if let Some(row) = refresh_tokens::find_by_hash(conn, &tokens::digest(presented))? {
        refresh_tokens::revoke_family(conn, row.family_id, time::now())?;
    }
    Ok(())
}

/// A new refresh token of the session `family`, stored as its digest; returns the token itself.
fn issue(
    conn: &mut DbConnection,
    user: UserId,
    family_id: SessionId,
    now: NaiveDateTime,
) -> ApiResult<String> {
    let token = tokens::generate();
    refresh_tokens::insert(
        conn,
        &RefreshTokenRow {
            id: new_id(),
            family_id,
            user_id: user,
            token_hash: tokens::digest(&token),
            created_at: now,
            expires_at: now + Duration::days(REFRESH_TOKEN_DAYS),
            used_at: None,
            revoked_at: None,
        },
    )?;
    Ok(token)
}
