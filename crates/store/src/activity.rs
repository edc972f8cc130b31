//! The activity history of influencers.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rapport_domain::activity::{Activity, ActivityKind, Change};
use rapport_domain::{ActivityId, BoardId, InfluencerId, UserId};

use crate::schema::{activities, users};
use crate::time::utc;
use crate::{new_id, DbConnection, StoreError};

/// A stored history entry.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = activities)]
pub struct ActivityRow {
    /// UUIDv7.
    pub id: ActivityId,
    /// The influencer, for changes to one.
    pub influencer_id: Option<InfluencerId>,
    /// The board, for changes that show on one.
    pub board_id: Option<BoardId>,
    /// Who did it.
    pub actor_id: Option<UserId>,
    /// What happened.
    pub kind: ActivityKind,
    /// Details, JSON.
    pub data: String,
    /// When.
    pub created_at: NaiveDateTime,
}

/// Records that `actor` made `change` to the influencer and/or on the board.
pub fn record(
    conn: &mut DbConnection,
    influencer: Option<InfluencerId>,
    board: Option<BoardId>,
    actor: UserId,
    change: Change,
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    let (kind, data) = change
        .into_parts()
        .map_err(|error| StoreError::Corrupt(format!("activity payload: {error}")))?;
    if let Some(board) = board {
        // Normally taken already (first thing in the transaction); taking it again is free.
        lock_boards(conn, &[board])?;
        crate::events::emit(conn, crate::events::Wire::Board { board })?;
    }
    crate::webhooks::on_activity(conn, influencer, board, actor, (kind, &data), now)?;
    diesel::insert_into(activities::table)
        .values(ActivityRow {
            id: new_id(),
            influencer_id: influencer,
            board_id: board,
            actor_id: Some(actor),
            kind,
            data: data.to_string(),
            created_at: now,
        })
        .execute(conn)?;
    Ok(())
}

/// The board's revision: its newest change. Every change that shows on a board writes a row
/// tagged with it, so an unchanged revision means an unchanged board. For that, rows must be
/// numbered in the order their transactions commit: on SQLite writers take turns, and ids are
/// time-ordered within the one process; on PostgreSQL writers to one board take turns through
/// [`lock_boards`], and rows are numbered by a sequence, whatever the instances' clocks say.
pub fn board_revision(conn: &mut DbConnection, board: BoardId) -> QueryResult<Option<String>> {
    if let DbConnection::Postgresql(_) = conn {
        let seq: Option<i64> = activities::table
            .filter(activities::board_id.eq(board))
            .select(diesel::dsl::max(activities::seq))
            .first(conn)?;
        return Ok(seq.map(|seq| seq.to_string()));
    }
    activities::table
        .filter(activities::board_id.eq(board))
        .select(diesel::dsl::max(activities::id))
        .first(conn)
}

/// Makes the writers to these boards take turns until the end of the transaction (PostgreSQL; on
/// SQLite writers take turns anyway). Taken in a fixed order, first thing in a transaction, so
/// two transactions never wait for each other's board.
pub fn lock_boards(conn: &mut DbConnection, boards: &[BoardId]) -> QueryResult<()> {
    if let DbConnection::Postgresql(pg) = conn {
        let mut boards = boards.to_vec();
        boards.sort();
        boards.dedup();
        for board in boards {
            diesel::sql_query("SELECT pg_advisory_xact_lock(hashtext($1))")
                .bind::<diesel::sql_types::Text, _>(board.to_string())
                .execute(pg)?;
        }
    }
    Ok(())
}

/// The influencer's history, newest first, before the cursor.
pub fn list(
    conn: &mut DbConnection,
    influencer: InfluencerId,
    before: Option<&str>,
    limit: i64,
) -> Result<Vec<(String, Activity)>, StoreError> {
    let mut query = activities::table
        .left_join(users::table.on(activities::actor_id.eq(users::id.nullable())))
        .filter(activities::influencer_id.eq(influencer))
        .select((ActivityRow::as_select(), users::name.nullable()))
        .order(activities::id.desc())
        .limit(limit)
        .into_boxed();
    if let Some(before) = before {
        query = query.filter(activities::id.lt(before.to_owned()));
    }
    let rows: Vec<(ActivityRow, Option<String>)> = query.load(conn)?;
    rows.into_iter()
        .map(|(row, actor_name)| {
            Ok((
                row.id.to_string(),
                Activity {
                    id: row.id,
                    influencer_id: influencer,
                    actor_id: row.actor_id,
                    actor_name,
                    kind: row.kind,
                    data: serde_json::from_str(&row.data)
                        .map_err(|_| StoreError::Corrupt("activity data".into()))?,
                    created_at: utc(row.created_at),
                },
            ))
        })
        .collect()
}
