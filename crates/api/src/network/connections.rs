//! Connections: made when a creator accepts, listed by both sides, ended by either. A connected
//! creator is one of the team's influencers (boards, notes, labels and reminders work on them).

use chrono::NaiveDateTime;
use rapport_domain::activity::{AccountRef, Change};
use rapport_domain::connections::{CreatorConnection, TeamConnection, TeamSummary};
use rapport_domain::notifications::NotificationKind;
use rapport_domain::page::Page;
use rapport_domain::profiles::ProfileRef;
use rapport_domain::{ConnectionId, CreatorId, InfluencerId, TeamId, UserId};
use rapport_store::connection_invites::ConnectionInviteRow;
use rapport_store::connections::{self, ConnectionRow};
use rapport_store::creators::{self, StoredCreator};
use rapport_store::influencers::{self, InfluencerRow};
use rapport_store::{activity, new_id, teams, time, users, DbConnection};

use crate::access::role_in;
use crate::crm::influencers::account_row;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::network::lookups::Lookups;
use crate::notifications::notify::{self, Event};
use crate::paging::PageRequest;

/// The team's influencer for the creator: the one holding one of the creator's accounts, or a
/// new one (named as the creator, with their e-mail address and their accounts).
fn link_influencer(
    conn: &mut DbConnection,
    team: TeamId,
    creator: &StoredCreator,
    email: &str,
    actor: UserId,
    now: NaiveDateTime,
) -> ApiResult<InfluencerId> {
    for account in &creator.accounts {
        if let Some(held) =
            influencers::find_account(conn, team, account.platform, &account.handle_key)?
        {
            return Ok(held.influencer_id);
        }
    }
    let mut row = InfluencerRow::new(team, &creator.row.display_name, now);
    row.email = Some(email.to_owned());
    influencers::insert(conn, &row)?;
    for account in &creator.accounts {
        let profile = ProfileRef {
            platform: account.platform,
            handle: account.handle.clone(),
            key: account.handle_key.clone(),
        };
        let mut stored = account_row(team, row.id, &profile, now);
        stored.followers = account.followers;
        stored.engagement_rate = account.engagement_rate;
        influencers::insert_account(conn, &stored)?;
    }
    if let Some(first) = creator.accounts.first() {
        activity::record(
            conn,
            Some(row.id),
            None,
            actor,
            Change::InfluencerCreated {
                display_name: row.display_name.clone(),
                account: AccountRef {
                    platform: first.platform,
                    handle: first.handle.clone(),
                },
            },
            now,
        )?;
    }
    Ok(row.id)
}

/// Connects the team and the creator of an accepted invitation.
pub fn connect(
    conn: &mut DbConnection,
    invite: &ConnectionInviteRow,
    now: NaiveDateTime,
) -> ApiResult<CreatorConnection> {
    let creator =
        creators::find(conn, invite.creator_id)?.ok_or_else(|| ApiError::not_found("creator"))?;
    let user = users::find(conn, creator.user_id)?.ok_or_else(|| ApiError::not_found("creator"))?;
    let stored = creators::load(conn, creator)?;
    let influencer = link_influencer(conn, invite.team_id, &stored, &user.email, user.id, now)?;
    let row = ConnectionRow {
        id: new_id(),
        team_id: invite.team_id,
        creator_id: invite.creator_id,
        influencer_id: Some(influencer),
        created_at: now,
    };
    connections::insert(conn, &row).map_err(|e| {
        ApiError::on_unique_violation(e, || {
            ApiError::new(
                ErrorCode::AlreadyConnected,
                "The team and this creator are connected already.",
            )
        })
    })?;
    creator_view(conn, &row)
}

fn creator_view(conn: &mut DbConnection, row: &ConnectionRow) -> ApiResult<CreatorConnection> {
    creator_views(conn, std::slice::from_ref(row))?
        .pop()
        .ok_or_else(|| ApiError::not_found("connection"))
}

