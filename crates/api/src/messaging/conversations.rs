//! Conversations: opened by a team with one of its influencers (or by a creator with a team
//! they are connected to), listed by each side with the last message and the unread count.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use rapport_domain::connections::TeamSummary;
use rapport_domain::messages::{Channel, Conversation, Side};
use rapport_domain::page::Page;
use rapport_domain::{ConnectionId, ConversationId, CreatorId, InfluencerId, TeamId, UserId};
use rapport_store::conversations::{self, ConversationRow};
use rapport_store::DbConnection;
use rapport_store::{connections, creators, influencers, memberships, new_id, teams, time};

use crate::access::role_in;
use crate::auth::tokens;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::messaging::messages::message_view;
use crate::paging::{parse_time_cursor, time_cursor, PageRequest};

/// A conversation the caller may read, and the side they are on; 404 for anyone else.
pub fn access(
    conn: &mut DbConnection,
    actor: UserId,
    id: ConversationId,
) -> ApiResult<(ConversationRow, Side)> {
    let row = conversations::find(conn, id)?.ok_or_else(|| ApiError::not_found("conversation"))?;
    if memberships::role_of(conn, row.team_id, actor)?.is_some() {
        return Ok((row, Side::Team));
    }
    if let Some(creator) = creators::find_by_user(conn, actor)? {
        let linked = connections::for_influencer(conn, row.team_id, row.influencer_id)?;
        if linked.is_some_and(|link| link.creator_id == creator.id) {
            return Ok((row, Side::Influencer));
        }
    }
    Err(ApiError::not_found("conversation"))
}

/// The conversation's view for `side`.
pub fn view(conn: &mut DbConnection, row: &ConversationRow, side: Side) -> ApiResult<Conversation> {
    views(conn, std::slice::from_ref(row), side)?
        .pop()
        .ok_or_else(|| ApiError::not_found("influencer"))
}

/// The views of conversations for `side`, in their order, in a fixed number of queries
/// (whatever their number); a conversation whose influencer is gone is left out.
pub fn views(
    conn: &mut DbConnection,
    rows: &[ConversationRow],
    side: Side,
) -> ApiResult<Vec<Conversation>> {
    let ids: Vec<ConversationId> = rows.iter().map(|row| row.id).collect();
    let influencer_ids: Vec<InfluencerId> = rows.iter().map(|row| row.influencer_id).collect();
    let mut team_ids: Vec<TeamId> = rows.iter().map(|row| row.team_id).collect();
    team_ids.sort_unstable();
    team_ids.dedup();
    let names = influencers::names(conn, &influencer_ids)?;
    let team_names = teams::names(conn, &team_ids)?;
    let links: HashMap<(TeamId, InfluencerId), CreatorId> =
        connections::for_influencers(conn, &influencer_ids)?
            .into_iter()
            .filter_map(|link| Some(((link.team_id, link.influencer_id?), link.creator_id)))
            .collect();
    let mut last = conversations::last_messages(conn, &ids)?;
    let unread: HashMap<ConversationId, i64> =
        conversations::unread_counts(conn, &ids, side.other())?
            .into_iter()
            .collect();
    Ok(rows
        .iter()
        .filter_map(|row| {
            let influencer_name = names.get(&row.influencer_id)?.clone();
            let creator = links.get(&(row.team_id, row.influencer_id)).copied();
            Some(Conversation {
                id: row.id,
                team: TeamSummary {
                    id: row.team_id,
                    name: team_names.get(&row.team_id).cloned().unwrap_or_default(),
                },
                influencer_id: row.influencer_id,
                influencer_name,
                creator_id: creator,
                channel: if creator.is_some() {
                    Channel::App
                } else {
                    Channel::Email
                },
                last_message: last
                    .remove(&row.id)
                    .map(|message| message_view(row, &message)),
                unread: unread
                    .get(&row.id)
                    .map_or(0, |count| u64::try_from(*count).unwrap_or(0)),
                updated_at: time::utc(row.updated_at),
            })
        })
        .collect())
}

/// The team's conversation with the influencer, made on first use.
fn find_or_open(
    conn: &mut DbConnection,
    team: TeamId,
    influencer: InfluencerId,
    now: NaiveDateTime,
) -> ApiResult<ConversationRow> {
    if let Some(row) = conversations::find_for(conn, team, influencer)? {
        return Ok(row);
    }
    let row = ConversationRow {
        id: new_id(),
        team_id: team,
        influencer_id: influencer,
        reply_token: tokens::generate(),
        team_read_upto: None,
        influencer_read_upto: None,
        creator_mailed_at: None,
        created_at: now,
        updated_at: now,
    };
    match conversations::insert(conn, &row) {
        Ok(()) => Ok(row),
        // Two openings at once: the other one made it.
        Err(error) if rapport_store::is_unique_violation(&error) => {
            conversations::find_for(conn, team, influencer)?
                .ok_or_else(|| ApiError::internal(error))
        }
        Err(error) => Err(error.into()),
    }
}

/// A team member opens the team's conversation with one of its influencers.
pub fn open_for_team(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
    influencer: InfluencerId,
    now: NaiveDateTime,
) -> ApiResult<Conversation> {
    role_in(conn, team, actor)?;
    influencers::find(conn, influencer)?
        .filter(|row| row.team_id == team)
        .ok_or_else(|| ApiError::unknown_reference("influencer_id", "influencer"))?;
    let row = find_or_open(conn, team, influencer, now)?;
    view(conn, &row, Side::Team)
}

/// A creator opens the conversation with a team they are connected to.
pub fn open_for_creator(
    conn: &mut DbConnection,
    actor: UserId,
    connection: ConnectionId,
    now: NaiveDateTime,
) -> ApiResult<Conversation> {
    let creator = creators::find_by_user(conn, actor)?
        .ok_or_else(|| ApiError::not_found("creator profile"))?;
    let link = connections::find(conn, connection)?
        .filter(|link| link.creator_id == creator.id)
        .ok_or_else(|| ApiError::not_found("connection"))?;
    let influencer = link.influencer_id.ok_or_else(|| {
        ApiError::new(
            ErrorCode::NotFound,
            "The team no longer has you among its influencers; it can start the conversation again.",
        )
    })?;
    let row = find_or_open(conn, link.team_id, influencer, now)?;
    view(conn, &row, Side::Influencer)
}

/// The team's conversations, most recently active first.
pub fn list_for_team(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
    paging: &PageRequest,
) -> ApiResult<Page<Conversation>> {
    role_in(conn, team, actor)?;
    let before = paging
        .cursor
        .as_deref()
        .map(parse_time_cursor)
        .transpose()?;
    let rows = conversations::list_for_team(conn, team, before, paging.fetch())?;
    let items = views(conn, &rows, Side::Team)?
        .into_iter()
        .map(|view| (time_cursor(view.updated_at.naive_utc(), view.id), view))
        .collect();
    Ok(paging.page(items))
}

/// The signed-in creator's conversations (with the teams they are connected to), most recently
/// active first.
pub fn list_for_creator(conn: &mut DbConnection, actor: UserId) -> ApiResult<Vec<Conversation>> {
    let creator = creators::find_by_user(conn, actor)?
        .ok_or_else(|| ApiError::not_found("creator profile"))?;
    let links = connections::list(conn, None, Some(creator.id), None, 1_000)?;
    let pairs: Vec<(TeamId, InfluencerId)> = links
        .iter()
        .filter_map(|link| {
            link.influencer_id
                .map(|influencer| (link.team_id, influencer))
        })
        .collect();
    let rows = conversations::list_of_pairs(conn, &pairs)?;
    views(conn, &rows, Side::Influencer)
}
