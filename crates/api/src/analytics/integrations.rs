//! A team's integrations for reading figures: which Instagram business account reads them (the
//! Instagram data source's), and its YouTube Data API key, checked with YouTube before it is
//! stored (sealed with the data key, for this team only).

use chrono::NaiveDateTime;
use rapport_domain::analytics::{TeamIntegrations, YOUTUBE_UNITS_PER_REFRESH};
use rapport_domain::profiles::Platform;
use rapport_domain::{TeamId, UserId};
use rapport_integrations::youtube::{ChannelRef, YouTube};
use rapport_store::analytics::{self, IntegrationRow};
use rapport_store::DbConnection;

use crate::access::role_in;
use crate::analytics::credentials::{self, YOUTUBE};
use crate::data_key::DataKey;
use crate::error::{ApiError, ApiResult};
use crate::sources::list_connect::provider_error;
use crate::sources::list_settings::key_hint;

/// A channel every key can read (YouTube's own), to check a key with one quota unit.
const CHECK_CHANNEL: &str = "UCBR8-60-B28hp2BmDPdntcQ";

/// The team's integrations.
pub fn view(
    conn: &mut DbConnection,
    key: &DataKey,
    actor: UserId,
    team: TeamId,
) -> ApiResult<TeamIntegrations> {
    role_in(conn, team, actor)?;
    let found = credentials::of_team(conn, key, team)?;
    let stored = analytics::find_integration(conn, team, YOUTUBE)?;
    let channels = analytics::count_team_accounts(conn, team, Platform::Youtube)?;
    Ok(TeamIntegrations {
        instagram_account: found.instagram.map(|login| {
            login
                .username
                .map_or(login.account, |name| format!("@{name}"))
        }),
        youtube_key: found.youtube_key.is_some(),
        youtube_key_hint: stored.map(|row| row.hint),
        youtube_units_per_day: channels * YOUTUBE_UNITS_PER_REFRESH,
    })
}

/// Checks a YouTube key by reading one channel with it: a refused key answers 422
/// `provider_key_refused`, YouTube unreachable 502 `provider_unavailable`.
pub async fn check_youtube_key(
    http: reqwest::Client,
    base: Option<&str>,
    key: &str,
) -> ApiResult<()> {
    let client = YouTube::new(http, base, key).map_err(provider_error)?;
    client
        .channel(&ChannelRef::Id(CHECK_CHANNEL.to_owned()))
        .await
        .map_err(provider_error)?;
    Ok(())
}

/// Stores the team's YouTube key (checked already), replacing the one stored.
pub fn store_youtube_key(
    conn: &mut DbConnection,
    data_key: &DataKey,
    actor: UserId,
    team: TeamId,
    key: &str,
    now: NaiveDateTime,
) -> ApiResult<TeamIntegrations> {
    role_in(conn, team, actor)?;
    analytics::put_integration(
        conn,
        &IntegrationRow {
            team_id: team,
            provider: YOUTUBE.to_owned(),
            secret: data_key.seal(&credentials::owner(team, YOUTUBE), key),
            secret_key_id: data_key.id().to_owned(),
            hint: key_hint(key),
            created_by: Some(actor),
            created_at: now,
            updated_at: now,
        },
    )?;
    view(conn, data_key, actor, team)
}

/// Deletes the team's YouTube key (figures read stay; no more are read).
pub fn remove_youtube_key(conn: &mut DbConnection, actor: UserId, team: TeamId) -> ApiResult<()> {
    role_in(conn, team, actor)?;
    if analytics::delete_integration(conn, team, YOUTUBE)? {
        Ok(())
    } else {
        Err(ApiError::not_found("integration"))
    }
}
