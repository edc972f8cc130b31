//! The job queue: durable background work of every kind. A job is queued in the transaction that
//! makes it necessary, claimed by a worker with a lease, and ends done or failed; a worker that
//! dies loses its lease, and the job is claimed again and resumes from its last committed
//! `cursor`. At most one job of a kind and subject waits in the queue (a unique index), and none
//! is claimed while another of its kind and subject runs: a source is never synced twice at once,
//! and a change made during a run queues one more run (which waits for the first to end). On PostgreSQL several servers share the
//! queue: a claim skips the rows another transaction holds (`FOR UPDATE SKIP LOCKED`); on SQLite
//! (one server, one writer) a conditional update decides.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rapport_domain::{JobId, TeamId};

use crate::schema::jobs;
use crate::DbConnection;

/// Job kinds, as stored.
pub mod kinds {
    /// Send one mail of the outbox (subject: the mail's id).
    pub const MAIL: &str = "mail";
    /// Look for a creator among the data sources' contacts (subject: the creator's id).
    pub const MATCHING: &str = "matching";
    /// Read an e-mail list's members (subject: the source's id; recurring).
    pub const SOURCE_SYNC: &str = "source_sync";
    /// Mail each team's members the matches found since the last digest (subject `daily`;
    /// recurring).
    pub const MATCH_DIGEST: &str = "match_digest";
    /// Read platform accounts' figures and recent posts (subject `team:{id}` for a team's daily
    /// refresh, `influencer:{id}` for one influencer's "refresh now").
    pub const PROFILE_REFRESH: &str = "profile_refresh";
    /// Queue each team's daily refresh and thin old snapshots (subject `daily`; recurring).
    pub const ANALYTICS_DAILY: &str = "analytics_daily";
    /// Tell a reminder's assignee it is due, in the app and by mail (subject: the reminder's id;
    /// due at the reminder's due time).
    pub const REMINDER_DUE: &str = "reminder_due";
    /// Mail each member who keeps it on the list of their overdue reminders (subject `daily`;
    /// recurring).
    pub const OVERDUE_DIGEST: &str = "overdue_digest";
    /// Read a verified account's figures through its creator's login, for their profile
    /// (subject: the creator account's id; queued daily).
    pub const CREATOR_REFRESH: &str = "creator_refresh";
    /// POST one event to one webhook endpoint (subject: the delivery's id).
    pub const WEBHOOK_DELIVERY: &str = "webhook_delivery";
}

/// A job's state.
pub mod status {
    /// Waiting for its time (`run_at`).
    pub const QUEUED: &str = "queued";
    /// Claimed by a worker (until `locked_until`).
    pub const RUNNING: &str = "running";
    /// Ended well.
    pub const DONE: &str = "done";
    /// Ended badly (`last_error` says why).
    pub const FAILED: &str = "failed";
}

/// A stored job.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = jobs)]
pub struct JobRow {
    /// UUIDv7.
    pub id: JobId,
    /// What to do (`mail`, `source_sync`, `matching`...).
    pub kind: String,
    /// What it is done to (a source's id, a team's id...).
    pub subject: String,
    /// The team it is for, when it is one team's.
    pub team_id: Option<TeamId>,
    /// `queued`, `running`, `done` or `failed`.
    pub status: String,
    /// Tries so far (a claim is a try).
    pub attempts: i32,
    /// Not to be run before.
    pub run_at: NaiveDateTime,
    /// The worker holding it holds it until then.
    pub locked_until: Option<NaiveDateTime>,
    /// Where the work stands (a page, a provider's cursor), committed with the work it covers.
    pub cursor: Option<String>,
    /// Progress: units done.
    pub progress_done: i64,
    /// Progress: units in all, when known.
    pub progress_total: Option<i64>,
    /// Queued again this many seconds after it ends, when set.
    pub every_seconds: Option<i64>,
    /// Why the last try failed.
    pub last_error: Option<String>,
    /// Queued.
    pub created_at: NaiveDateTime,
    /// Last changed.
    pub updated_at: NaiveDateTime,
    /// Ended.
    pub finished_at: Option<NaiveDateTime>,
}

