//! Reminders that notify: when a reminder falls due its assignee is told once, in the app (a
//! `reminder_due` notification that opens the influencer's page) and by mail unless they turned
//! that off in the team. A `reminder_due` job (subject: the reminder's id) waits for the due time:
//! queued when the reminder is set, moved with its due time, cancelled when it is done or deleted,
//! queued again when it is reopened ([`schedule`]). "Once" rests on the reminder's
//! `notified_for`, set by a conditional update in the transaction that tells (so a job run
//! twice, by one server or two, tells once), and a reminder moved to another time tells again.

use std::time::Duration;

use chrono::NaiveDateTime;
use rapport_domain::notifications::NotificationKind;
use rapport_domain::reminders::{due_notification_text, next_notification};
use rapport_domain::ReminderId;
use rapport_store::jobs::{self, JobRow};
use rapport_store::mail::MailRow;
use rapport_store::reminders::{self, ReminderRow};
use rapport_store::time::utc;
use rapport_store::{memberships, teams, users, DbConnection};

use crate::error::ApiResult;
use crate::jobs::kinds;
use crate::jobs::runner::{JobContext, JobHandler, Outcome, Running};
use crate::mail::templates::{self, ReminderMail};
use crate::notifications::notify::{self, Event};

/// Puts the reminder's job where the reminder says: waiting for its due time while the assignee
/// is still to be told about it, nowhere once it is done or they were told. Called in the
/// transaction that sets or changes the reminder.
pub fn schedule(
    conn: &mut DbConnection,
    reminder: &ReminderRow,
    now: NaiveDateTime,
) -> ApiResult<()> {
    let subject = reminder.id.to_string();
    let next = next_notification(
        utc(reminder.due_at),
        reminder.done_at.is_some(),
        reminder.notified_for.map(utc),
    );
    match next {
        // A reminder's id is the subject of its jobs only.
        None => drop(jobs::cancel(conn, &subject, now)?),
        Some(at) => {
            let at = at.naive_utc();
            let job =
                JobRow::new(kinds::REMINDER_DUE, &subject, at, now).for_team(reminder.team_id);
            let queued = jobs::enqueue(conn, &job)?;
            if queued.run_at != at {
                jobs::run_at(conn, queued.id, at, now)?;
            }
        }
    }
    Ok(())
}

/// Runs `reminder_due` jobs.
pub struct ReminderDue {
    /// Where Rapport is reached (the mail's link).
    pub public_url: String,
}

impl JobHandler for ReminderDue {
    fn kind(&self) -> &'static str {
        kinds::REMINDER_DUE
    }

    fn run<'a>(&'a self, job: &'a JobContext) -> Running<'a> {
        Box::pin(async move {
            let Ok(id) = job.job.subject.parse::<ReminderId>() else {
                return Outcome::Failed(format!("not a reminder id: {}", job.job.subject));
            };
            let public_url = self.public_url.clone();
            match job
                .complete(move |conn, now| tell(conn, &public_url, id, now))
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

/// Tells the reminder's assignee it is due, unless it is gone, done, not due yet or told already.
fn tell(
    conn: &mut DbConnection,
    public_url: &str,
    id: ReminderId,
    now: NaiveDateTime,
) -> ApiResult<()> {
    let Some((row, influencer)) = reminders::find(conn, id)? else {
        return Ok(());
    };
    if row.due_at > now {
        // Moved later while this job was about to run: a job waits for the new time.
        return schedule(conn, &row, now);
    }
    if !reminders::mark_notified(conn, id, now)? {
        return Ok(());
    }
    let text = due_notification_text(&row.text, &influencer);
    let event = Event {
        kind: NotificationKind::ReminderDue,
        text: &text,
        team: row.team_id,
        creator: None,
        invite: None,
        conversation: None,
        influencer: Some(row.influencer_id),
    };
    // The team's webhooks hear of it whoever it is assigned to.
    notify::to_webhooks(conn, &event, now)?;
    // An assignee who left the team is not told about its influencers.
    let Some(settings) = memberships::mail_settings(conn, row.team_id, row.assignee_id)? else {
        return Ok(());
    };
    notify::user(conn, row.assignee_id, &event, now)?;
    if !settings.reminder_email {
        return Ok(());
    }
    let (Some(user), Some(team)) = (
        users::find(conn, row.assignee_id)?,
        teams::find_name(conn, row.team_id)?,
    ) else {
        return Ok(());
    };
    let mail = templates::reminder_due(&ReminderMail {
        assignee: &user.name,
        team: &team,
        influencer: &influencer,
        influencer_id: &row.influencer_id.to_string(),
        text: &row.text,
        due_at: utc(row.due_at),
        public_url,
    });
    rapport_store::mail::enqueue(
        conn,
        &MailRow::new(&user.email, &mail.subject, &mail.text, now),
    )?;
    Ok(())
}
