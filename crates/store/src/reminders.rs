//! Reminders on influencers.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use rapport_domain::{InfluencerId, ReminderId, TeamId, UserId};

use crate::schema::{influencers, reminders};
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