impl JobRow {
    /// A new job of `kind` on `subject`, due at `run_at`.
    pub fn new(kind: &str, subject: &str, run_at: NaiveDateTime, now: NaiveDateTime) -> Self {
        Self {
            id: crate::new_id(),
            kind: kind.to_owned(),
            subject: subject.to_owned(),
            team_id: None,
            status: status::QUEUED.to_owned(),
            attempts: 0,
            run_at,
            locked_until: None,
            cursor: None,
            progress_done: 0,
            progress_total: None,
            every_seconds: None,
            last_error: None,
            created_at: now,
            updated_at: now,
            finished_at: None,
        }
    }

    /// The same job, for `team`.
    pub fn for_team(mut self, team: TeamId) -> Self {
        self.team_id = Some(team);
        self
    }

    /// The same job, queued again `seconds` after each end.
    pub fn every(mut self, seconds: i64) -> Self {
        self.every_seconds = Some(seconds);
        self
    }
}

thread_local! {
    /// Whether this thread queued a job since [`take_queued`] last looked.
    static QUEUED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether this thread queued (or touched) a job since the last call: a writer asks after its
/// transaction commits, to wake the job runner.
pub fn take_queued() -> bool {
    QUEUED.with(|queued| queued.replace(false))
}

/// Queues a job unless one of its kind and subject is queued already; answers the queued job
/// (the new one, or the one there was). One running does not count: what changed since it
/// started is for the next run.
pub fn enqueue(conn: &mut DbConnection, row: &JobRow) -> QueryResult<JobRow> {
    QUEUED.with(|queued| queued.set(true));
    // Touching the queued job (rather than only reading it) orders this with a claim: on
    // PostgreSQL the update waits for a claim in progress and then finds the job running (so a
    // new one is queued), or holds the job until this transaction commits (so the claim skips
    // it and its run sees this change). Reading alone could see a job about to run without it.
    let touched = diesel::update(
        jobs::table
            .filter(jobs::kind.eq(&row.kind))
            .filter(jobs::subject.eq(&row.subject))
            .filter(jobs::status.eq(status::QUEUED)),
    )
    .set(jobs::updated_at.eq(row.created_at))
    .execute(conn)?;
    if touched > 0 {
        if let Some(queued) = find_queued(conn, &row.kind, &row.subject)? {
            return Ok(queued);
        }
    }
    // In a savepoint: on PostgreSQL a failed statement would abort the whole transaction, and
    // the queued job another transaction inserted meanwhile could not be read.
    let inserted =
        conn.transaction(|conn| diesel::insert_into(jobs::table).values(row).execute(conn));
    match inserted {
        Ok(_) => Ok(row.clone()),
        Err(error) if crate::is_unique_violation(&error) => {
            find_queued(conn, &row.kind, &row.subject)?.ok_or(error)
        }
        Err(error) => Err(error),
    }
}

fn find_queued(conn: &mut DbConnection, kind: &str, subject: &str) -> QueryResult<Option<JobRow>> {
    jobs::table
        .filter(jobs::kind.eq(kind))
        .filter(jobs::subject.eq(subject))
        .filter(jobs::status.eq(status::QUEUED))
        .select(JobRow::as_select())
        .first(conn)
        .optional()
}

/// Whether a job of this kind and subject runs, under a lease still valid at `now`.
fn runs(
    conn: &mut DbConnection,
    kind: &str,
    subject: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        jobs::table
            .filter(jobs::kind.eq(kind))
            .filter(jobs::subject.eq(subject))
            .filter(jobs::status.eq(status::RUNNING))
            .filter(jobs::locked_until.gt(now)),
    ))
    .get_result(conn)
}

