//! Refresh tokens: stored hashed, single-use, grouped in families that are revoked together.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use rapport_domain::{RefreshTokenId, SessionId, UserId};

use crate::schema::refresh_tokens;
use crate::DbConnection;

/// A stored refresh token.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = refresh_tokens)]
pub struct RefreshTokenRow {
    /// UUIDv7.
    pub id: RefreshTokenId,
    /// Every token rotated from one log-in shares a family: the session.
    pub family_id: SessionId,
    /// The user.
    pub user_id: UserId,
    /// SHA-256 of the token, hex.
    pub token_hash: String,
    /// Issued.
    pub created_at: NaiveDateTime,
    /// Stops working.
    pub expires_at: NaiveDateTime,
    /// Exchanged for a new token.
    pub used_at: Option<NaiveDateTime>,
    /// Revoked (log-out, or reuse detected).
    pub revoked_at: Option<NaiveDateTime>,
}

/// Stores a new token.
pub fn insert(conn: &mut DbConnection, row: &RefreshTokenRow) -> QueryResult<()> {
    diesel::insert_into(refresh_tokens::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// The token with this hash.
pub fn find_by_hash(
    conn: &mut DbConnection,
    token_hash: &str,
) -> QueryResult<Option<RefreshTokenRow>> {
    refresh_tokens::table
        .filter(refresh_tokens::token_hash.eq(token_hash))
        .select(RefreshTokenRow::as_select())
        .first(conn)
        .optional()
}

/// Marks the token used if it was not used or revoked yet; returns 1 when this call used it.
pub fn mark_used(
    conn: &mut DbConnection,
    id: RefreshTokenId,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        refresh_tokens::table
            .filter(refresh_tokens::id.eq(id))
            .filter(refresh_tokens::used_at.is_null())
            .filter(refresh_tokens::revoked_at.is_null()),
    )
    .set(refresh_tokens::used_at.eq(now))
    .execute(conn)
}

/// Revokes every token of the family that is not revoked yet.
pub fn revoke_family(
    conn: &mut DbConnection,
    family_id: SessionId,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        refresh_tokens::table
            .filter(refresh_tokens::family_id.eq(family_id))
            .filter(refresh_tokens::revoked_at.is_null()),
    )
    .set(refresh_tokens::revoked_at.eq(now))
    .execute(conn)
}
