//! The `overdue_digest` job: once a day, each member who keeps the digest on and has open
//! reminders assigned to them that are overdue gets one mail per team listing them (oldest
//! first); nobody gets a mail when nothing is overdue. One recurring job for the whole server
//! (every 24 hours from the first start), ended in the transaction that queues the mails, so
//! several servers on one database send one digest a day.

use std::time::Duration;

use chrono::NaiveDateTime;
use rapport_domain::{TeamId, UserId};
use rapport_store::jobs::{self, JobRow};
use rapport_store::mail::MailRow;
use rapport_store::reminders::{self, ReminderRow};
use rapport_store::time::utc;
use rapport_store::{teams, users, DbConnection};

use crate::error::ApiResult;
use crate::jobs::kinds;
use crate::jobs::runner::{JobContext, JobHandler, Outcome, Running};
use crate::mail::templates::{self, OverdueLine};

/// The digest job's subject.
pub const SUBJECT: &str = "daily";
/// Seconds between two digests.
pub const EVERY_SECONDS: i64 = 24 * 3_600;

/// Queues the daily digest unless it is queued or running (at start).
pub fn schedule(conn: &mut DbConnection, now: NaiveDateTime) -> ApiResult<()> {
    if jobs::find_live(conn, kinds::OVERDUE_DIGEST, SUBJECT)?.is_none() {
        let first = now + chrono::Duration::seconds(EVERY_SECONDS);
        let job = JobRow::new(kinds::OVERDUE_DIGEST, SUBJECT, first, now).every(EVERY_SECONDS);
        jobs::enqueue(conn, &job)?;
    }
    Ok(())
}

/// Runs `overdue_digest` jobs.
pub struct OverdueDigest {
    /// Where Rapport is reached (the mail's links).
    pub public_url: String,
}

impl JobHandler for OverdueDigest {
    fn kind(&self) -> &'static str {
        kinds::OVERDUE_DIGEST
    }

    fn run<'a>(&'a self, job: &'a JobContext) -> Running<'a> {
        Box::pin(async move {
            let public_url = self.public_url.clone();
            match job
                .complete(move |conn, now| send_digests(conn, &public_url, now))
                .await
            {
                Ok(outcome) => outcome,
                Err(error) => Outcome::Retry {
                    after: Duration::from_secs(60),
                    error: error.to_string(),
                },
            }
        })
    }
}

/// Mails each digest reader their overdue reminders, one mail per team.
fn send_digests(conn: &mut DbConnection, public_url: &str, now: NaiveDateTime) -> ApiResult<()> {
    let overdue = reminders::overdue_for_digest(conn, now)?;
    // Rows come by team and assignee: each run of equal keys is one mail.
    let mut start = 0;
    while start < overdue.len() {
        let key = reader_of(&overdue[start].0);
        let end = overdue[start..]
            .iter()
            .position(|(row, _)| reader_of(row) != key)
            .map_or(overdue.len(), |len| start + len);
        send_one(conn, public_url, key, &overdue[start..end], now)?;
        start = end;
    }
    Ok(())
}

fn reader_of(row: &ReminderRow) -> (TeamId, UserId) {
    (row.team_id, row.assignee_id)
}

fn send_one(
    conn: &mut DbConnection,
    public_url: &str,
    (team, reader): (TeamId, UserId),
    rows: &[(ReminderRow, String)],
    now: NaiveDateTime,
) -> ApiResult<()> {
    let (Some(user), Some(team_name)) = (users::find(conn, reader)?, teams::find_name(conn, team)?)
    else {
        return Ok(());
    };
    let ids: Vec<String> = rows
        .iter()
        .map(|(row, _)| row.influencer_id.to_string())
        .collect();
    let lines: Vec<OverdueLine<'_>> = rows
        .iter()
        .zip(&ids)
        .map(|((row, influencer), id)| OverdueLine {
            influencer,
            influencer_id: id,
            text: &row.text,
            due_at: utc(row.due_at),
        })
        .collect();
    let mail = templates::overdue_digest(&team_name, &lines, public_url);
    rapport_store::mail::enqueue(
        conn,
        &MailRow::new(&user.email, &mail.subject, &mail.text, now),
    )?;
    Ok(())
}
