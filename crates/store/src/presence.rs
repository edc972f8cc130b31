//! Who has the app open, across servers: a row per user and server with a socket open there,
//! valid until `seen_until` (so a server that died stops counting).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rapport_domain::UserId;

use crate::schema::presence;
use crate::DbConnection;

/// Records that `users` have a socket open on `server` until `until`, and that nobody else does
/// (one writer per server: the server's presence task).
pub fn refresh(
    conn: &mut DbConnection,
    server: &str,
    users: &[UserId],
    until: NaiveDateTime,
) -> QueryResult<()> {
    diesel::delete(
        presence::table
            .filter(presence::server_id.eq(server))
            .filter(presence::user_id.ne_all(users)),
    )
    .execute(conn)?;
    diesel::update(presence::table.filter(presence::server_id.eq(server)))
        .set(presence::seen_until.eq(until))
        .execute(conn)?;
    let known: Vec<UserId> = presence::table
        .filter(presence::server_id.eq(server))
        .select(presence::user_id)
        .load(conn)?;
    for user in users.iter().filter(|user| !known.contains(user)) {
        diesel::insert_into(presence::table)
            .values((
                presence::user_id.eq(*user),
                presence::server_id.eq(server),
                presence::seen_until.eq(until),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Records at once that `user` has a socket open on `server` until `until` (the server's
/// presence task may insert the same row concurrently: a unique violation then means it did).
pub fn mark(
    conn: &mut DbConnection,
    server: &str,
    user: UserId,
    until: NaiveDateTime,
) -> QueryResult<()> {
    let updated = diesel::update(
        presence::table
            .filter(presence::user_id.eq(user))
            .filter(presence::server_id.eq(server)),
    )
    .set(presence::seen_until.eq(until))
    .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(presence::table)
            .values((
                presence::user_id.eq(user),
                presence::server_id.eq(server),
                presence::seen_until.eq(until),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Whether `user` has a socket open on any server (as of `now`).
pub fn is_present(conn: &mut DbConnection, user: UserId, now: NaiveDateTime) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        presence::table
            .filter(presence::user_id.eq(user))
            .filter(presence::seen_until.gt(now)),
    ))
    .get_result(conn)
}
