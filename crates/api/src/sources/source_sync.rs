//! The `source_sync` job: each source is read by its own reader (an e-mail list's members, an
//! Instagram account's fans). Whatever it reads, an error of the database is tried again with a
//! growing wait, and a job no longer its worker's stops there.

use rapport_domain::sources::SourceKind;
use rapport_domain::SourceId;
use rapport_store::sources;

use crate::error::{ApiResult, ErrorCode};
use crate::jobs::kinds;
use crate::jobs::runner::{JobContext, JobHandler, Outcome, Running};
use crate::sources::instagram_sync::FanSync;
use crate::sources::list_sync::{backoff, ListSync};

/// Runs `source_sync` jobs.
pub struct SourceSync {
    /// The e-mail lists' reader.
    pub lists: ListSync,
    /// The Instagram fans' reader.
    pub fans: FanSync,
}

impl JobHandler for SourceSync {
    fn kind(&self) -> &'static str {
        kinds::SOURCE_SYNC
    }

    fn run<'a>(&'a self, job: &'a JobContext) -> Running<'a> {
        Box::pin(async move {
            let Ok(id) = job.job.subject.parse::<SourceId>() else {
                return Outcome::Abandoned(format!("{:?} names no source", job.job.subject));
            };
            match self.sync(job, id).await {
                Ok(outcome) => outcome,
                Err(error) if error.code() == ErrorCode::Conflict => Outcome::Stopped,
                Err(error) => Outcome::Retry {
                    after: backoff(job.job.attempts),
                    error: error.to_string(),
                },
            }
        })
    }
}

impl SourceSync {
    async fn sync(&self, job: &JobContext, id: SourceId) -> ApiResult<Outcome> {
        let kind = job
            .db
            .run(move |conn| Ok(sources::find(conn, id)?.map(|row| row.kind)))
            .await?;
        match kind.as_deref().and_then(SourceKind::parse) {
            // A source disconnected meanwhile: nothing to do.
            None => Ok(Outcome::Done),
            Some(SourceKind::Instagram) => self.fans.sync(job, id).await,
            Some(_) => self.lists.sync(job, id).await,
        }
    }
}
