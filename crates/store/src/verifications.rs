//! Creators' platform logins: verifications under way (their one-time `state` kept as a hash),
//! the sealed tokens of the logins that verified an account, and the accounts a login verifies.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rapport_domain::profiles::Platform;
use rapport_domain::{CreatorAccountId, CreatorId, TeamId, UserId, VerificationId};

use crate::creators::CreatorAccountRow;
use crate::schema::{account_verifications, connections, creator_accounts, creator_logins};
use crate::DbConnection;

/// A verification under way.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = account_verifications)]
pub struct VerificationRow {
    /// UUIDv7.
    pub id: VerificationId,
    /// The creator's user (only they may finish it).
    pub user_id: UserId,
    /// The platform logged in on.
    pub platform: Platform,
    /// The creator's choice to share the figures the login reads.
    pub share_figures: bool,
    /// The keyed hash of its `state`.
    pub state_hash: String,
    /// Started.
    pub created_at: NaiveDateTime,
    /// Good until.
    pub expires_at: NaiveDateTime,
}

/// Stores a verification just started, and forgets those expired.
pub fn insert(
    conn: &mut DbConnection,
    row: &VerificationRow,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::delete(account_verifications::table.filter(account_verifications::expires_at.le(now)))
        .execute(conn)?;
    diesel::insert_into(account_verifications::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// Takes `user`'s verification of a `state` (by its hash): it is gone after, so a state is
/// good once (another user's callback with it leaves it be).
pub fn take_by_state(
    conn: &mut DbConnection,
    state_hash: &str,
    user: UserId,
) -> QueryResult<Option<VerificationRow>> {
    let found = account_verifications::table
        .filter(account_verifications::state_hash.eq(state_hash))
        .filter(account_verifications::user_id.eq(user))
        .select(VerificationRow::as_select())
        .first(conn)
        .optional()?;
    let Some(row) = found else {
        return Ok(None);
    };
    let taken = diesel::delete(account_verifications::table.find(row.id)).execute(conn)?;
    // Another request took it between the read and the delete.
    Ok((taken == 1).then_some(row))
}

/// A login that verified an account: its tokens, sealed with the data key.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = creator_logins, treat_none_as_null = true)]
pub struct LoginRow {
    /// The account it verified.
    pub account_id: CreatorAccountId,
    /// The platform's id of the account.
    pub external_id: String,
    /// The access token, sealed.
    pub access_token: String,
    /// The refresh token, sealed, when the platform gave one.
    pub refresh_token: Option<String>,
    /// The data key that sealed both.
    pub secret_key_id: String,
    /// The access token serves until (none: until refused).
    pub access_expires_at: Option<NaiveDateTime>,
    /// The refresh token serves until.
    pub refresh_expires_at: Option<NaiveDateTime>,
    /// Whether the brands the creator is connected with see the figures it reads.
    pub share_figures: bool,
    /// Why it no longer reads.
    pub problem: Option<String>,
    /// When the creator logged in.
    pub connected_at: NaiveDateTime,
    /// Its tokens last changed.
    pub updated_at: NaiveDateTime,
}

/// Stores the login of an account, in place of the one it had.
pub fn upsert_login(conn: &mut DbConnection, row: &LoginRow) -> QueryResult<()> {
    let replaced = diesel::update(creator_logins::table.find(row.account_id))
        .set(row)
        .execute(conn)?;
    if replaced == 0 {
        diesel::insert_into(creator_logins::table)
            .values(row)
            .execute(conn)?;
    }
    Ok(())
}

/// The login of an account.
pub fn find_login(
    conn: &mut DbConnection,
    account: CreatorAccountId,
) -> QueryResult<Option<LoginRow>> {
    creator_logins::table
        .find(account)
        .select(LoginRow::as_select())
        .first(conn)
        .optional()
}

/// The logins of a creator's accounts.
pub fn logins_of_creator(
    conn: &mut DbConnection,
    creator: CreatorId,
) -> QueryResult<Vec<LoginRow>> {
    creator_logins::table
        .inner_join(creator_accounts::table)
        .filter(creator_accounts::creator_id.eq(creator))
        .select(LoginRow::as_select())
        .load(conn)
}

/// Stores tokens renewed from `previous` (the sealed access token read before renewing);
/// false when another server renewed them first (its tokens stand).
pub fn renew_tokens(
    conn: &mut DbConnection,
    previous: &str,
    renewed: &LoginRow,
) -> QueryResult<bool> {
    let changed = diesel::update(
        creator_logins::table
            .filter(creator_logins::account_id.eq(renewed.account_id))
            .filter(creator_logins::access_token.eq(previous)),
    )
    .set((
        creator_logins::access_token.eq(&renewed.access_token),
        creator_logins::refresh_token.eq(&renewed.refresh_token),
        creator_logins::secret_key_id.eq(&renewed.secret_key_id),
        creator_logins::access_expires_at.eq(renewed.access_expires_at),
        creator_logins::refresh_expires_at.eq(renewed.refresh_expires_at),
        creator_logins::problem.eq(None::<String>),
        creator_logins::updated_at.eq(renewed.updated_at),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}

/// Records why a login no longer reads (none: it reads again).
pub fn set_login_problem(
    conn: &mut DbConnection,
    account: CreatorAccountId,
    problem: Option<&str>,
) -> QueryResult<()> {
    diesel::update(creator_logins::table.find(account))
        .set(creator_logins::problem.eq(problem))
        .execute(conn)
        .map(drop)
}

/// Sets whether a login's figures are shared.
pub fn set_sharing(
    conn: &mut DbConnection,
    account: CreatorAccountId,
    share: bool,
) -> QueryResult<()> {
    diesel::update(creator_logins::table.find(account))
        .set(creator_logins::share_figures.eq(share))
        .execute(conn)
        .map(drop)
}

/// Forgets an account's login (the account stays verified).
pub fn delete_login(conn: &mut DbConnection, account: CreatorAccountId) -> QueryResult<()> {
    diesel::delete(creator_logins::table.find(account))
        .execute(conn)
        .map(drop)
}

/// The claimed account of a profile on a platform, whoever claimed it.
pub fn find_claimed(
    conn: &mut DbConnection,
    platform: Platform,
    handle_key: &str,
) -> QueryResult<Option<CreatorAccountRow>> {
    creator_accounts::table
        .filter(creator_accounts::platform.eq(platform))
        .filter(creator_accounts::handle_key.eq(handle_key))
        .select(CreatorAccountRow::as_select())
        .first(conn)
        .optional()
}

/// Marks an account verified by `creator` at `now` (moving it to them when another creator had
/// only claimed it), with the handle as the platform writes it and the followers it told.
pub fn mark_verified(
    conn: &mut DbConnection,
    account: CreatorAccountId,
    creator: CreatorId,
    handle: &str,
    followers: Option<i64>,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(creator_accounts::table.find(account))
        .set((
            creator_accounts::creator_id.eq(creator),
            creator_accounts::handle.eq(handle),
            creator_accounts::verified_at.eq(now),
        ))
        .execute(conn)?;
    if followers.is_some() {
        diesel::update(creator_accounts::table.find(account))
            .set((
                creator_accounts::followers.eq(followers),
                creator_accounts::self_reported.eq(false),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The login that reads an influencer's account of `platform` and `handle_key` for `team`: the
/// login of a creator connected with the team who verified that account and shares its
/// figures.
pub fn shared_login_for(
    conn: &mut DbConnection,
    team: TeamId,
    platform: Platform,
    handle_key: &str,
) -> QueryResult<Option<LoginRow>> {
    creator_logins::table
        .inner_join(creator_accounts::table)
        .filter(creator_accounts::platform.eq(platform))
        .filter(creator_accounts::handle_key.eq(handle_key))
        .filter(creator_logins::share_figures.eq(true))
        .filter(diesel::dsl::exists(
            connections::table
                .filter(connections::team_id.eq(team))
                .filter(connections::creator_id.eq(creator_accounts::creator_id)),
        ))
        .select(LoginRow::as_select())
        .first(conn)
        .optional()
}

/// The accounts whose login reads (no problem recorded), for their daily refresh.
pub fn readable_logins(conn: &mut DbConnection) -> QueryResult<Vec<CreatorAccountId>> {
    creator_logins::table
        .filter(creator_logins::problem.is_null())
        .select(creator_logins::account_id)
        .load(conn)
}

/// A claimed account by id.
pub fn find_account(
    conn: &mut DbConnection,
    account: CreatorAccountId,
) -> QueryResult<Option<CreatorAccountRow>> {
    creator_accounts::table
        .find(account)
        .select(CreatorAccountRow::as_select())
        .first(conn)
        .optional()
}

/// Stores the figures a login read of its account (the platform's, not the creator's own).
pub fn set_account_figures(
    conn: &mut DbConnection,
    account: CreatorAccountId,
    followers: Option<i64>,
    engagement_rate: Option<f64>,
) -> QueryResult<()> {
    diesel::update(creator_accounts::table.find(account))
        .set((
            creator_accounts::followers.eq(followers),
            creator_accounts::engagement_rate.eq(engagement_rate),
            creator_accounts::self_reported.eq(false),
        ))
        .execute(conn)
        .map(drop)
}
