//! Delivers the outbox. A mail is written in the same transaction as the event that causes it,
//! claimed with a lease, sent, then marked; failures are retried with exponential backoff.
//! After a crash mid-send the lease runs out and the mail is sent again with the same
//! `Message-ID`, so it is never lost and never silently duplicated.

use std::sync::Arc;
use std::time::Duration;

use rapport_integrations::smtp::{OutgoingMail, SendError, SmtpMailer};
use rapport_store::mail::{self, MailRow};
use tokio::sync::Notify;

use crate::db::Db;
use crate::error::ApiResult;

/// How long a claimed mail is reserved for the worker sending it.
const LEASE: Duration = Duration::from_secs(120);
/// Longest idle wait between two looks at the outbox.
const IDLE_WAIT: Duration = Duration::from_secs(30);
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

/// The outbox worker.
pub struct MailWorker {
    /// The database.
    pub db: Db,
    /// Where mail goes.
    pub transport: Transport,
    /// Retry settings.
    pub policy: RetryPolicy,
    /// The server's clock (what is due is due by it).
    pub clock: crate::clock::Clock,
    /// Signalled when a mail is queued.
    pub wake: Arc<Notify>,
}

impl MailWorker {
    /// Delivers forever.
    pub async fn run(self) {
        if matches!(self.transport, Transport::Hold) {
            tracing::warn!("no SMTP server configured (RAPPORT_SMTP_URL): mail stays queued");
            return;
        }
        loop {
            match self.deliver_next().await {
                Ok(true) => continue,
                Ok(false) => self.idle().await,
                Err(error) => {
                    tracing::error!(%error, "mail worker: database error");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    }

    async fn idle(&self) {
        let next = self
            .db
            .run(|conn| Ok(mail::next_due(conn)?))
            .await
            .ok()
            .flatten();
        let wait = next
            .and_then(|due| (due - self.clock.now()).to_std().ok())
            .map_or(IDLE_WAIT, |wait| wait.min(IDLE_WAIT));
        tokio::select! {
            () = self.wake.notified() => {}
            () = tokio::time::sleep(wait) => {}
        }
    }

    /// Sends one due mail, if any; returns whether there was one.
    pub async fn deliver_next(&self) -> ApiResult<bool> {
        let clock = self.clock.clone();
        let claimed = self
            .db
            .run(move |conn| {
                let now = clock.now();
                let lease = chrono::Duration::from_std(LEASE).unwrap_or_default();
                Ok(mail::claim_next(conn, now, now + lease)?)
            })
            .await?;
        let Some(row) = claimed else {
            return Ok(false);
        };
        let result = self.send(&row).await;
        let id = row.id;
        let attempts = u32::try_from(row.attempts).unwrap_or(0) + 1;
        let policy = self.policy;
        let clock = self.clock.clone();
        self.db
            .run(move |conn| {
                match result {
                    Ok(()) => {
                        mail::mark_sent(conn, id, clock.now())?;
                    }
                    Err(SendError::Transient(error)) if attempts < policy.max_attempts => {
                        let wait = chrono::Duration::from_std(policy.backoff(attempts))
                            .unwrap_or_default();
                        tracing::warn!(mail = %id, attempts, %error, "mail not sent; will retry");
                        mail::mark_retry(conn, id, &error, clock.now() + wait)?;
                    }
                    Err(error) => {
                        tracing::error!(mail = %id, attempts, %error, "mail failed for good");
                        mail::mark_failed(conn, id, &error.to_string())?;
                    }
                }
                Ok(())
            })
            .await?;
        Ok(true)
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
