//! The `analytics_daily` job (subject `daily`, recurring): queues each team's refresh of its
//! accounts' figures and each creator login's refresh of its verified account, and thins old snapshots (daily for [`DAILY_DAYS`] days, then the newest of
//! each week, then of each month past two years), a batch of accounts at a time.

use std::time::Duration;

use chrono::NaiveDateTime;
use rapport_domain::analytics::{days_to_thin, DAILY_DAYS, REFRESH_HOURS};
use rapport_store::analytics::{self, day_number};
use rapport_store::jobs::{self, JobRow};
use rapport_store::DbConnection;

use crate::analytics::refresh::{self, Scope};
use crate::error::ApiResult;
use crate::jobs::kinds;
use crate::jobs::runner::{JobContext, JobHandler, Outcome, Running};

/// The daily job's subject.
pub const SUBJECT: &str = "daily";
/// Accounts thinned per transaction.
const THIN_BATCH: i64 = 200;

/// Queues the daily job unless it is queued or running (at start); its first run is soon, so a
/// server started for the first time reads its accounts' figures the same day.
pub fn schedule(conn: &mut DbConnection, now: NaiveDateTime) -> ApiResult<()> {
    if jobs::find_live(conn, kinds::ANALYTICS_DAILY, SUBJECT)?.is_none() {
        let every = REFRESH_HOURS * 3_600;
        let first = now + chrono::Duration::minutes(5);
        jobs::enqueue(
            conn,
            &JobRow::new(kinds::ANALYTICS_DAILY, SUBJECT, first, now).every(every),
        )?;
    }
    Ok(())
}

/// Runs `analytics_daily` jobs.
pub struct AnalyticsDaily;

impl JobHandler for AnalyticsDaily {
    fn kind(&self) -> &'static str {
        kinds::ANALYTICS_DAILY
    }

    fn run<'a>(&'a self, job: &'a JobContext) -> Running<'a> {
        Box::pin(async move {
            match run_daily(job).await {
                Ok(outcome) => outcome,
                Err(error) => Outcome::Retry {
                    after: Duration::from_secs(300),
                    error: error.to_string(),
                },
            }
        })
    }
}

async fn run_daily(job: &JobContext) -> ApiResult<Outcome> {
    // Thinning, a batch of accounts per transaction, the cursor the last account thinned.
    let mut after = job.job.cursor.as_deref().and_then(|text| text.parse().ok());
    loop {
        let now = job.clock.now();
        let today = now.date();
        let before = day_number(today) - i32::try_from(DAILY_DAYS).unwrap_or(90);
        let keys = job
            .db
            .run(move |conn| {
                Ok(analytics::old_snapshot_days(
                    conn, before, after, THIN_BATCH,
                )?)
            })
            .await?;
        let Some((last, _)) = keys.last().copied() else {
            break;
        };
        let mut doomed = Vec::new();
        let mut start = 0;
        while start < keys.len() {
            let account = keys[start].0;
            let end = keys[start..]
                .iter()
                .position(|(other, _)| *other != account)
                .map_or(keys.len(), |offset| start + offset);
            let days: Vec<_> = keys[start..end]
                .iter()
                .map(|(_, day)| analytics::day_of(*day))
                .collect();
            doomed.extend(
                days_to_thin(&days, today)
                    .into_iter()
                    .map(|day| (account, day_number(day))),
            );
            start = end;
        }
        job.progress(Some(last.to_string()), 0, None, move |conn| {
            analytics::delete_snapshots(conn, &doomed)?;
            Ok(())
        })
        .await?;
        after = Some(last);
    }
    job.complete(|conn, now| {
        for team in analytics::teams_with_accounts(conn)? {
            refresh::queue(conn, team, Scope::Team(team), now)?;
        }
        crate::network::login_refresh::queue_all(conn, now)
    })
    .await
}
