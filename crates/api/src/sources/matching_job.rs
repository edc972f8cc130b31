//! The `matching` job: a creator signed up or changed (a new account, a new address, visible
//! again), so every team's contacts are searched for them ([`super::matching::match_creator`]);
//! or a team's influencer got an account or an address (subject `influencer:{id}`), so the team's
//! contacts are ([`super::matching::match_influencer`]).

use std::time::Duration;

use rapport_domain::{CreatorId, InfluencerId};

use crate::data_key::DataKey;
use crate::jobs::kinds;
use crate::jobs::runner::{JobContext, JobHandler, Outcome, Running};
use crate::sources::matching::{match_creator, match_influencer};

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
            let key = self.key.clone();
            let now = job.clock.now();
            let subject = job.job.subject.clone();
            let found = if let Some(id) = subject.strip_prefix("influencer:") {
                let Ok(influencer) = id.parse::<InfluencerId>() else {
                    return Outcome::Failed(format!("{subject:?} names no influencer"));
                };
                job.db
                    .write(move |conn| match_influencer(conn, influencer, &key, now))
                    .await
            } else {
                let Ok(creator) = subject.parse::<CreatorId>() else {
                    return Outcome::Failed(format!("{subject:?} names no creator"));
                };
                job.db
                    .write(move |conn| match_creator(conn, creator, &key, now))
                    .await
            };
            match found {
                Ok(_) => Outcome::Done,
                Err(error) => Outcome::Retry {
                    after: Duration::from_secs(30),
                    error: error.to_string(),
                },
            }
        })
    }
}
