//! A team's API keys, managed by its owners and admins: made (the secret shown once), listed
//! (never the secret), revoked at once.

use rapport_domain::api_keys::{
    actor_name, prefix_of, ApiKey, CreatedApiKey, KeyRequest, SECRET_PREFIX,
};
use rapport_domain::{ApiKeyId, TeamId, UserId};
use rapport_store::api_keys::{self, ApiKeyRow};
use rapport_store::users::{self, UserRow};
use rapport_store::{new_id, time, DbConnection};

use crate::access::{require, role_in};
use crate::auth::{password, tokens};
use crate::error::{ApiError, ApiResult};

fn view(row: &ApiKeyRow, maker: Option<String>) -> ApiKey {
    ApiKey {
        id: row.id,
        name: row.name.clone(),
        prefix: row.prefix.clone(),
        scope: row.scope,
        expires_at: row.expires_at.map(time::utc),
        last_used_at: row.last_used_at.map(time::utc),
        created_by: maker,
        created_at: time::utc(row.created_at),
    }
}

fn managers_only(conn: &mut DbConnection, team: TeamId, actor: UserId) -> ApiResult<()> {
    let role = role_in(conn, team, actor)?;
    require(
        role.can_manage_team(),
        "Only the team's owners and admins manage its API keys.",
    )
}

/// Makes a key for the team: a user of its own that it acts as, and its secret (shown once).
pub fn create(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
    request: KeyRequest,
    now: chrono::NaiveDateTime,
) -> ApiResult<CreatedApiKey> {
    managers_only(conn, team, actor)?;
    let secret = format!("{SECRET_PREFIX}{}", tokens::generate());
    let prefix = prefix_of(&secret)
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("a generated secret has no prefix")))?
        .to_owned();
    let id: ApiKeyId = new_id();
    let user = UserRow {
        id: new_id(),
        email: format!("api-key-{id}@keys.rapport.invalid"),
        name: actor_name(&request.name),
        // A password nobody knows: the key's user never signs in.
        password_hash: password::dummy_hash()?.to_owned(),
        created_at: now,
        updated_at: now,
    };
    users::insert(conn, &user)?;
    let row = ApiKeyRow {
        id,
        team_id: team,
        user_id: user.id,
        name: request.name,
        prefix,
        secret_hash: tokens::digest(&secret),
        scope: request.scope,
        expires_at: request.expires_at.map(|at| at.naive_utc()),
        last_used_at: None,
        created_by: Some(actor),
        created_at: now,
        revoked_at: None,
    };
    api_keys::insert(conn, &row)?;
    let maker = users::find(conn, actor)?.map(|user| user.name);
    Ok(CreatedApiKey {
        key: view(&row, maker),
        secret,
    })
}

/// The team's keys (not revoked), newest first.
pub fn list(conn: &mut DbConnection, actor: UserId, team: TeamId) -> ApiResult<Vec<ApiKey>> {
    managers_only(conn, team, actor)?;
    Ok(api_keys::list(conn, team)?
        .into_iter()
        .map(|(row, maker)| view(&row, maker))
        .collect())
}

/// Revokes one of the team's keys: its next request is refused.
pub fn revoke(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
    key: ApiKeyId,
    now: chrono::NaiveDateTime,
) -> ApiResult<()> {
    managers_only(conn, team, actor)?;
    if !api_keys::revoke(conn, team, key, now)? {
        return Err(ApiError::not_found("API key"));
    }
    Ok(())
}
