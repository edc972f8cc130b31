//! Notifications, one row per user told.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rapport_domain::notifications::{Notification, NotificationKind};
use rapport_domain::{
    ConnectionInviteId, ConversationId, CreatorId, InfluencerId, NotificationId, TeamId, UserId,
};

use crate::schema::notifications;
use crate::time::utc;
use crate::DbConnection;

/// A stored notification.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = notifications)]
pub struct NotificationRow {
    /// UUIDv7.
    pub id: NotificationId,
    /// Who is told.
    pub user_id: UserId,
    /// What about.
    pub kind: NotificationKind,
    /// One line saying what happened.
    pub text: String,
    /// The team concerned.
    pub team_id: Option<TeamId>,
    /// The creator concerned.
    pub creator_id: Option<CreatorId>,
    /// The invitation concerned.
    pub invite_id: Option<ConnectionInviteId>,
    /// When it happened.
    pub created_at: NaiveDateTime,
    /// When the user marked it read.
    pub read_at: Option<NaiveDateTime>,
    /// The conversation concerned.
    pub conversation_id: Option<ConversationId>,
    /// The team's influencer concerned.
    pub influencer_id: Option<InfluencerId>,
}

impl NotificationRow {
    /// The API view.
    pub fn to_notification(&self) -> Notification {
        Notification {
            id: self.id,
            kind: self.kind,
            text: self.text.clone(),
            team_id: self.team_id,
            creator_id: self.creator_id,
            invite_id: self.invite_id,
            conversation_id: self.conversation_id,
            influencer_id: self.influencer_id,
            read: self.read_at.is_some(),
            created_at: utc(self.created_at),
        }
    }
}

/// Stores notifications.
pub fn insert(conn: &mut DbConnection, rows: &[NotificationRow]) -> QueryResult<()> {
    for row in rows {
        diesel::insert_into(notifications::table)
            .values(row)
            .execute(conn)?;
        crate::events::emit(
            conn,
            crate::events::Wire::Notification {
                user: row.user_id,
                notification: row.id,
            },
        )?;
    }
    Ok(())
}

/// The user's notifications, newest first, after the notification `after` (an id), at most
/// `limit`.
pub fn list(
    conn: &mut DbConnection,
    user: UserId,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<NotificationRow>> {
    let mut query = notifications::table
        .filter(notifications::user_id.eq(user))
        .select(NotificationRow::as_select())
        .order(notifications::id.desc())
        .limit(limit)
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(notifications::id.lt(after.to_owned()));
    }
    query.load(conn)
}

/// The user's unread notifications.
pub fn unread_count(conn: &mut DbConnection, user: UserId) -> QueryResult<i64> {
    notifications::table
        .filter(notifications::user_id.eq(user))
        .filter(notifications::read_at.is_null())
        .count()
        .get_result(conn)
}

/// Marks one of the user's notifications read; whether it is theirs.
pub fn mark_read(
    conn: &mut DbConnection,
    user: UserId,
    id: NotificationId,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let mine = notifications::table
        .filter(notifications::id.eq(id))
        .filter(notifications::user_id.eq(user));
    if mine.count().get_result::<i64>(conn)? == 0 {
        return Ok(false);
    }
    diesel::update(mine.filter(notifications::read_at.is_null()))
        .set(notifications::read_at.eq(now))
        .execute(conn)?;
    Ok(true)
}

/// Marks all the user's notifications read.
pub fn mark_all_read(
    conn: &mut DbConnection,
    user: UserId,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        notifications::table
            .filter(notifications::user_id.eq(user))
            .filter(notifications::read_at.is_null()),
    )
    .set(notifications::read_at.eq(now))
    .execute(conn)
}

/// The notification with this id.
pub fn find(conn: &mut DbConnection, id: NotificationId) -> QueryResult<Option<NotificationRow>> {
    notifications::table
        .find(id)
        .select(NotificationRow::as_select())
        .first(conn)
        .optional()
}