/// A live (queued or running) job of this kind and subject (the queued one first).
pub fn find_live(
    conn: &mut DbConnection,
    kind: &str,
    subject: &str,
) -> QueryResult<Option<JobRow>> {
    jobs::table
        .filter(jobs::kind.eq(kind))
        .filter(jobs::subject.eq(subject))
        .filter(jobs::status.eq_any([status::QUEUED, status::RUNNING]))
        .order(jobs::status.asc())
        .select(JobRow::as_select())
        .first(conn)
        .optional()
}

/// The newest job of this kind and subject, live or ended.
pub fn latest(conn: &mut DbConnection, kind: &str, subject: &str) -> QueryResult<Option<JobRow>> {
    jobs::table
        .filter(jobs::kind.eq(kind))
        .filter(jobs::subject.eq(subject))
        .order(jobs::created_at.desc())
        .then_order_by(jobs::id.desc())
        .select(JobRow::as_select())
        .first(conn)
        .optional()
}

/// The job with this id.
pub fn find(conn: &mut DbConnection, id: JobId) -> QueryResult<Option<JobRow>> {
    jobs::table
        .find(id)
        .select(JobRow::as_select())
        .first(conn)
        .optional()
}

/// Claims the next due job of one of `kinds` until `lease_until`: a queued job whose time has
/// come, or a running one whose worker's lease ran out (it died). The claim counts as a try.
pub fn claim_next(
    conn: &mut DbConnection,
    kinds: &[&str],
    now: NaiveDateTime,
    lease_until: NaiveDateTime,
) -> QueryResult<Option<JobRow>> {
    let due = || {
        jobs::table
            .filter(jobs::kind.eq_any(kinds.iter().copied()))
            .filter(
                jobs::status
                    .eq(status::QUEUED)
                    .and(jobs::run_at.le(now))
                    .or(jobs::status
                        .eq(status::RUNNING)
                        .and(jobs::locked_until.le(now))),
            )
    };
    // Passed over: due, but another job of their kind and subject runs.
    let mut waiting: Vec<JobId> = Vec::new();
    for _ in 0..20 {
        let candidate: Option<JobRow> = match conn {
            DbConnection::Postgresql(pg) => due()
                .filter(jobs::id.ne_all(&waiting))
                .order(jobs::run_at.asc())
                .select(JobRow::as_select())
                .for_update()
                .skip_locked()
                .first(pg)
                .optional()?,
            DbConnection::Sqlite(_) => due()
                .filter(jobs::id.ne_all(&waiting))
                .order(jobs::run_at.asc())
                .select(JobRow::as_select())
                .first(conn)
                .optional()?,
        };
        let Some(row) = candidate else {
            return Ok(None);
        };
        if row.status == status::QUEUED && runs(conn, &row.kind, &row.subject, now)? {
            waiting.push(row.id);
            continue;
        }
        let claimed = diesel::update(due().filter(jobs::id.eq(row.id)))
            .set((
                jobs::status.eq(status::RUNNING),
                jobs::locked_until.eq(lease_until),
                jobs::attempts.eq(jobs::attempts + 1),
                jobs::updated_at.eq(now),
            ))
            .execute(conn)?;
        if claimed == 1 {
            return Ok(Some(JobRow {
                status: status::RUNNING.to_owned(),
                locked_until: Some(lease_until),
                attempts: row.attempts + 1,
                updated_at: now,
                ..row
            }));
        }
    }
    Ok(None)
}

/// When the next job of one of `kinds` is due, if any: a queued job's time, or the end of a
/// running job's lease (its worker may have died; then the job is due again).
pub fn next_due(conn: &mut DbConnection, kinds: &[&str]) -> QueryResult<Option<NaiveDateTime>> {
    let queued: Option<NaiveDateTime> = jobs::table
        .filter(jobs::kind.eq_any(kinds.iter().copied()))
        .filter(jobs::status.eq(status::QUEUED))
        .select(diesel::dsl::min(jobs::run_at))
        .first(conn)?;
    let leased: Option<NaiveDateTime> = jobs::table
        .filter(jobs::kind.eq_any(kinds.iter().copied()))
        .filter(jobs::status.eq(status::RUNNING))
        .select(diesel::dsl::min(jobs::locked_until))
        .first::<Option<NaiveDateTime>>(conn)?;
    Ok(match (queued, leased) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    })
}

