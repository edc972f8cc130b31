//! Influencers from profiles: the team's influencer holding an account, or a new one.

use chrono::NaiveDateTime;
use rapport_domain::influencers::{Influencer, InfluencerSummary};
use rapport_domain::profiles::ProfileRef;
use rapport_domain::{TeamId, UserId};
use rapport_store::influencers::{self, AccountRow, InfluencerRow};
use rapport_store::{new_id, DbConnection};
use serde_json::json;

use crate::crm::activity;
use crate::error::ApiResult;

/// The whole influencer, with its accounts.
pub fn view(conn: &mut DbConnection, row: &InfluencerRow) -> ApiResult<Influencer> {
    let accounts = influencers::accounts_of(conn, &row.id)?;
    Ok(row.to_influencer(&accounts)?)
}

/// A new account row for `profile`.
pub fn account_row(
    team: TeamId,
    influencer: &str,
    profile: &ProfileRef,
    now: NaiveDateTime,
) -> AccountRow {
    AccountRow {
        id: new_id().to_string(),
        team_id: team.to_string(),
        influencer_id: influencer.to_owned(),
        platform: profile.platform.as_str().to_owned(),
        handle: profile.handle.clone(),
        handle_key: profile.key.clone(),
        followers: None,
        posts: None,
        engagement_rate: None,
        stats_updated_at: None,
        created_at: now,
    }
}

/// The team's influencer holding `profile`, or a new influencer with that account (named
/// `display_name`, or the handle). Returns the influencer and whether it was created.
pub fn find_or_create(
    conn: &mut DbConnection,
    team: TeamId,
    profile: &ProfileRef,
    display_name: Option<&str>,
    actor: UserId,
    now: NaiveDateTime,
) -> ApiResult<(InfluencerRow, bool)> {
    if let Some(account) = influencers::find_account(conn, team, profile.platform, &profile.key)? {
        let id = crate::routes::access::parse_stored(&account.influencer_id)?;
        if let Some(existing) = influencers::find(conn, id)? {
            return Ok((existing, false));
        }
    }
    let row = InfluencerRow::new(team, display_name.unwrap_or(&profile.handle), now);
    influencers::insert(conn, &row)?;
    influencers::insert_account(conn, &account_row(team, &row.id, profile, now))?;
    activity::record(
        conn,
        &row.id,
        actor,
        "influencer.created",
        json!({
            "display_name": row.display_name,
            "account": {"platform": profile.platform, "handle": profile.handle},
        }),
    )?;
    Ok((row, true))
}

/// The short view of an influencer.
pub fn summary(row: &InfluencerRow, accounts: &[AccountRow]) -> ApiResult<InfluencerSummary> {
    Ok(InfluencerSummary {
        id: crate::routes::access::parse_stored(&row.id)?,
        display_name: row.display_name.clone(),
        accounts: accounts
            .iter()
            .map(AccountRow::to_summary)
            .collect::<Result<_, _>>()?,
    })
}
