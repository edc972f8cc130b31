//! A creator's own profile: becoming a creator, reading and changing the profile, claiming and
//! releasing platform accounts.

use chrono::NaiveDateTime;
use rapport_domain::creators::{Claim, CreatorChanges, CreatorProfile};
use rapport_domain::{CreatorAccountId, CreatorId, UserId};
use rapport_store::creators::{self, CreatorAccountRow, CreatorRow};
use rapport_store::{new_id, time, users, DbConnection};

use crate::error::{ApiError, ApiResult, ErrorCode};

fn exists() -> ApiError {
    ApiError::new(
        ErrorCode::CreatorExists,
        "You already have a creator profile.",
    )
}

fn no_profile() -> ApiError {
    ApiError::new(
        ErrorCode::NotFound,
        "You have no creator profile; POST /api/v1/creator makes one.",
    )
}

/// Makes the creator profile of `user`, named `name`, discoverable; 409 `creator_exists` when
/// they have one.
pub fn create_at(
    conn: &mut DbConnection,
    user: UserId,
    name: &str,
    now: NaiveDateTime,
) -> ApiResult<CreatorId> {
    if creators::find_by_user(conn, user)?.is_some() {
        return Err(exists());
    }
    let row = CreatorRow {
        id: new_id(),
        user_id: user,
        display_name: name.to_owned(),
        bio: None,
        country: None,
        city: None,
        discoverable: true,
        created_at: now,
        updated_at: now,
    };
    creators::insert(conn, &row).map_err(|e| ApiError::on_unique_violation(e, exists))?;
    Ok(row.id)
}

/// The signed-in user becomes a creator too (same account, same e-mail): their profile, named
/// after them.
pub fn become_creator(conn: &mut DbConnection, actor: UserId) -> ApiResult<CreatorProfile> {
    let user = users::find(conn, actor)?
        .ok_or_else(|| ApiError::new(ErrorCode::Unauthorized, "This account no longer exists."))?;
    create_at(conn, actor, &user.name, time::now())?;
    profile(conn, actor)
}

/// The signed-in creator's profile row; 404 when they are not a creator.
pub fn own(conn: &mut DbConnection, actor: UserId) -> ApiResult<CreatorRow> {
    creators::find_by_user(conn, actor)?.ok_or_else(no_profile)
}

/// The signed-in creator's profile.
pub fn profile(conn: &mut DbConnection, actor: UserId) -> ApiResult<CreatorProfile> {
    let row = own(conn, actor)?;
    let mut profile = creators::load(conn, row)?.to_profile();
    crate::network::verifications::with_logins(conn, &mut profile)?;
    Ok(profile)
}

/// Changes the signed-in creator's profile.
pub fn update(
    conn: &mut DbConnection,
    actor: UserId,
    changes: CreatorChanges,
) -> ApiResult<CreatorProfile> {
    let row = own(conn, actor)?;
    creators::update(conn, row.id, &changes, time::now())?;
    profile(conn, actor)
}

/// Claims a platform account for the signed-in creator; 409 `account_claimed` when a creator
/// (them included) has it.
pub fn claim_account(
    conn: &mut DbConnection,
    actor: UserId,
    claim: Claim,
) -> ApiResult<CreatorProfile> {
    let row = own(conn, actor)?;
    let claimed = || {
        ApiError::new(
            ErrorCode::AccountClaimed,
            "A creator already claimed this account.",
        )
    };
    let now = time::now();
    let account = CreatorAccountRow {
        id: new_id(),
        creator_id: row.id,
        platform: claim.profile.platform,
        handle: claim.profile.handle,
        handle_key: claim.profile.key,
        followers: claim.followers,
        self_reported: claim.followers.is_some(),
        engagement_rate: None,
        created_at: now,
        verified_at: None,
    };
    creators::insert_account(conn, &account)
        .map_err(|e| ApiError::on_unique_violation(e, claimed))?;
    creators::touch(conn, row.id, now)?;
    profile(conn, actor)
}

/// Releases one of the signed-in creator's accounts; 404 when it is not theirs.
pub fn release_account(
    conn: &mut DbConnection,
    actor: UserId,
    account: CreatorAccountId,
) -> ApiResult<()> {
    let row = own(conn, actor)?;
    if !creators::delete_account(conn, row.id, account)? {
        return Err(ApiError::new(
            ErrorCode::NotFound,
            "You have no such account.",
        ));
    }
    creators::touch(conn, row.id, time::now())?;
    Ok(())
}
