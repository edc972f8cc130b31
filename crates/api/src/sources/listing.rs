//! What a team sees of its sources: the sources' cards, the matches (the Influencers tab) with
//! who they are and where they come from; and what it does: dismiss a match, disconnect a source
//! (its contacts and matches go; influencers already on boards stay).

use std::collections::HashMap;

use rapport_domain::influencers::AccountSummary;
use rapport_domain::list_providers::SyncProgress;
use rapport_domain::sources::{MatchedBy, Source, SourceKind, SourceMatch, SourceState};
use rapport_domain::{CreatorId, InfluencerId, SourceId, SourceMatchId, TeamId, UserId};
use rapport_store::jobs::JobRow;
use rapport_store::sources::{self, MatchFilter, MatchRow, SourceRow};
use rapport_store::{creators, influencers, jobs, time, DbConnection};

use crate::sources::list_settings::ListSettings;
use crate::sources::page_settings::PageSettings;

use crate::access::role_in;
use crate::error::{ApiError, ApiResult};

/// The API view of a stored source (without its sync's progress: see [`view_with`]).
pub fn view(row: &SourceRow) -> Source {
    view_with(row, &[])
}

/// The API view of a stored source, with its live sync jobs (queued: when the next sync is due;
/// running: how far it is).
pub fn view_with(row: &SourceRow, live: &[JobRow]) -> Source {
    let kind = SourceKind::parse(&row.kind).unwrap_or(SourceKind::Csv);
    let settings = ListSettings::read(row.settings.as_deref());
    let page = match kind {
        SourceKind::Instagram | SourceKind::Facebook => PageSettings::read(row.settings.as_deref()),
        _ => None,
    };
    let subject = row.id.to_string();
    let ours = |status: &str| {
        live.iter()
            .find(|job| job.subject == subject && job.status == status)
    };
    let state = SourceState::parse(&row.state).unwrap_or(SourceState::New);
    let progress = ours(jobs::status::RUNNING)
        .filter(|_| state == SourceState::Syncing)
        .map(|job| SyncProgress {
            done: job.progress_done,
            total: job.progress_total,
        });
    Source {
        id: row.id,
        team_id: row.team_id,
        kind,
        name: row.name.clone(),
        state,
        error: row.error.clone(),
        contacts: row.contacts,
        matches: row.matches,
        former_subscribers: row.former_subscribers,
        updates_itself: !matches!(
            kind,
            SourceKind::Csv | SourceKind::Manual | SourceKind::Facebook
        ),
        synced_at: row.synced_at.map(time::utc),
        list_id: settings.as_ref().map(|s| s.list_id.clone()),
        key_hint: settings.as_ref().map(|s| s.key_hint.clone()),
        sync_every_hours: settings.as_ref().map(|s| s.every_hours).or_else(|| {
            page.as_ref()
                .filter(|_| kind == SourceKind::Instagram)
                .map(PageSettings::hours)
        }),
        next_sync_at: ours(jobs::status::QUEUED).map(|job| time::utc(job.run_at)),
        progress,
        min_followers: page
            .as_ref()
            .filter(|_| kind == SourceKind::Instagram)
            .map(PageSettings::threshold),
        page: page.as_ref().map(PageSettings::page),
        created_at: time::utc(row.created_at),
    }
}

/// The view of one source, with its live sync jobs.
pub fn view_one(conn: &mut DbConnection, row: &SourceRow) -> ApiResult<Source> {
    let live = jobs::live_on(conn, jobs::kinds::SOURCE_SYNC, &[row.id.to_string()])?;
    Ok(view_with(row, &live))
}

/// The team's sources.
pub fn list(conn: &mut DbConnection, actor: UserId, team: TeamId) -> ApiResult<Vec<Source>> {
    role_in(conn, team, actor)?;
    let rows = sources::list(conn, team)?;
    let subjects: Vec<String> = rows.iter().map(|row| row.id.to_string()).collect();
    let live = jobs::live_on(conn, jobs::kinds::SOURCE_SYNC, &subjects)?;
    Ok(rows.iter().map(|row| view_with(row, &live)).collect())
}

/// One of the team's sources; 404 for anyone else's.
pub fn own_source(conn: &mut DbConnection, actor: UserId, id: SourceId) -> ApiResult<SourceRow> {
    let row = sources::find(conn, id)?.ok_or_else(|| ApiError::not_found("source"))?;
    role_in(conn, row.team_id, actor).map_err(|_| ApiError::not_found("source"))?;
    Ok(row)
}

