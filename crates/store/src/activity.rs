//! The activity history of influencers.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rapport_domain::activity::Activity;
use rapport_domain::{InfluencerId, UserId};

use crate::schema::{activities, users};
use crate::time::utc;
use crate::{new_id, parse_id, DbConnection, StoreError};

/// A stored history entry.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = activities)]
pub struct ActivityRow {
    /// UUIDv7.
    pub id: String,
    /// The influencer, for changes to one.
    pub influencer_id: Option<String>,
    /// The board, for changes that show on one.
    pub board_id: Option<String>,
    /// Who did it.
    pub actor_id: Option<String>,
    /// What happened.
    pub kind: String,
    /// Details, JSON.
    pub data: String,
    /// When.
    pub created_at: NaiveDateTime,
}

/// Records that `actor` did `kind` to the influencer and/or on the board.
pub fn record(
    conn: &mut DbConnection,
    influencer: Option<&str>,
    board: Option<&str>,
    actor: UserId,
    kind: &str,
    data: &serde_json::Value,
    now: NaiveDateTime,
) -> QueryResult<()> {
    if let Some(board) = board {
        // Normally taken already (first thing in the transaction); taking it again is free.
        lock_boards(conn, &[board.to_owned()])?;
    }
    diesel::insert_into(activities::table)
        .values(ActivityRow {
            id: new_id().to_string(),
            influencer_id: influencer.map(str::to_owned),
            board_id: board.map(str::to_owned),
            actor_id: Some(actor.to_string()),
            kind: kind.to_owned(),
            data: data.to_string(),
            created_at: now,
        })
        .execute(conn)
        .map(drop)
}

/// The board's revision: its newest change. Every change that shows on a board writes a row
/// tagged with it, so an unchanged revision means an unchanged board. For that, rows must be
/// numbered in the order their transactions commit: on SQLite writers take turns, and ids are
/// time-ordered within the one process; on PostgreSQL writers to one board take turns through
/// [`lock_boards`], and rows are numbered by a sequence, whatever the instances' clocks say.
pub fn board_revision(conn: &mut DbConnection, board: &str) -> QueryResult<Option<String>> {
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
pub fn lock_boards(conn: &mut DbConnection, boards: &[String]) -> QueryResult<()> {
    if let DbConnection::Postgresql(pg) = conn {
        let mut boards: Vec<&String> = boards.iter().collect();
        boards.sort();
        boards.dedup();
        for board in boards {
            diesel::sql_query("SELECT pg_advisory_xact_lock(hashtext($1))")
                .bind::<diesel::sql_types::Text, _>(board)
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
        .filter(activities::influencer_id.eq(Some(influencer.to_string())))
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
                row.id.clone(),
                Activity {
                    id: parse_id(&row.id)?,
                    influencer_id: parse_id(row.influencer_id.as_deref().unwrap_or_default())?,
                    actor_id: row.actor_id.as_deref().map(parse_id).transpose()?,
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