/// Records where a running job stands (with the work it covers, in the same transaction) and
/// extends its lease. Answers false when the job is no longer this worker's (its lease ran out
/// and another worker claimed it, or it was cancelled): the worker stops.
pub fn record_progress(
    conn: &mut DbConnection,
    job: &JobRow,
    cursor: Option<&str>,
    done: i64,
    total: Option<i64>,
    now: NaiveDateTime,
    lease_until: NaiveDateTime,
) -> QueryResult<bool> {
    let updated = diesel::update(
        jobs::table
            .filter(jobs::id.eq(job.id))
            .filter(jobs::status.eq(status::RUNNING))
            .filter(jobs::attempts.eq(job.attempts)),
    )
    .set((
        jobs::cursor.eq(cursor),
        jobs::progress_done.eq(done),
        jobs::progress_total.eq(total),
        jobs::locked_until.eq(lease_until),
        jobs::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(updated == 1)
}

/// Ends a running job well; a recurring one is queued again for its next time.
pub fn finish(conn: &mut DbConnection, job: &JobRow, now: NaiveDateTime) -> QueryResult<()> {
    end(conn, job, status::DONE, None, now, true)
}

/// Ends a running job badly, for good (a recurring one is still queued again: the next time
/// may go better, unless the caller cancels it).
pub fn fail(
    conn: &mut DbConnection,
    job: &JobRow,
    error: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    end(conn, job, status::FAILED, Some(error), now, true)
}

/// Ends a running job badly, and a recurring one recurs no more (its source's key was refused:
/// nothing is tried again until a new key comes).
pub fn abandon(
    conn: &mut DbConnection,
    job: &JobRow,
    error: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    end(conn, job, status::FAILED, Some(error), now, false)
}

fn end(
    conn: &mut DbConnection,
    job: &JobRow,
    outcome: &str,
    error: Option<&str>,
    now: NaiveDateTime,
    recurs: bool,
) -> QueryResult<()> {
    // A recurring job's schedule may have changed during the run: the stored one counts (a job
    // claimed without one, a mail, never gets one).
    let every = match job.every_seconds {
        Some(_) => jobs::table
            .find(job.id)
            .select(jobs::every_seconds)
            .first::<Option<i64>>(conn)
            .optional()?
            .flatten(),
        None => None,
    };
    diesel::update(jobs::table.find(job.id))
        .set((
            jobs::status.eq(outcome),
            jobs::locked_until.eq(None::<NaiveDateTime>),
            jobs::last_error.eq(error),
            jobs::updated_at.eq(now),
            jobs::finished_at.eq(now),
        ))
        .execute(conn)?;
    if !recurs {
        return Ok(());
    }
    if let Some(every) = every {
        let next = JobRow {
            team_id: job.team_id,
            every_seconds: Some(every),
            ..JobRow::new(
                &job.kind,
                &job.subject,
                now + chrono::Duration::seconds(every),
                now,
            )
        };
        enqueue(conn, &next)?;
    }
    Ok(())
}

/// Puts a running job back in the queue to be tried again at `retry_at` (its cursor stays: the
/// next try resumes there).
pub fn retry(
    conn: &mut DbConnection,
    job: &JobRow,
    error: &str,
    retry_at: NaiveDateTime,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(jobs::table.find(job.id))
        .set((
            jobs::status.eq(status::QUEUED),
            jobs::locked_until.eq(None::<NaiveDateTime>),
            jobs::last_error.eq(Some(error)),
            jobs::run_at.eq(retry_at),
            jobs::updated_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

/// Makes a queued job due now (a "sync now").
pub fn run_now(conn: &mut DbConnection, id: JobId, now: NaiveDateTime) -> QueryResult<usize> {
    run_at(conn, id, now, now)
}

/// Makes a queued job due at `at`, sooner or later than it was (a reminder moved).
pub fn run_at(
    conn: &mut DbConnection,
    id: JobId,
    at: NaiveDateTime,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    QUEUED.with(|queued| queued.set(true));
    diesel::update(
        jobs::table
            .filter(jobs::id.eq(id))
            .filter(jobs::status.eq(status::QUEUED)),
    )
    .set((jobs::run_at.eq(at), jobs::updated_at.eq(now)))
    .execute(conn)
}

/// Cancels the live jobs on `subject` (its source was disconnected): queued ones end failed at
/// once; a running one loses its lease, so its worker's next progress report stops it.
pub fn cancel(conn: &mut DbConnection, subject: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        jobs::table
            .filter(jobs::subject.eq(subject))
            .filter(jobs::status.eq_any([status::QUEUED, status::RUNNING])),
    )
    .set((
        jobs::status.eq(status::FAILED),
        jobs::locked_until.eq(None::<NaiveDateTime>),
        jobs::last_error.eq(Some("cancelled")),
        jobs::updated_at.eq(now),
        jobs::finished_at.eq(now),
    ))
    .execute(conn)
}

/// Sets the schedule of the live jobs on `subject` of `kind`; a queued one that is not a retry
/// (it has no cursor) becomes due at `run_at`, sooner or later than it was.
pub fn reschedule(
    conn: &mut DbConnection,
    kind: &str,
    subject: &str,
    every_seconds: i64,
    run_at: NaiveDateTime,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let live = || {
        jobs::table
            .filter(jobs::kind.eq(kind))
            .filter(jobs::subject.eq(subject))
    };
    diesel::update(live().filter(jobs::status.eq_any([status::QUEUED, status::RUNNING])))
        .set((
            jobs::every_seconds.eq(Some(every_seconds)),
            jobs::updated_at.eq(now),
        ))
        .execute(conn)?;
    diesel::update(
        live()
            .filter(jobs::status.eq(status::QUEUED))
            .filter(jobs::cursor.is_null()),
    )
    .set(jobs::run_at.eq(run_at))
    .execute(conn)?;
    Ok(())
}

/// The live (queued or running) jobs of `kind` on any of `subjects`.
pub fn live_on(
    conn: &mut DbConnection,
    kind: &str,
    subjects: &[String],
) -> QueryResult<Vec<JobRow>> {
    jobs::table
        .filter(jobs::kind.eq(kind))
        .filter(jobs::subject.eq_any(subjects))
        .filter(jobs::status.eq_any([status::QUEUED, status::RUNNING]))
        .select(JobRow::as_select())
        .load(conn)
}

/// Puts every running job back in the queue, due at `now`: for a server that is the only one on
/// its database (SQLite), starting up, whose jobs marked running were its own before it stopped
/// or died. Each resumes from its last recorded cursor.
pub fn release_running(conn: &mut DbConnection, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(jobs::table.filter(jobs::status.eq(status::RUNNING)))
        .set((
            jobs::status.eq(status::QUEUED),
            jobs::locked_until.eq(None::<NaiveDateTime>),
            jobs::run_at.eq(now),
            jobs::updated_at.eq(now),
        ))
        .execute(conn)
}

/// Jobs of one kind that nobody took in time (see [`stalled`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stalled {
    /// The kind.
    pub kind: String,
    /// How many.
    pub count: usize,
    /// When the oldest of them fell due.
    pub oldest_due: NaiveDateTime,
}

/// The jobs of `kinds` due at `due_before` or earlier that no worker holds, by kind (most first):
/// queued ones whose time came (except those waiting behind a run of their kind and subject
/// whose lease is still valid at `now`: that run is alive), and running ones whose lease ran out
/// (their worker died and nobody took them up). A few rows at most on a healthy queue.
pub fn stalled(
    conn: &mut DbConnection,
    kinds: &[&str],
    due_before: NaiveDateTime,
    now: NaiveDateTime,
) -> QueryResult<Vec<Stalled>> {
    let late_queued: Vec<(String, String, NaiveDateTime)> = jobs::table
        .filter(jobs::kind.eq_any(kinds.iter().copied()))
        .filter(jobs::status.eq(status::QUEUED))
        .filter(jobs::run_at.le(due_before))
        .select((jobs::kind, jobs::subject, jobs::run_at))
        .order(jobs::run_at.asc())
        .limit(1_000)
        .load(conn)?;
    let abandoned: Vec<(String, Option<NaiveDateTime>)> = jobs::table
        .filter(jobs::kind.eq_any(kinds.iter().copied()))
        .filter(jobs::status.eq(status::RUNNING))
        .filter(jobs::locked_until.le(due_before))
        .select((jobs::kind, jobs::locked_until))
        .limit(1_000)
        .load(conn)?;
    let alive: Vec<(String, String)> = if late_queued.is_empty() {
        Vec::new()
    } else {
        jobs::table
            .filter(jobs::kind.eq_any(kinds.iter().copied()))
            .filter(jobs::status.eq(status::RUNNING))
            .filter(jobs::locked_until.gt(now))
            .select((jobs::kind, jobs::subject))
            .load(conn)?
    };
    let mut by_kind: Vec<Stalled> = Vec::new();
    let waiting = late_queued
        .into_iter()
        .filter(|(kind, subject, _)| !alive.iter().any(|(k, s)| k == kind && s == subject))
        .map(|(kind, _, due)| (kind, due));
    let lost = abandoned
        .into_iter()
        .map(|(kind, until)| (kind, until.unwrap_or(due_before)));
    for (kind, due) in waiting.chain(lost) {
        match by_kind.iter_mut().find(|entry| entry.kind == kind) {
            Some(entry) => {
                entry.count += 1;
                entry.oldest_due = entry.oldest_due.min(due);
            }
            None => by_kind.push(Stalled {
                kind,
                count: 1,
                oldest_due: due,
            }),
        }
    }
    by_kind.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.kind.cmp(&b.kind)));
    Ok(by_kind)
}

/// One kind's queue, for the metrics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindQueue {
    /// The kind.
    pub kind: String,
    /// Queued jobs whose time has come.
    pub due: i64,
    /// Jobs a worker holds.
    pub running: i64,
    /// When the longest-waiting due job fell due.
    pub oldest_due: Option<NaiveDateTime>,
}

