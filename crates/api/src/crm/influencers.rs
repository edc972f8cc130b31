//! Influencers: the team's records of creators, each with one or more platform accounts.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use rapport_domain::activity::{AccountRef, Change};
use rapport_domain::influencers::{Influencer, InfluencerChanges, InfluencerSummary};
use rapport_domain::page::Page;
use rapport_domain::profiles::ProfileRef;
use rapport_domain::{AccountId, InfluencerId, TeamId, UserId};
use rapport_store::influencers::{self, AccountRow, InfluencerRow};
use rapport_store::{new_id, time, DbConnection};

use crate::access::{influencer_for, role_in};
use crate::crm::history;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::paging::PageRequest;

/// A search text as the lists use it: control characters dropped, trimmed, `None` when empty.
pub fn search_text(q: Option<&str>) -> Option<String> {
    let text: String = q?.chars().filter(|c| !c.is_control()).collect();
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// The whole influencer, with its accounts.
pub fn view(conn: &mut DbConnection, row: &InfluencerRow) -> ApiResult<Influencer> {
    let accounts = influencers::accounts_of(conn, row.id)?;
    Ok(row.to_influencer(&accounts)?)
}

/// The short view of an influencer.
pub fn summary(row: &InfluencerRow, accounts: &[AccountRow]) -> InfluencerSummary {
    InfluencerSummary {
        id: row.id,
        display_name: row.display_name.clone(),
        accounts: accounts.iter().map(AccountRow::to_summary).collect(),
    }
}

/// A new account row for `profile`.
pub fn account_row(
    team: TeamId,
    influencer: InfluencerId,
    profile: &ProfileRef,
    now: NaiveDateTime,
) -> AccountRow {
    AccountRow {
        id: new_id(),
        team_id: team,
        influencer_id: influencer,
        platform: profile.platform,
        handle: profile.handle.clone(),
        handle_key: profile.key.clone(),
        followers: None,
        posts: None,
        engagement_rate: None,
        stats_updated_at: None,
        created_at: now,
        avg_likes: None,
        avg_comments: None,
        avg_views: None,
        stats_source: None,
        stats_problem: None,
    }
}

fn account_ref(profile: &ProfileRef) -> AccountRef {
    AccountRef {
        platform: profile.platform,
        handle: profile.handle.clone(),
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
) -> ApiResult<(InfluencerRow, bool)> {
    if let Some(account) = influencers::find_account(conn, team, profile.platform, &profile.key)? {
        if let Some(existing) = influencers::find(conn, account.influencer_id)? {
            return Ok((existing, false));
        }
    }
    let now = time::now();
    let row = InfluencerRow::new(team, display_name.unwrap_or(&profile.handle), now);
    influencers::insert(conn, &row)?;
    influencers::insert_account(conn, &account_row(team, row.id, profile, now))?;
    history::record(
        conn,
        row.id,
        actor,
        Change::InfluencerCreated {
            display_name: row.display_name.clone(),
            account: account_ref(profile),
        },
    )?;
    Ok((row, true))
}

/// The team's influencers, oldest first, optionally those whose name or a handle contains `q`.
pub fn list(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
    q: Option<&str>,
    paging: &PageRequest,
) -> ApiResult<Page<Influencer>> {
    role_in(conn, team, actor)?;
    let rows = influencers::list(conn, team, q, paging.cursor.as_deref(), paging.fetch())?;
    let ids: Vec<InfluencerId> = rows.iter().map(|r| r.id).collect();
    let mut accounts: HashMap<InfluencerId, Vec<AccountRow>> = HashMap::new();
    for account in influencers::accounts_of_many(conn, &ids)? {
        accounts
            .entry(account.influencer_id)
            .or_default()
            .push(account);
    }
    let items = rows
        .iter()
        .map(|row| {
            let own = accounts.remove(&row.id).unwrap_or_default();
            Ok((row.id, row.to_influencer(&own)?))
        })
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(paging.page(items))
}

/// Adds the influencer holding `profile` to the team, or finds the one that already holds it.
/// Returns the influencer and whether it was created.
pub fn create(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
    profile: &ProfileRef,
    display_name: &str,
) -> ApiResult<(Influencer, bool)> {
    role_in(conn, team, actor)?;
    let (row, created) = find_or_create(conn, team, profile, Some(display_name), actor)?;
    Ok((view(conn, &row)?, created))
}

/// One influencer.
pub fn get(conn: &mut DbConnection, actor: UserId, id: InfluencerId) -> ApiResult<Influencer> {
    let (row, _) = influencer_for(conn, id, actor)?;
    view(conn, &row)
}

/// Changes contact, shipping, tags or the name.
pub fn update(
    conn: &mut DbConnection,
    actor: UserId,
    id: InfluencerId,
    changes: &InfluencerChanges,
) -> ApiResult<Influencer> {
    let (row, _) = influencer_for(conn, id, actor)?;
    let boards = history::lock_boards_of(conn, row.id)?;
    let fields: Vec<String> = [
        ("display_name", changes.display_name.is_some()),
        ("email", changes.email.is_some()),
        ("phone", changes.phone.is_some()),
        ("shipping_address", changes.shipping_address.is_some()),
        ("tags", changes.tags.is_some()),
    ]
    .into_iter()
    .filter(|(_, changed)| *changed)
    .map(|(name, _)| name.to_owned())
    .collect();
    if !fields.is_empty() {
        influencers::update(conn, row.id, changes, time::now())?;
        history::record(conn, row.id, actor, Change::InfluencerUpdated { fields })?;
        if let Some(name) = &changes.display_name {
            let renamed = Change::InfluencerRenamed {
                display_name: name.clone(),
            };
            history::touch_boards(conn, &boards, actor, &renamed)?;
        }
    }
    let row = influencers::find(conn, id)?.ok_or_else(|| ApiError::not_found("influencer"))?;
    view(conn, &row)
}

/// Deletes the influencer with everything attached.
pub fn delete(conn: &mut DbConnection, actor: UserId, id: InfluencerId) -> ApiResult<()> {
    let (row, _) = influencer_for(conn, id, actor)?;
    let boards = history::lock_boards_of(conn, row.id)?;
    let deleted = Change::InfluencerDeleted {
        display_name: row.display_name.clone(),
    };
    history::touch_boards(conn, &boards, actor, &deleted)?;
    influencers::delete(conn, row.id)?;
    Ok(())
}

/// Adds a platform account; the account of another influencer of the team answers 409.
/// Returns the influencer and whether the account was new.
pub fn add_account(
    conn: &mut DbConnection,
    actor: UserId,
    id: InfluencerId,
    profile: &ProfileRef,
) -> ApiResult<(Influencer, bool)> {
    let (row, _) = influencer_for(conn, id, actor)?;
    let boards = history::lock_boards_of(conn, row.id)?;
    const TAKEN: &str = "Another influencer of the team has this account.";
    let taken = |holder: Option<InfluencerId>| match holder {
        Some(holder) => ApiError::conflict_with(ErrorCode::AccountTaken, TAKEN, holder),
        // Lost a race with another request adding the same account: its holder is not known here.
        None => ApiError::new(ErrorCode::AccountTaken, TAKEN),
    };
    if let Some(existing) =
        influencers::find_account(conn, row.team_id, profile.platform, &profile.key)?
    {
        if existing.influencer_id != row.id {
            return Err(taken(Some(existing.influencer_id)));
        }
        return Ok((view(conn, &row)?, false));
    }
    let account = account_row(row.team_id, row.id, profile, time::now());
    influencers::insert_account(conn, &account)
        .map_err(|e| ApiError::on_unique_violation(e, || taken(None)))?;
    let added = Change::AccountAdded(account_ref(profile));
    history::record(conn, row.id, actor, added.clone())?;
    history::touch_boards(conn, &boards, actor, &added)?;
    Ok((view(conn, &row)?, true))
}

/// Removes a platform account; the last one stays (422 `last_account`).
pub fn remove_account(
    conn: &mut DbConnection,
    actor: UserId,
    id: InfluencerId,
    account: AccountId,
) -> ApiResult<()> {
    let (row, _) = influencer_for(conn, id, actor)?;
    let boards = history::lock_boards_of(conn, row.id)?;
    let account = influencers::find_account_of(conn, row.id, account)?
        .ok_or_else(|| ApiError::not_found("account"))?;
    if influencers::accounts_of(conn, row.id)?.len() <= 1 {
        return Err(ApiError::new(
            ErrorCode::LastAccount,
            "An influencer keeps at least one platform account; add another first, or delete the influencer.",
        ));
    }
    influencers::delete_account(conn, account.id)?;
    let removed = Change::AccountRemoved(AccountRef {
        platform: account.platform,
        handle: account.handle,
    });
    history::record(conn, row.id, actor, removed.clone())?;
    history::touch_boards(conn, &boards, actor, &removed)?;
    Ok(())
}
