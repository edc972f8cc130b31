//! The `matching` job: a creator signed up or changed (a new account, a new address, visible
//! again), so every team's contacts are searched for them ([`super::matching::match_creator`]).

use std::time::Duration;

use rapport_domain::CreatorId;

use crate::data_key::DataKey;
use crate::jobs::kinds;
use crate::jobs::runner::{JobContext, JobHandler, Outcome, Running};
use crate::sources::matching::match_creator;

/// Runs `matching` jobs.
pub struct MatchCreators {
    /// The data key (contacts are hashed with it).
    pub key: DataKey,
}

impl JobHandler for MatchCreators {
    fn kind(&self) -> &'static str {
        kinds::MATCHING
    }

    fn run<'a>(&'a self, job: &'a JobContext) -> Running<'a> {
        Box::pin(async move {
            let Ok(creator) = job.job.subject.parse::<CreatorId>() else {
                return Outcome::Failed(format!("{:?} names no creator", job.job.subject));
            };
            let key = self.key.clone();
            let now = job.clock.now();
            match job
                .db
                .write(move |conn| match_creator(conn, creator, &key, now))
                .await
            {
                Ok(_) => Outcome::Done,
                Err(error) => Outcome::Retry {
                    after: Duration::from_secs(30),
                    error: error.to_string(),
                },
            }
        })
    }
}