/// Every kind's due and running jobs at `now` (jobs queued for later are not counted: recurring
/// jobs always wait for their next time).
pub fn queues(conn: &mut DbConnection, now: NaiveDateTime) -> QueryResult<Vec<KindQueue>> {
    let due: Vec<(String, i64, Option<NaiveDateTime>)> = jobs::table
        .filter(jobs::status.eq(status::QUEUED))
        .filter(jobs::run_at.le(now))
        .group_by(jobs::kind)
        .select((
            jobs::kind,
            diesel::dsl::count_star(),
            diesel::dsl::min(jobs::run_at),
        ))
        .load(conn)?;
    let running: Vec<(String, i64)> = jobs::table
        .filter(jobs::status.eq(status::RUNNING))
        .group_by(jobs::kind)
        .select((jobs::kind, diesel::dsl::count_star()))
        .load(conn)?;
    let mut queues: Vec<KindQueue> = due
        .into_iter()
        .map(|(kind, due, oldest_due)| KindQueue {
            kind,
            due,
            running: 0,
            oldest_due,
        })
        .collect();
    for (kind, count) in running {
        match queues.iter_mut().find(|queue| queue.kind == kind) {
            Some(queue) => queue.running = count,
            None => queues.push(KindQueue {
                kind,
                due: 0,
                running: count,
                oldest_due: None,
            }),
        }
    }
    queues.sort_by(|a, b| a.kind.cmp(&b.kind));
    Ok(queues)
}
