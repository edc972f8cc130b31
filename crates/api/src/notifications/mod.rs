//! A user's notifications: newest first with the unread count (the bell), and read markers;
//! [`notify`] makes them.

pub mod notify;
pub mod settings;

use chrono::NaiveDateTime;
use rapport_domain::notifications::NotificationPage;
use rapport_domain::{NotificationId, UserId};
use rapport_store::{notifications, DbConnection};

use crate::error::{ApiError, ApiResult};
use crate::paging::PageRequest;

/// The caller's notifications, newest first, and how many are unread.
pub fn list(
    conn: &mut DbConnection,
    actor: UserId,
    paging: &PageRequest,
) -> ApiResult<NotificationPage> {
    let rows = notifications::list(conn, actor, paging.cursor.as_deref(), paging.fetch())?;
    let page = paging.page(
        rows.iter()
            .map(|row| (row.id, row.to_notification()))
            .collect(),
    );
    let unread = notifications::unread_count(conn, actor)?;
    Ok(NotificationPage {
        items: page.items,
        next_cursor: page.next_cursor,
        unread: u64::try_from(unread).unwrap_or(0),
    })
}

/// Marks one of the caller's notifications read (again is fine); 404 for anyone else's.
pub fn mark_read(
    conn: &mut DbConnection,
    actor: UserId,
    id: NotificationId,
    now: NaiveDateTime,
) -> ApiResult<()> {
    if notifications::mark_read(conn, actor, id, now)? {
        Ok(())
    } else {
        Err(ApiError::not_found("notification"))
    }
}

/// Marks all the caller's notifications read.
pub fn mark_all_read(conn: &mut DbConnection, actor: UserId, now: NaiveDateTime) -> ApiResult<()> {
    notifications::mark_all_read(conn, actor, now)?;
    Ok(())
}
