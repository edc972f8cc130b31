//! Runs jobs: claims a due one with a lease, hands it to the handler of its kind, and records
//! the outcome (done, retried after a backoff or a provider's `Retry-After`, failed). A handler
//! that works in steps reports each step's cursor and progress through [`JobContext::progress`],
//! in the transaction of the work the step covers, and stops when told the job is no longer its
//! own (its lease ran out and another worker took it, or it was cancelled).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use rapport_store::jobs::{self, JobRow};
use rapport_store::DbConnection;
use tokio::sync::Notify;

use crate::clock::Clock;
use crate::db::Db;
use crate::error::{ApiError, ApiResult, ErrorCode};

/// Longest idle wait between two looks at the queue.
const IDLE_WAIT: Duration = Duration::from_secs(30);
/// Wait before looking again at a due job that another run of its subject holds up.
const BLOCKED_WAIT: Duration = Duration::from_secs(1);

/// How a run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The work is done.
    Done,
    /// Try again after `after` (a transient failure), from the last recorded cursor.
    Retry {
        /// The wait.
        after: Duration,
        /// What went wrong.
        error: String,
    },
    /// Failed for good (a recurring job still comes back at its next time).
    Failed(String),
    /// Failed for good, and a recurring job recurs no more (until something queues it again).
    Abandoned(String),
    /// The job is no longer this worker's: nothing to record.
    Stopped,
}

/// What a handler's future yields.
pub type Running<'a> = Pin<Box<dyn Future<Output = Outcome> + Send + 'a>>;

/// Runs the jobs of one kind.
pub trait JobHandler: Send + Sync {
    /// The kind it runs.
    fn kind(&self) -> &'static str;
    /// Runs one claimed job.
    fn run<'a>(&'a self, job: &'a JobContext) -> Running<'a>;
}

/// A claimed job and what its handler needs around it.
pub struct JobContext {
    /// The job as claimed (its cursor is where to resume).
    pub job: JobRow,
    /// The database.
    pub db: Db,
    /// The server's clock.
    pub clock: Clock,
    /// How long a claim lasts without news.
    pub lease: Duration,
}

impl JobContext {
    /// Runs `work` and records the job's new cursor and progress in one transaction, extending
    /// the lease; 409 `conflict` (and nothing of `work` kept) when the job is no longer this
    /// worker's.
    pub async fn progress<T: Send + 'static>(
        &self,
        cursor: Option<String>,
        done: i64,
        total: Option<i64>,
        work: impl FnOnce(&mut DbConnection) -> ApiResult<T> + Send + 'static,
    ) -> ApiResult<T> {
        let job = self.job.clone();
        let now = self.clock.now();
        let lease = chrono::Duration::from_std(self.lease).unwrap_or_default();
        self.db
            .write(move |conn| {
                let value = work(conn)?;
                if jobs::record_progress(
                    conn,
                    &job,
                    cursor.as_deref(),
                    done,
                    total,
                    now,
                    now + lease,
                )? {
                    Ok(value)
                } else {
                    Err(ApiError::new(
                        ErrorCode::Conflict,
                        "the job is no longer this worker's",
                    ))
                }
            })
            .await
    }
}

impl JobContext {
    /// Runs `work` and ends the job well in one transaction (what the work records and the job's
    /// end, with its next time for a recurring job, are seen together); answers
    /// [`Outcome::Stopped`] for the runner to record nothing more, or 409 `conflict` (and nothing
    /// of `work` kept) when the job is no longer this worker's.
    pub async fn complete(
        &self,
        work: impl FnOnce(&mut DbConnection, chrono::NaiveDateTime) -> ApiResult<()> + Send + 'static,
    ) -> ApiResult<Outcome> {
        let job = self.job.clone();
        let now = self.clock.now();
        self.db
            .write(move |conn| {
                let still_ours = jobs::find(conn, job.id)?.is_some_and(|row| {
                    row.status == jobs::status::RUNNING && row.attempts == job.attempts
                });
                if !still_ours {
                    return Err(ApiError::new(
                        ErrorCode::Conflict,
                        "the job is no longer this worker's",
                    ));
                }
                work(conn, now)?;
                jobs::finish(conn, &job, now)?;
                Ok(Outcome::Stopped)
            })
            .await
    }
}

/// Claims and runs jobs of the kinds it has handlers for.
pub struct JobRunner {
    /// The database.
    pub db: Db,
    /// The server's clock (what is due is due by it).
    pub clock: Clock,
    /// How long a claim lasts without news.
    pub lease: Duration,
    /// Signalled when a job is queued.
    pub wake: Arc<Notify>,
    /// One handler per kind.
    pub handlers: Vec<Arc<dyn JobHandler>>,
}

impl JobRunner {
    fn kinds(&self) -> Vec<&'static str> {
        self.handlers.iter().map(|handler| handler.kind()).collect()
    }

    /// Runs jobs forever.
    pub async fn run(self) {
        loop {
            match self.run_next().await {
                Ok(true) => continue,
                Ok(false) => self.idle().await,
                Err(error) => {
                    tracing::error!(%error, "job runner: database error");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    }

    async fn idle(&self) {
        let kinds = self.kinds();
        let next = self
            .db
            .run(move |conn| Ok(jobs::next_due(conn, &kinds)?))
            .await
            .ok()
            .flatten();
        // A job due already but not claimed waits for another of its kind and subject, running
        // (on this server or another): look again soon.
        let wait = next.map_or(IDLE_WAIT, |due| {
            (due - self.clock.now())
                .to_std()
                .unwrap_or(BLOCKED_WAIT)
                .min(IDLE_WAIT)
        });
        tokio::select! {
            () = self.wake.notified() => {}
            () = tokio::time::sleep(wait) => {}
        }
    }

    /// Runs one due job, if any; returns whether there was one.
    pub async fn run_next(&self) -> ApiResult<bool> {
        let kinds = self.kinds();
        let clock = self.clock.clone();
        let lease = chrono::Duration::from_std(self.lease).unwrap_or_default();
        let claimed = self
            .db
            .write(move |conn| {
                let now = clock.now();
                Ok(jobs::claim_next(conn, &kinds, now, now + lease)?)
            })
            .await?;
        let Some(job) = claimed else {
            return Ok(false);
        };
        let Some(handler) = self
            .handlers
            .iter()
            .find(|handler| handler.kind() == job.kind)
            .cloned()
        else {
            return Ok(true);
        };
        let context = JobContext {
            job,
            db: self.db.clone(),
            clock: self.clock.clone(),
            lease: self.lease,
        };
        let outcome = handler.run(&context).await;
        let job = context.job;
        let clock = self.clock.clone();
        self.db
            .write(move |conn| {
                let now = clock.now();
                // Only the worker holding the job records its end.
                let current = jobs::find(conn, job.id)?;
                let still_ours = current.is_some_and(|row| {
                    row.status == jobs::status::RUNNING && row.attempts == job.attempts
                });
                if !still_ours {
                    return Ok(());
                }
                match outcome {
                    Outcome::Done => jobs::finish(conn, &job, now)?,
                    Outcome::Retry { after, error } => {
                        let wait = chrono::Duration::from_std(after).unwrap_or_default();
                        jobs::retry(conn, &job, &error, now + wait, now)?;
                    }
                    Outcome::Failed(error) => jobs::fail(conn, &job, &error, now)?,
                    Outcome::Abandoned(error) => jobs::abandon(conn, &job, &error, now)?,
                    Outcome::Stopped => {}
                }
                Ok(())
            })
            .await?;
        Ok(true)
    }
}
