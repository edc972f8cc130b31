//! User accounts.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rapport_domain::auth::User;
use rapport_domain::UserId;

use crate::schema::users;
use crate::time::utc;
use crate::DbConnection;

/// A stored user.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = users)]
pub struct UserRow {
    /// UUIDv7.
    pub id: UserId,
    /// Normalised address, unique.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Last changed.
    pub updated_at: NaiveDateTime,
}

impl UserRow {
    /// The API view of the user.
    pub fn to_user(&self) -> User {
        User {
            id: self.id,
            email: self.email.clone(),
            name: self.name.clone(),
            created_at: utc(self.created_at),
        }
    }
}

/// Stores a new user; a taken address is a unique violation.
pub fn insert(conn: &mut DbConnection, row: &UserRow) -> QueryResult<()> {
    diesel::insert_into(users::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// The user with this normalised address.
pub fn find_by_email(conn: &mut DbConnection, email: &str) -> QueryResult<Option<UserRow>> {
    users::table
        .filter(users::email.eq(email))
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

/// The user with this id.
pub fn find(conn: &mut DbConnection, id: UserId) -> QueryResult<Option<UserRow>> {
    users::table
        .find(id)
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

/// The users with these ids (those that exist).
pub fn find_many(conn: &mut DbConnection, ids: &[UserId]) -> QueryResult<Vec<UserRow>> {
    users::table
        .filter(users::id.eq_any(ids))
        .select(UserRow::as_select())
        .load(conn)
}

/// Whether any account exists.
pub fn any(conn: &mut DbConnection) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(users::table.select(users::id))).get_result(conn)
}

/// Stores many users in multi-row statements (seeding).
pub fn insert_many(conn: &mut DbConnection, rows: &[UserRow]) -> QueryResult<()> {
    for chunk in rows.chunks(1_000) {
        crate::creators::execute_natively!(conn, diesel::insert_into(users::table).values(chunk))?;
    }
    Ok(())
}