/// Connections as their creator sees them (the teams' names read at once).
fn creator_views(
    conn: &mut DbConnection,
    rows: &[ConnectionRow],
) -> ApiResult<Vec<CreatorConnection>> {
    let teams: Vec<TeamId> = rows.iter().map(|row| row.team_id).collect();
    let names = Lookups::read(conn, &[], &[], &teams)?;
    Ok(rows
        .iter()
        .map(|row| CreatorConnection {
            id: row.id,
            team: TeamSummary {
                id: row.team_id,
                name: names.team_name(row.team_id),
            },
            created_at: time::utc(row.created_at),
        })
        .collect())
}

/// Connections as the team sees them (the creators and their addresses read at once).
fn team_views(conn: &mut DbConnection, rows: &[ConnectionRow]) -> ApiResult<Vec<TeamConnection>> {
    let creators: Vec<CreatorId> = rows.iter().map(|row| row.creator_id).collect();
    let found = Lookups::read(conn, &creators, &[], &[])?;
    Ok(rows
        .iter()
        .filter_map(|row| {
            let creator = found.creator(row.creator_id)?;
            Some(TeamConnection {
                id: row.id,
                creator: creator.to_public(),
                email: found.user_email(creator.row.user_id),
                influencer_id: row.influencer_id,
                created_at: time::utc(row.created_at),
            })
        })
        .collect())
}

/// The team's connections, newest first (hidden creators too: a connection outlives hiding).
pub fn list_for_team(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
    paging: &PageRequest,
) -> ApiResult<Page<TeamConnection>> {
    role_in(conn, team, actor)?;
    let rows = connections::list(
        conn,
        Some(team),
        None,
        paging.cursor.as_deref(),
        paging.fetch(),
    )?;
    let items = team_views(conn, &rows)?
        .into_iter()
        .map(|view| (view.id, view))
        .collect();
    Ok(paging.page(items))
}

/// The signed-in creator's connections, newest first.
pub fn list_for_creator(
    conn: &mut DbConnection,
    actor: UserId,
    paging: &PageRequest,
) -> ApiResult<Page<CreatorConnection>> {
    let creator = creators::find_by_user(conn, actor)?
        .ok_or_else(|| ApiError::not_found("creator profile"))?;
    let rows = connections::list(
        conn,
        None,
        Some(creator.id),
        paging.cursor.as_deref(),
        paging.fetch(),
    )?;
    let items = creator_views(conn, &rows)?
        .into_iter()
        .map(|view| (view.id, view))
        .collect();
    Ok(paging.page(items))
}

/// The team ends one of its connections (any member); the creator is told. The influencer stays
/// with the team's notes and boards.
pub fn end_by_team(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
    id: ConnectionId,
    now: NaiveDateTime,
) -> ApiResult<()> {
    role_in(conn, team, actor)?;
    let row = connections::find(conn, id)?
        .filter(|row| row.team_id == team)
        .ok_or_else(|| ApiError::not_found("connection"))?;
    if connections::delete(conn, row.id)? == 0 {
        return Err(ApiError::not_found("connection"));
    }
    let creator =
        creators::find(conn, row.creator_id)?.ok_or_else(|| ApiError::not_found("creator"))?;
    let team_name = teams::find_name(conn, team)?.unwrap_or_default();
    notify::user(
        conn,
        creator.user_id,
        &Event {
            kind: NotificationKind::ConnectionEnded,
            text: &format!("{team_name} ended the connection"),
            team,
            creator: Some(creator.id),
            invite: None,
            conversation: None,
            influencer: None,
        },
        now,
    )
}

/// The signed-in creator ends one of their connections; the team is told.
pub fn end_by_creator(
    conn: &mut DbConnection,
    actor: UserId,
    id: ConnectionId,
    now: NaiveDateTime,
) -> ApiResult<()> {
    let creator = creators::find_by_user(conn, actor)?
        .ok_or_else(|| ApiError::not_found("creator profile"))?;
    let row = connections::find(conn, id)?
        .filter(|row| row.creator_id == creator.id)
        .ok_or_else(|| ApiError::not_found("connection"))?;
    if connections::delete(conn, row.id)? == 0 {
        return Err(ApiError::not_found("connection"));
    }
    notify::team(
        conn,
        &Event {
            kind: NotificationKind::ConnectionEnded,
            text: &format!("{} ended the connection", creator.display_name),
            team: row.team_id,
            creator: Some(creator.id),
            invite: None,
            conversation: None,
            influencer: None,
        },
        now,
    )
}
