//! Reminders on influencers: setting, listing by due time (an influencer's, or the team's), changing,
//! marking done and deleting. Each keeps its `reminder_due` job in step
//! ([`crate::crm::reminder_due::schedule`]), in the same transaction.

use chrono::{DateTime, NaiveDateTime, SubsecRound, Utc};
use rapport_domain::activity::Change;
use rapport_domain::page::Page;
use rapport_domain::reminders::{Reminder, UpdateReminder};
use rapport_domain::{InfluencerId, ReminderId, TeamId, UserId};
use rapport_store::reminders::{self, ReminderChanges, ReminderFilter, ReminderRow};
use rapport_store::time::utc;
use rapport_store::{jobs, memberships, new_id, time, DbConnection};

use crate::access::{influencer_for, role_in};
use crate::crm::{history, reminder_due};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::paging::PageRequest;

fn to_reminder((row, influencer_name): (ReminderRow, String)) -> Reminder {
    Reminder {
        id: row.id,
        influencer_id: row.influencer_id,
        influencer_name,
        text: row.text,
        due_at: utc(row.due_at),
        assignee_id: row.assignee_id,
        created_by: row.created_by,
        done_at: row.done_at.map(utc),
        created_at: utc(row.created_at),
        updated_at: utc(row.updated_at),
    }
}

fn check_assignee(conn: &mut DbConnection, team: TeamId, assignee: UserId) -> ApiResult<()> {
    memberships::role_of(conn, team, assignee)?
        .map(drop)
        .ok_or_else(|| ApiError::unknown_reference("assignee_id", "member"))
}

/// Times are kept to the microsecond, as both databases store them.
fn stored_time(at: DateTime<Utc>) -> NaiveDateTime {
    at.naive_utc().trunc_subsecs(6)
}

/// A cursor in due order: the due time in microseconds and the id.
fn cursor_of(row: &ReminderRow) -> String {
    format!("{}_{}", row.due_at.and_utc().timestamp_micros(), row.id)
}

fn parse_cursor(cursor: &str) -> ApiResult<(NaiveDateTime, String)> {
    cursor
        .split_once('_')
        .and_then(|(due, id)| {
            let micros = due.parse::<i64>().ok()?;
            let due = DateTime::from_timestamp_micros(micros)?.naive_utc();
            Some((due, id.to_owned()))
        })
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::InvalidParameter,
                "cursor is not one this API returned",
            )
        })
}

fn page(
    conn: &mut DbConnection,
    mut filter: ReminderFilter,
    paging: &PageRequest,
) -> ApiResult<Page<Reminder>> {
    filter.after = paging.cursor.as_deref().map(parse_cursor).transpose()?;
    filter.limit = paging.fetch();
    let keyed = reminders::list(conn, &filter)?
        .into_iter()
        .map(|row| (cursor_of(&row.0), to_reminder(row)))
        .collect();
    Ok(paging.page(keyed))
}

/// The influencer's reminders (open and done) by due time.
pub fn list_of_influencer(
    conn: &mut DbConnection,
    actor: UserId,
    influencer: InfluencerId,
    paging: &PageRequest,
) -> ApiResult<Page<Reminder>> {
    let (row, _) = influencer_for(conn, influencer, actor)?;
    let filter = ReminderFilter {
        team_id: row.team_id,
        influencer_id: Some(row.id),
        assignee_id: None,
        done: None,
        after: None,
        limit: 0,
    };
    page(conn, filter, paging)
}

/// The team's reminders by due time: open, done or both (`done`), optionally only the caller's.
pub fn list_of_team(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
    mine: bool,
    done: Option<bool>,
    paging: &PageRequest,
) -> ApiResult<Page<Reminder>> {
    role_in(conn, team, actor)?;
    let filter = ReminderFilter {
        team_id: team,
        influencer_id: None,
        assignee_id: mine.then_some(actor),
        done,
        after: None,
        limit: 0,
    };
    page(conn, filter, paging)
}

/// Sets a reminder on an influencer for a member of the team (default: the caller).
pub fn create(
    conn: &mut DbConnection,
    actor: UserId,
    influencer: InfluencerId,
    text: String,
    due_at: DateTime<Utc>,
    assignee: Option<UserId>,
) -> ApiResult<Reminder> {
    let (influencer, _) = influencer_for(conn, influencer, actor)?;
    let assignee = assignee.unwrap_or(actor);
    check_assignee(conn, influencer.team_id, assignee)?;
    let now = time::now();
    let row = ReminderRow {
        id: new_id(),
        team_id: influencer.team_id,
        influencer_id: influencer.id,
        text,
        due_at: stored_time(due_at),
        assignee_id: assignee,
        created_by: actor,
        done_at: None,
        created_at: now,
        updated_at: now,
        notified_for: None,
    };
    reminders::insert(conn, &row)?;
    reminder_due::schedule(conn, &row, now)?;
    history::record(
        conn,
        influencer.id,
        actor,
        Change::ReminderAdded {
            id: row.id,
            text: row.text.clone(),
            due_at: utc(row.due_at),
            assignee_id: row.assignee_id,
        },
    )?;
    Ok(to_reminder((row, influencer.display_name)))
}

/// The reminder, if the caller's team owns it.
fn reminder_for(conn: &mut DbConnection, id: ReminderId, user: UserId) -> ApiResult<ReminderRow> {
    let (row, _) = reminders::find(conn, id)?.ok_or_else(|| ApiError::not_found("reminder"))?;
    memberships::role_of(conn, row.team_id, user)?
        .ok_or_else(|| ApiError::not_found("reminder"))?;
    Ok(row)
}

/// Changes text, due time or assignee, or marks it done or open again (`text`: the checked text).
pub fn update(
    conn: &mut DbConnection,
    actor: UserId,
    id: ReminderId,
    text: Option<String>,
    request: &UpdateReminder,
) -> ApiResult<Reminder> {
    let row = reminder_for(conn, id, actor)?;
    if let Some(assignee) = request.assignee_id {
        check_assignee(conn, row.team_id, assignee)?;
    }
    let now = time::now();
    let done_change = match (request.done, row.done_at) {
        (Some(true), None) => Some(Some(now)),
        (Some(false), Some(_)) => Some(None),
        _ => None,
    };
    let changes = ReminderChanges {
        text,
        due_at: request.due_at.map(stored_time),
        assignee_id: request.assignee_id,
        done_at: done_change,
        updated_at: Some(now),
    };
    reminders::update(conn, row.id, &changes)?;
    let updated = reminders::find(conn, row.id)?.ok_or_else(|| ApiError::not_found("reminder"))?;
    if changes.due_at.is_some() || done_change.is_some() {
        reminder_due::schedule(conn, &updated.0, now)?;
    }
    let change = match done_change {
        Some(Some(_)) => Change::ReminderDone { id: row.id },
        Some(None) => Change::ReminderReopened { id: row.id },
        None => Change::ReminderUpdated { id: row.id },
    };
    history::record(conn, row.influencer_id, actor, change)?;
    Ok(to_reminder(updated))
}

/// Deletes a reminder.
pub fn delete(conn: &mut DbConnection, actor: UserId, id: ReminderId) -> ApiResult<()> {
    let row = reminder_for(conn, id, actor)?;
    reminders::delete(conn, row.id)?;
    jobs::cancel(conn, &row.id.to_string(), time::now())?;
    history::record(
        conn,
        row.influencer_id,
        actor,
        Change::ReminderDeleted {
            id: row.id,
            text: row.text,
        },
    )?;
    Ok(())
}
