//! Idempotency keys: what a caller's POST with an `Idempotency-Key` was (its fingerprint) and,
//! once answered, what it answered, for 24 hours.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::schema::idempotency_keys;
use crate::DbConnection;

/// A remembered request.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = idempotency_keys)]
pub struct IdempotencyRow {
    /// Whose key it is (`user:{id}`): keys of different callers never meet.
    pub scope: String,
    /// The key as sent.
    pub idempotency_key: String,
    /// A digest of the method, path, query and body.
    pub fingerprint: String,
    /// The answer's status, once answered.
    pub status: Option<i32>,
    /// The answer's content type.
    pub content_type: Option<String>,
    /// The answer's `Location`.
    pub location: Option<String>,
    /// The answer's body.
    pub body: Option<String>,
    /// When the first request came.
    pub created_at: NaiveDateTime,
    /// Forgotten after.
    pub expires_at: NaiveDateTime,
}

/// What a request with a key meets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Begun {
    /// The key is new (or was forgotten): the request runs, its answer to be stored.
    Fresh,
    /// The same request was answered: its answer.
    Answered(IdempotencyRow),
    /// The same request is running.
    Running,
    /// The key was used for another request.
    Mismatch,
}

/// Looks the key up for `row`'s request and, when it is new, expired, or its first request was
/// left running since before `stale` (its server died), records `row` as running. Call it in a
/// transaction.
pub fn begin(
    conn: &mut DbConnection,
    row: &IdempotencyRow,
    now: NaiveDateTime,
    stale: NaiveDateTime,
) -> QueryResult<Begun> {
    let found = idempotency_keys::table
        .find((&row.scope, &row.idempotency_key))
        .select(IdempotencyRow::as_select())
        .first(conn)
        .optional()?;
    if let Some(found) = found {
        let abandoned = found.status.is_none() && found.created_at < stale;
        if found.expires_at > now && !abandoned {
            return Ok(if found.fingerprint != row.fingerprint {
                Begun::Mismatch
            } else if found.status.is_some() {
                Begun::Answered(found)
            } else {
                Begun::Running
            });
        }
        diesel::delete(idempotency_keys::table.find((&row.scope, &row.idempotency_key)))
            .execute(conn)?;
    }
    // Forget what expired, a few at a time, while here.
    let expired: Vec<(String, String)> = idempotency_keys::table
        .filter(idempotency_keys::expires_at.le(now))
        .select((idempotency_keys::scope, idempotency_keys::idempotency_key))
        .limit(100)
        .load(conn)?;
    for (scope, key) in expired {
        diesel::delete(idempotency_keys::table.find((scope, key))).execute(conn)?;
    }
    // In a savepoint: a request with the same key may have inserted it meanwhile (on
    // PostgreSQL a failed statement would abort the whole transaction).
    let inserted = conn.transaction(|conn| {
        diesel::insert_into(idempotency_keys::table)
            .values(row)
            .execute(conn)
    });
    match inserted {
        Ok(_) => Ok(Begun::Fresh),
        Err(error) if crate::is_unique_violation(&error) => Ok(Begun::Running),
        Err(error) => Err(error),
    }
}

/// Stores the answer of the running request of a key.
pub fn answer(
    conn: &mut DbConnection,
    scope: &str,
    key: &str,
    status: i32,
    content_type: Option<&str>,
    location: Option<&str>,
    body: &str,
) -> QueryResult<()> {
    diesel::update(idempotency_keys::table.find((scope, key)))
        .set((
            idempotency_keys::status.eq(status),
            idempotency_keys::content_type.eq(content_type),
            idempotency_keys::location.eq(location),
            idempotency_keys::body.eq(body),
        ))
        .execute(conn)
        .map(drop)
}

/// Forgets a key (its request failed on the server's side: a retry runs it again).
pub fn forget(conn: &mut DbConnection, scope: &str, key: &str) -> QueryResult<()> {
    diesel::delete(idempotency_keys::table.find((scope, key)))
        .execute(conn)
        .map(drop)
}
