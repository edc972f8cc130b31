//! The `match_digest` job: once a day, each team's members who keep the digest on get one mail
//! with the creators the team's data sources turned up since the last digest (matches of
//! influencers added by hand aside: the team added them itself). The window runs from the job's
//! creation (the last digest's end, or the server's first start) to now, by the server's clock.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::NaiveDateTime;
use rapport_domain::sources::SourceKind;
use rapport_domain::TeamId;
use rapport_store::jobs::{self, JobRow};
use rapport_store::mail::MailRow;
use rapport_store::sources::{self, MatchRow};
use rapport_store::{memberships, teams, users, DbConnection};

use crate::error::ApiResult;
use crate::jobs::kinds;
use crate::jobs::runner::{JobContext, JobHandler, Outcome, Running};
use crate::mail::templates::{self, DigestLine};
use crate::sources::listing::match_views;

/// The digest job's subject.
pub const SUBJECT: &str = "daily";
/// Seconds between two digests.
pub const EVERY_SECONDS: i64 = 24 * 3_600;

/// Queues the daily digest unless it is queued or running (at start).
pub fn schedule(conn: &mut DbConnection, now: NaiveDateTime) -> ApiResult<()> {
    if jobs::find_live(conn, kinds::MATCH_DIGEST, SUBJECT)?.is_none() {
        let first = now + chrono::Duration::seconds(EVERY_SECONDS);
        let job = JobRow::new(kinds::MATCH_DIGEST, SUBJECT, first, now).every(EVERY_SECONDS);
        jobs::enqueue(conn, &job)?;
    }
    Ok(())
}

/// Runs `match_digest` jobs.
pub struct MatchDigest {
    /// Where Rapport is reached (the mail's link).
    pub public_url: String,
}

impl JobHandler for MatchDigest {
    fn kind(&self) -> &'static str {
        kinds::MATCH_DIGEST
    }

    fn run<'a>(&'a self, job: &'a JobContext) -> Running<'a> {
        Box::pin(async move {
            let public_url = self.public_url.clone();
            let after = job.job.created_at;
            match job
                .complete(move |conn, now| send_digests(conn, &public_url, after, now))
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

/// Mails each team's digest readers the matches found since the last digest.
fn send_digests(
    conn: &mut DbConnection,
    public_url: &str,
    after: NaiveDateTime,
    now: NaiveDateTime,
) -> ApiResult<()> {
    let mut by_team: BTreeMap<TeamId, Vec<MatchRow>> = BTreeMap::new();
    for row in sources::matches_found(conn, after, now)? {
        by_team.entry(row.team_id).or_default().push(row);
    }
    for (team, rows) in by_team {
        let found: Vec<_> = match_views(conn, team, &rows)?
            .into_iter()
            .filter(|found| found.source_kind != SourceKind::Manual)
            .collect();
        if found.is_empty() {
            continue;
        }
        let Some(team_name) = teams::find_name(conn, team)? else {
            continue;
        };
        let lines: Vec<DigestLine<'_>> = found
            .iter()
            .map(|found| DigestLine {
                name: &found.display_name,
                source: &found.source_name,
                detail: &found.detail,
            })
            .collect();
        let mail = templates::match_digest(&team_name, &lines, public_url);
        for reader in memberships::digest_readers(conn, team)? {
            if let Some(user) = users::find(conn, reader)? {
                rapport_store::mail::enqueue(
                    conn,
                    &MailRow::new(&user.email, &mail.subject, &mail.text, now),
                )?;
            }
        }
    }
    Ok(())
}
