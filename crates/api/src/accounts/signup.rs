//! Sign-up: a new user with their first team, which they own; or, for a creator, with their
//! creator profile.

use rapport_domain::auth::{Signup, User};
use rapport_domain::creators::AccountKind;
use rapport_domain::teams::Team;
use rapport_domain::CreatorId;
use rapport_store::users::{self, UserRow};
use rapport_store::{new_id, time, DbConnection};

use crate::accounts::sessions::{self, SignedIn};
use crate::accounts::teams;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::network::creators;

/// A new account: the user and the team they own (a brand's person) or their profile (a
/// creator).
pub struct NewAccount {
    /// The new user.
    pub user: User,
    /// Their first team (a brand's person).
    pub team: Option<Team>,
    /// Their creator profile (a creator).
    pub creator: Option<CreatorId>,
}

/// Creates the user (with `password_hash`, the hash of the sign-up's password) and their first
/// team, with them as owner, or their creator profile. 409 `email_taken` when the address already
/// has an account.
pub fn create_account(
    conn: &mut DbConnection,
    signup: Signup,
    password_hash: String,
) -> ApiResult<NewAccount> {
    let taken = || {
        ApiError::new(
            ErrorCode::EmailTaken,
            "An account with this e-mail address already exists; log in instead.",
        )
    };
    if users::find_by_email(conn, &signup.email)?.is_some() {
        return Err(taken());
    }
    let now = time::now();
    let user = UserRow {
        id: new_id(),
        email: signup.email,
        name: signup.name,
        password_hash,
        created_at: now,
        updated_at: now,
    };
    users::insert(conn, &user).map_err(|e| ApiError::on_unique_violation(e, taken))?;
    let (team, creator) = match signup.kind {
        AccountKind::Brand => (
            Some(teams::create_at(conn, user.id, signup.team_name, now)?),
            None,
        ),
        AccountKind::Creator => (
            None,
            Some(creators::create_at(conn, user.id, &user.name, now)?),
        ),
    };
    Ok(NewAccount {
        user: user.to_user(),
        team,
        creator,
    })
}

/// Signs up and in: the new account, with a session started for it.
pub fn sign_up(
    conn: &mut DbConnection,
    signup: Signup,
    password_hash: String,
) -> ApiResult<SignedIn> {
    let account = create_account(conn, signup, password_hash)?;
    sessions::start(conn, account.user)
}