/// Disconnects a source: its syncs stop, its secrets, contacts and matches are deleted.
pub fn disconnect(
    conn: &mut DbConnection,
    actor: UserId,
    id: SourceId,
    now: chrono::NaiveDateTime,
) -> ApiResult<()> {
    let row = own_source(conn, actor, id)?;
    jobs::cancel(conn, &row.id.to_string(), now)?;
    sources::delete(conn, row.id)?;
    Ok(())
}

/// Who a match is: name, accounts, followers.
struct Person {
    name: String,
    accounts: Vec<AccountSummary>,
}

fn people(
    conn: &mut DbConnection,
    rows: &[MatchRow],
) -> ApiResult<(HashMap<CreatorId, Person>, HashMap<InfluencerId, Person>)> {
    let creator_ids: Vec<CreatorId> = rows.iter().filter_map(|row| row.creator_id).collect();
    let influencer_ids: Vec<InfluencerId> =
        rows.iter().filter_map(|row| row.influencer_id).collect();
    let rows = creators::find_any_of(conn, &creator_ids)?;
    let found = creators::load_many(conn, rows)?;
    let creators = found
        .into_iter()
        .map(|creator| {
            let accounts = creator
                .accounts
                .iter()
                .map(|account| AccountSummary {
                    platform: account.platform,
                    handle: account.handle.clone(),
                    followers: account.followers,
                })
                .collect();
            (
                creator.row.id,
                Person {
                    name: creator.row.display_name.clone(),
                    accounts,
                },
            )
        })
        .collect();
    let names = influencers::names(conn, &influencer_ids)?;
    let mut by_influencer: HashMap<InfluencerId, Person> = names
        .into_iter()
        .map(|(id, name)| {
            (
                id,
                Person {
                    name,
                    accounts: Vec::new(),
                },
            )
        })
        .collect();
    for account in influencers::accounts_of_many(conn, &influencer_ids)? {
        if let Some(person) = by_influencer.get_mut(&account.influencer_id) {
            person.accounts.push(AccountSummary {
                platform: account.platform,
                handle: account.handle,
                followers: account.followers,
            });
        }
    }
    Ok((creators, by_influencer))
}

/// The team's matches, newest first, with who they are and where they come from.
pub fn matches(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
    filter: &MatchFilter,
) -> ApiResult<Vec<SourceMatch>> {
    role_in(conn, team, actor)?;
    let rows = sources::list_matches(conn, team, filter)?;
    match_views(conn, team, &rows)
}

/// The API views of the team's match rows (who they are, the source's name and words).
pub fn match_views(
    conn: &mut DbConnection,
    team: TeamId,
    rows: &[MatchRow],
) -> ApiResult<Vec<SourceMatch>> {
    let (creators, influencers) = people(conn, rows)?;
    let sources: HashMap<SourceId, SourceRow> = sources::list(conn, team)?
        .into_iter()
        .map(|row| (row.id, row))
        .collect();
    Ok(rows
        .iter()
        .filter_map(|row| {
            let person = match (row.creator_id, row.influencer_id) {
                (Some(creator), _) => creators.get(&creator)?,
                (None, Some(influencer)) => influencers.get(&influencer)?,
                (None, None) => return None,
            };
            let source = sources.get(&row.source_id)?;
            Some(SourceMatch {
                id: row.id,
                creator_id: row.creator_id,
                influencer_id: row.influencer_id,
                display_name: person.name.clone(),
                accounts: person.accounts.clone(),
                followers: person.accounts.iter().filter_map(|a| a.followers).max(),
                source_id: source.id,
                source_kind: SourceKind::parse(&source.kind).unwrap_or(SourceKind::Csv),
                source_name: source.name.clone(),
                matched_by: MatchedBy::parse(&row.matched_by).unwrap_or(MatchedBy::Email),
                detail: row.detail.clone(),
                link: row.link.clone(),
                created_at: time::utc(row.created_at),
            })
        })
        .collect())
}

/// Dismisses one of the team's matches (it leaves the Influencers tab).
pub fn dismiss(conn: &mut DbConnection, actor: UserId, id: SourceMatchId) -> ApiResult<()> {
    let row = sources::find_match(conn, id)?.ok_or_else(|| ApiError::not_found("match"))?;
    role_in(conn, row.team_id, actor).map_err(|_| ApiError::not_found("match"))?;
    sources::dismiss(conn, id)?;
    sources::recount_matches(conn, row.source_id)?;
    Ok(())
}
