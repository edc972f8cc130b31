//! Reminders on influencers, and what their notifications need: a guarded "told" marker and the
//! overdue reminders of the members who keep the daily digest.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use rapport_domain::{InfluencerId, ReminderId, TeamId, UserId};

use crate::schema::{influencers, memberships, reminders};
use crate::DbConnection;

/// A stored reminder.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = reminders)]
pub struct ReminderRow {
    /// UUIDv7.
    pub id: ReminderId,
    /// The team (for "the team's reminders").
    pub team_id: TeamId,
    /// The influencer.
    pub influencer_id: InfluencerId,
    /// What to do.
    pub text: String,
    /// When.
    pub due_at: NaiveDateTime,
    /// Who should do it.
    pub assignee_id: UserId,
    /// Who set it.
    pub created_by: UserId,
    /// Marked done.
    pub done_at: Option<NaiveDateTime>,
    /// Set.
    pub created_at: NaiveDateTime,
    /// Last changed.
    pub updated_at: NaiveDateTime,
    /// The due time its assignee was told about (`None`: not told yet); a reminder moved to
    /// another time is told again.
    pub notified_for: Option<NaiveDateTime>,
}

/// Stores a reminder.
pub fn insert(conn: &mut DbConnection, row: &ReminderRow) -> QueryResult<()> {
    diesel::insert_into(reminders::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// The reminder with this id and its influencer's name.
pub fn find(conn: &mut DbConnection, id: ReminderId) -> QueryResult<Option<(ReminderRow, String)>> {
    reminders::table
        .inner_join(influencers::table)
        .filter(reminders::id.eq(id))
        .select((ReminderRow::as_select(), influencers::display_name))
        .first(conn)
        .optional()
}

/// Changes to a reminder; `None` leaves a field.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = reminders)]
pub struct ReminderChanges {
    /// New text.
    pub text: Option<String>,
    /// New due time.
    pub due_at: Option<NaiveDateTime>,
    /// New assignee.
    pub assignee_id: Option<UserId>,
    /// Done (`Some(Some(t))`) or open again (`Some(None)`).
    pub done_at: Option<Option<NaiveDateTime>>,
    /// Now.
    pub updated_at: Option<NaiveDateTime>,
}

/// Applies changes.
pub fn update(
    conn: &mut DbConnection,
    id: ReminderId,
    changes: &ReminderChanges,
) -> QueryResult<usize> {
    diesel::update(reminders::table.find(id))
        .set(changes)
        .execute(conn)
}

/// Deletes a reminder.
pub fn delete(conn: &mut DbConnection, id: ReminderId) -> QueryResult<usize> {
    diesel::delete(reminders::table.find(id)).execute(conn)
}

/// Which reminders to list, in due order.
pub struct ReminderFilter {
    /// Of this team.
    pub team_id: TeamId,
    /// Of this influencer only.
    pub influencer_id: Option<InfluencerId>,
    /// Assigned to this user only.
    pub assignee_id: Option<UserId>,
    /// `Some(false)`: open only; `Some(true)`: done only; `None`: all.
    pub done: Option<bool>,
    /// After this `(due_at, id)` position.
    pub after: Option<(NaiveDateTime, String)>,
    /// Page size.
    pub limit: i64,
}

/// Reminders by due time (then id), with their influencer's name.
pub fn list(
    conn: &mut DbConnection,
    filter: &ReminderFilter,
) -> QueryResult<Vec<(ReminderRow, String)>> {
    let mut query = reminders::table
        .inner_join(influencers::table)
        .filter(reminders::team_id.eq(filter.team_id))
        .select((ReminderRow::as_select(), influencers::display_name))
        .order((reminders::due_at, reminders::id))
        .limit(filter.limit)
        .into_boxed();
    if let Some(influencer) = filter.influencer_id {
        query = query.filter(reminders::influencer_id.eq(influencer));
    }
    if let Some(assignee) = filter.assignee_id {
        query = query.filter(reminders::assignee_id.eq(assignee));
    }
    match filter.done {
        Some(true) => query = query.filter(reminders::done_at.is_not_null()),
        Some(false) => query = query.filter(reminders::done_at.is_null()),
        None => {}
    }
    if let Some((due, id)) = &filter.after {
        query = query.filter(
            reminders::due_at
                .gt(*due)
                .or(reminders::due_at.eq(*due).and(reminders::id.gt(id.clone()))),
        );
    }
    query.load(conn)
}

/// Marks the reminder told about its due time, if it is open, due by `now` and not told about
/// that time yet; answers whether it was (then the caller tells its assignee, in the same
/// transaction). The condition is checked by the update itself, so of two transactions that try
/// at once only one marks it (PostgreSQL makes the second wait for the first and check again).
pub fn mark_notified(
    conn: &mut DbConnection,
    id: ReminderId,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let marked = diesel::update(
        reminders::table
            .filter(reminders::id.eq(id))
            .filter(reminders::done_at.is_null())
            .filter(reminders::due_at.le(now))
            .filter(
                reminders::notified_for
                    .is_null()
                    .or(reminders::notified_for.ne(reminders::due_at.nullable())),
            ),
    )
    .set(reminders::notified_for.eq(reminders::due_at.nullable()))
    .execute(conn)?;
    Ok(marked == 1)
}

/// The open reminders due by `now` whose assignees keep the daily digest of overdue reminders on
/// in the reminder's team, with their influencer's name: by team, assignee and due time.
pub fn overdue_for_digest(
    conn: &mut DbConnection,
    now: NaiveDateTime,
) -> QueryResult<Vec<(ReminderRow, String)>> {
    reminders::table
        .inner_join(influencers::table)
        .inner_join(
            memberships::table.on(memberships::team_id
                .eq(reminders::team_id)
                .and(memberships::user_id.eq(reminders::assignee_id))),
        )
        .filter(reminders::done_at.is_null())
        .filter(reminders::due_at.le(now))
        .filter(memberships::overdue_digest.eq(true))
        .select((ReminderRow::as_select(), influencers::display_name))
        .order((
            reminders::team_id,
            reminders::assignee_id,
            reminders::due_at,
            reminders::id,
        ))
        .load(conn)
}
