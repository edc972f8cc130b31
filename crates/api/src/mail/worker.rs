//! Delivers the outbox: each mail has a job (kind `mail`, queued in the transaction that writes
//! the mail), which the job runner claims with a lease; the mail is sent, then marked; failures
//! are retried with exponential backoff. After a crash mid-send the lease runs out and the mail
//! is sent again with the same `Message-ID`, so it is never lost and never silently duplicated.

use std::time::Duration;

use rapport_domain::MailId;
use rapport_integrations::smtp::{OutgoingMail, SendError, SmtpMailer};
use rapport_store::mail::{self, MailRow};

use crate::jobs::kinds;
use crate::jobs::runner::{JobContext, JobHandler, Outcome, Running};

/// Longest wait between two retries.
const MAX_BACKOFF: Duration = Duration::from_secs(6 * 3600);

/// Where mail goes.
pub enum Transport {
    /// A real SMTP server.
    Smtp(SmtpMailer),
    /// Dev mode: mail is logged and kept for `GET /api/v1/dev/mailbox`.
    DevMailbox,
    /// Production without SMTP: mail stays queued until an SMTP server is configured.
    Hold,
}

/// Retry settings.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    /// Wait before the first retry; doubles each time.
    pub base: Duration,
    /// Tries before giving up.
    pub max_attempts: u32,
}

impl RetryPolicy {
    /// The wait after `attempts` failed tries.
    pub fn backoff(&self, attempts: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempts.saturating_sub(1).min(20));
        self.base.saturating_mul(factor).min(MAX_BACKOFF)
    }
}

/// Sends the outbox's mails (the handler of `mail` jobs).
pub struct MailSender {
    /// Where mail goes.
    pub transport: Transport,
    /// Retry settings.
    pub policy: RetryPolicy,
}

impl JobHandler for MailSender {
    fn kind(&self) -> &'static str {
        kinds::MAIL
    }

    fn run<'a>(&'a self, job: &'a JobContext) -> Running<'a> {
        Box::pin(self.deliver(job))
    }
}

impl MailSender {
    async fn deliver(&self, job: &JobContext) -> Outcome {
        let Ok(id) = job.job.subject.parse::<MailId>() else {
            return Outcome::Failed(format!("{:?} names no mail", job.job.subject));
        };
        let row = match job.db.run(move |conn| Ok(mail::find(conn, id)?)).await {
            Ok(Some(row)) if row.status == "pending" => row,
            Ok(_) => return Outcome::Done,
            Err(error) => {
                return Outcome::Retry {
                    after: self.policy.base,
                    error: error.to_string(),
                }
            }
        };
        let result = self.send(&row).await;
        let attempts = u32::try_from(job.job.attempts).unwrap_or(1);
        let policy = self.policy;
        let clock = job.clock.clone();
        let recorded = job
            .db
            .write(move |conn| {
                let now = clock.now();
                Ok(match result {
                    Ok(()) => {
                        mail::mark_sent(conn, id, now)?;
                        Outcome::Done
                    }
                    Err(SendError::Transient(error)) if attempts < policy.max_attempts => {
                        let wait = policy.backoff(attempts);
                        tracing::warn!(mail = %id, attempts, %error, "mail not sent; will retry");
                        let retry_at = now + chrono::Duration::from_std(wait).unwrap_or_default();
                        mail::mark_retry(conn, id, &error, retry_at)?;
                        Outcome::Retry { after: wait, error }
                    }
                    Err(error) => {
                        tracing::error!(mail = %id, attempts, %error, "mail failed for good");
                        mail::mark_failed(conn, id, &error.to_string())?;
                        Outcome::Failed(error.to_string())
                    }
                })
            })
            .await;
        recorded.unwrap_or_else(|error| Outcome::Retry {
            after: self.policy.base,
            error: error.to_string(),
        })
    }

    async fn send(&self, row: &MailRow) -> Result<(), SendError> {
        match &self.transport {
            Transport::Smtp(mailer) => {
                mailer
                    .send(&OutgoingMail {
                        id: row.id,
                        to: row.to_address.clone(),
                        subject: row.subject.clone(),
                        text: row.body_text.clone(),
                        from_name: row.from_name.clone(),
                        reply_to: row.reply_to.clone(),
                    })
                    .await
            }
            Transport::DevMailbox => {
                tracing::info!(
                    to = %row.to_address,
                    subject = %row.subject,
                    "dev mailbox: mail stored (GET /api/v1/dev/mailbox)\n{}",
                    row.body_text
                );
                Ok(())
            }
            Transport::Hold => Err(SendError::Transient("no SMTP server configured".into())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        let policy = RetryPolicy {
            base: Duration::from_secs(5),
            max_attempts: 12,
        };
        assert_eq!(policy.backoff(1), Duration::from_secs(5));
        assert_eq!(policy.backoff(2), Duration::from_secs(10));
        assert_eq!(policy.backoff(4), Duration::from_secs(40));
        assert_eq!(policy.backoff(40), MAX_BACKOFF);
    }
}
