//! The mail outbox: mails are written in the same transaction as the event that causes them,
//! then a worker claims, sends and marks each one.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rapport_domain::mail::{Mail, MailStatus};
use rapport_domain::MailId;

use crate::jobs::{self, JobRow};
use crate::schema::outbox_mails;
use crate::time::utc;
use crate::{DbConnection, StoreError};

/// A stored mail.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = outbox_mails)]
pub struct MailRow {
    /// UUIDv7; also the mail's Message-ID, so a resend after a crash is recognisable.
    pub id: MailId,
    /// Recipient.
    pub to_address: String,
    /// Subject.
    pub subject: String,
    /// Plain-text body.
    pub body_text: String,
    /// `pending`, `sent` or `failed`.
    pub status: String,
    /// Tries so far.
    pub attempts: i32,
    /// Not to be tried before.
    pub next_attempt_at: NaiveDateTime,
    /// A worker holds it until then.
    pub locked_until: Option<NaiveDateTime>,
    /// Why the last try failed.
    pub last_error: Option<String>,
    /// Queued.
    pub created_at: NaiveDateTime,
    /// Sent.
    pub sent_at: Option<NaiveDateTime>,
    /// The sender's name, before the configured address (a team's name).
    pub from_name: Option<String>,
    /// Where replies go.
    pub reply_to: Option<String>,
}

impl MailRow {
    /// A new pending mail, due now.
    pub fn new(to: &str, subject: &str, body_text: &str, now: NaiveDateTime) -> Self {
        Self {
            id: crate::new_id(),
            to_address: to.to_owned(),
            subject: subject.to_owned(),
            body_text: body_text.to_owned(),
            status: "pending".to_owned(),
            attempts: 0,
            next_attempt_at: now,
            locked_until: None,
            last_error: None,
            created_at: now,
            sent_at: None,
            from_name: None,
            reply_to: None,
        }
    }

    /// The same mail, sent in the name of `name` with replies going to `reply_to`.
    pub fn on_behalf_of(mut self, name: &str, reply_to: &str) -> Self {
        self.from_name = Some(name.to_owned());
        self.reply_to = Some(reply_to.to_owned());
        self
    }

    /// The API view of the mail.
    pub fn to_mail(&self) -> Result<Mail, StoreError> {
        let status = match self.status.as_str() {
            "pending" => MailStatus::Pending,
            "sent" => MailStatus::Sent,
            "failed" => MailStatus::Failed,
            other => return Err(StoreError::Corrupt(format!("mail status {other:?}"))),
        };
        Ok(Mail {
            id: self.id,
            to: self.to_address.clone(),
            subject: self.subject.clone(),
            text: self.body_text.clone(),
            status,
            attempts: self.attempts,
            created_at: utc(self.created_at),
            sent_at: self.sent_at.map(utc),
            from_name: self.from_name.clone(),
            reply_to: self.reply_to.clone(),
        })
    }
}

/// Queues a mail, and the job that sends it.
pub fn enqueue(conn: &mut DbConnection, row: &MailRow) -> QueryResult<()> {
    diesel::insert_into(outbox_mails::table)
        .values(row)
        .execute(conn)?;
    let job = JobRow::new(
        jobs::kinds::MAIL,
        &row.id.to_string(),
        row.next_attempt_at,
        row.created_at,
    );
    jobs::enqueue(conn, &job).map(drop)
}

/// Records a successful send.
pub fn mark_sent(conn: &mut DbConnection, id: MailId, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(outbox_mails::table.find(id))
        .set((
            outbox_mails::status.eq("sent"),
            outbox_mails::sent_at.eq(now),
            outbox_mails::attempts.eq(outbox_mails::attempts + 1),
            outbox_mails::locked_until.eq(None::<NaiveDateTime>),
            outbox_mails::last_error.eq(None::<String>),
        ))
        .execute(conn)
}

/// Records a failed try to be retried at `retry_at`.
pub fn mark_retry(
    conn: &mut DbConnection,
    id: MailId,
    error: &str,
    retry_at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(outbox_mails::table.find(id))
        .set((
            outbox_mails::attempts.eq(outbox_mails::attempts + 1),
            outbox_mails::locked_until.eq(None::<NaiveDateTime>),
            outbox_mails::last_error.eq(Some(error)),
            outbox_mails::next_attempt_at.eq(retry_at),
        ))
        .execute(conn)
}

/// Records a try that failed for good (a permanent refusal, or the last allowed try).
pub fn mark_failed(conn: &mut DbConnection, id: MailId, error: &str) -> QueryResult<usize> {
    diesel::update(outbox_mails::table.find(id))
        .set((
            outbox_mails::status.eq("failed"),
            outbox_mails::attempts.eq(outbox_mails::attempts + 1),
            outbox_mails::locked_until.eq(None::<NaiveDateTime>),
            outbox_mails::last_error.eq(Some(error)),
        ))
        .execute(conn)
}

/// Mails newest first, optionally only those to `to`, before the mail `before` (a cursor).
pub fn list(
    conn: &mut DbConnection,
    to: Option<&str>,
    before: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<MailRow>> {
    let mut query = outbox_mails::table
        .select(MailRow::as_select())
        .order(outbox_mails::id.desc())
        .limit(limit)
        .into_boxed();
    if let Some(to) = to {
        query = query.filter(outbox_mails::to_address.eq(to.to_owned()));
    }
    if let Some(before) = before {
        query = query.filter(outbox_mails::id.lt(before.to_owned()));
    }
    query.load(conn)
}

/// The mail with this id.
pub fn find(conn: &mut DbConnection, id: MailId) -> QueryResult<Option<MailRow>> {
    outbox_mails::table
        .find(id)
        .select(MailRow::as_select())
        .first(conn)
        .optional()
}

/// How many mails of the outbox are in each status (`pending`, `sent`, `failed`), for the
/// metrics.
pub fn count_by_status(conn: &mut DbConnection) -> QueryResult<Vec<(String, i64)>> {
    outbox_mails::table
        .group_by(outbox_mails::status)
        .select((outbox_mails::status, diesel::dsl::count_star()))
        .order(outbox_mails::status.asc())
        .load(conn)
}
