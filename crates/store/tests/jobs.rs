//! The job queue on both backends: one queued job per kind and subject (and none claimed while
//! another of its kind and subject runs), claims with leases, a dead
//! worker's job taken up again from its cursor (and the dead worker fenced off), retries,
//! recurring jobs, cancelling; on PostgreSQL two workers claiming at once get different jobs.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test fails loudly at the first surprise"
)]

use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::Connection;
use rapport_store::jobs::{self, status, JobRow};
use rapport_store::testing::{Backend, TestDatabase};
use rapport_store::{run_migrations, DbConnection};

fn at(minutes: i64) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 30)
        .unwrap()
        .and_hms_opt(12, 0, 0)
        .unwrap()
        + Duration::minutes(minutes)
}

fn ready(backend: Backend) -> (TestDatabase, DbConnection) {
    let database = TestDatabase::new(backend);
    let mut conn = database.connect();
    run_migrations(&mut conn).unwrap();
    (database, conn)
}

const SYNC: &[&str] = &["sync"];

fn lifecycle(backend: Backend) {
    let (_database, mut conn) = ready(backend);
    let conn = &mut conn;
    // One live job per kind and subject.
    let first = jobs::enqueue(conn, &JobRow::new("sync", "source-1", at(0), at(0))).unwrap();
    let again = jobs::enqueue(conn, &JobRow::new("sync", "source-1", at(0), at(0))).unwrap();
    assert_eq!(first.id, again.id);
    let other = jobs::enqueue(conn, &JobRow::new("sync", "source-2", at(5), at(0))).unwrap();
    assert_ne!(first.id, other.id);

    // Only due jobs of the kinds asked for are claimed.
    assert!(jobs::claim_next(conn, &["mail"], at(0), at(2))
        .unwrap()
        .is_none());
    let claimed = jobs::claim_next(conn, SYNC, at(0), at(2)).unwrap().unwrap();
    assert_eq!((claimed.id, claimed.attempts), (first.id, 1));
    assert!(jobs::claim_next(conn, SYNC, at(1), at(3))
        .unwrap()
        .is_none());
    // Due next: the claimed job's lease end (its worker may die) before the other's time.
    assert_eq!(jobs::next_due(conn, SYNC).unwrap(), Some(at(2)));

    // Progress is recorded with the lease extended; then the worker dies.
    assert!(
        jobs::record_progress(conn, &claimed, Some("page-2"), 200, Some(500), at(1), at(3))
            .unwrap()
    );
    // Its lease runs out: another worker takes the job up again at its cursor...
    let resumed = jobs::claim_next(conn, &["sync"], at(4), at(6))
        .unwrap()
        .unwrap();
    assert_eq!(resumed.id, first.id);
    assert_eq!(resumed.cursor.as_deref(), Some("page-2"));
    assert_eq!((resumed.progress_done, resumed.attempts), (200, 2));
    // ...and the first worker, back from the dead, is told to stop.
    assert!(
        !jobs::record_progress(conn, &claimed, Some("page-3"), 300, None, at(4), at(6)).unwrap()
    );

    // A retry keeps the cursor; the job ends done.
    jobs::retry(conn, &resumed, "503 from the provider", at(10), at(4)).unwrap();
    let retried = jobs::find(conn, first.id).unwrap().unwrap();
    assert_eq!(retried.status, status::QUEUED);
    assert_eq!(retried.cursor.as_deref(), Some("page-2"));
    assert!(jobs::claim_next(conn, SYNC, at(9), at(11))
        .unwrap()
        .is_some_and(|job| job.id == other.id));
    let last = jobs::claim_next(conn, SYNC, at(10), at(12))
        .unwrap()
        .unwrap();
    assert_eq!(last.id, first.id);
    jobs::finish(conn, &last, at(11)).unwrap();
    assert_eq!(
        jobs::find(conn, first.id).unwrap().unwrap().status,
        status::DONE
    );
    // Ended, the subject may be queued again.
    let next = jobs::enqueue(conn, &JobRow::new("sync", "source-1", at(20), at(11))).unwrap();
    assert_ne!(next.id, first.id);
    assert_eq!(
        jobs::latest(conn, "sync", "source-1").unwrap().unwrap().id,
        next.id
    );

    // Cancelling ends the live jobs of a subject.
    assert_eq!(jobs::cancel(conn, "source-1", at(12)).unwrap(), 1);
    assert!(jobs::find_live(conn, "sync", "source-1").unwrap().is_none());
}

fn recurring(backend: Backend) {
    let (_database, mut conn) = ready(backend);
    let conn = &mut conn;
    let job = JobRow::new("sync", "source-1", at(0), at(0)).every(6 * 3600);
    jobs::enqueue(conn, &job).unwrap();
    let claimed = jobs::claim_next(conn, SYNC, at(0), at(2)).unwrap().unwrap();
    jobs::fail(conn, &claimed, "401 from the provider", at(1)).unwrap();
    let next = jobs::find_live(conn, "sync", "source-1").unwrap().unwrap();
    assert_eq!(next.run_at, at(1) + Duration::hours(6));
    assert_eq!(next.every_seconds, Some(6 * 3600));
    let ended = jobs::find(conn, claimed.id).unwrap().unwrap();
    assert_eq!(
        (ended.status.as_str(), ended.last_error.as_deref()),
        (status::FAILED, Some("401 from the provider"))
    );
    // "Sync now" makes the next one due at once.
    assert_eq!(jobs::run_now(conn, next.id, at(2)).unwrap(), 1);
    assert!(jobs::claim_next(conn, SYNC, at(2), at(4))
        .unwrap()
        .is_some());
}

/// A change while a job runs queues one more run, which waits until the first ends.
fn change_during_a_run(backend: Backend) {
    let (_database, mut conn) = ready(backend);
    let conn = &mut conn;
    jobs::enqueue(conn, &JobRow::new("sync", "source-1", at(0), at(0))).unwrap();
    let running = jobs::claim_next(conn, SYNC, at(0), at(2)).unwrap().unwrap();
    let next = jobs::enqueue(conn, &JobRow::new("sync", "source-1", at(1), at(1))).unwrap();
    assert_ne!(next.id, running.id);
    let again = jobs::enqueue(conn, &JobRow::new("sync", "source-1", at(1), at(1))).unwrap();
    assert_eq!(again.id, next.id, "one waits in the queue, not two");
    assert!(
        jobs::claim_next(conn, SYNC, at(1), at(3))
            .unwrap()
            .is_none(),
        "not while the first runs"
    );
    jobs::finish(conn, &running, at(1)).unwrap();
    let claimed = jobs::claim_next(conn, SYNC, at(1), at(3)).unwrap().unwrap();
    assert_eq!(claimed.id, next.id);
}

#[test]
fn a_change_during_a_run_queues_one_more_on_sqlite() {
    change_during_a_run(Backend::Sqlite);
}

#[test]
fn a_change_during_a_run_queues_one_more_on_postgres() {
    change_during_a_run(Backend::Postgres);
}

#[test]
fn jobs_live_once_and_resume_on_sqlite() {
    lifecycle(Backend::Sqlite);
}

#[test]
fn jobs_live_once_and_resume_on_postgres() {
    lifecycle(Backend::Postgres);
}

#[test]
fn recurring_jobs_come_back_on_sqlite() {
    recurring(Backend::Sqlite);
}

#[test]
fn recurring_jobs_come_back_on_postgres() {
    recurring(Backend::Postgres);
}

/// Two workers in open transactions claim at once: the second skips the row the first holds.
#[test]
fn two_workers_on_postgres_claim_different_jobs() {
    let (database, mut one) = ready(Backend::Postgres);
    let mut two = database.connect();
    for subject in ["a", "b"] {
        jobs::enqueue(&mut one, &JobRow::new("sync", subject, at(0), at(0))).unwrap();
    }
    one.transaction::<_, diesel::result::Error, _>(|one| {
        let first = jobs::claim_next(one, SYNC, at(0), at(2))?.unwrap();
        let second = two.transaction::<_, diesel::result::Error, _>(|two| {
            Ok(jobs::claim_next(two, SYNC, at(0), at(2))?.unwrap())
        })?;
        assert_ne!(first.id, second.id);
        Ok(())
    })
    .unwrap();
}

/// What the readiness check calls a stalled queue: due jobs nobody holds, not those waiting
/// behind a live run, nor those not yet due long enough, nor kinds this server does not run.
fn stalled_jobs(backend: Backend) {
    let (_database, mut conn) = ready(backend);
    let conn = &mut conn;
    let (now, due_before) = (at(60), at(50));
    // A live run (its lease holds for a day), and the next run of its subject queued behind it:
    // due long ago, but waiting for a run that is alive.
    jobs::enqueue(conn, &JobRow::new("sync", "busy", at(0), at(0))).unwrap();
    let busy = jobs::claim_next(conn, SYNC, at(0), at(0) + Duration::days(1))
        .unwrap()
        .unwrap();
    assert_eq!(busy.subject, "busy");
    jobs::enqueue(conn, &JobRow::new("sync", "busy", at(1), at(1))).unwrap();
    // A run whose lease ran out at 30 minutes, which nobody took up again.
    jobs::enqueue(conn, &JobRow::new("sync", "dead", at(0), at(0))).unwrap();
    let dead = jobs::claim_next(conn, SYNC, at(2), at(30))
        .unwrap()
        .unwrap();
    assert_eq!(dead.subject, "dead");
    assert_eq!(jobs::stalled(conn, SYNC, at(20), at(25)).unwrap(), vec![]);
    // Due an hour ago and free to take; due 5 minutes ago (not late yet); another kind.
    jobs::enqueue(conn, &JobRow::new("sync", "late", at(0), at(0))).unwrap();
    jobs::enqueue(conn, &JobRow::new("sync", "fresh", at(55), at(0))).unwrap();
    jobs::enqueue(conn, &JobRow::new("other", "x", at(0), at(0))).unwrap();

    assert_eq!(
        jobs::stalled(conn, SYNC, due_before, now).unwrap(),
        vec![jobs::Stalled {
            kind: "sync".to_owned(),
            count: 2,
            oldest_due: at(0),
        }],
        "the late queued job and the lost run"
    );
}

#[test]
fn stalled_jobs_on_sqlite() {
    stalled_jobs(Backend::Sqlite);
}

#[test]
fn stalled_jobs_on_postgres() {
    stalled_jobs(Backend::Postgres);
}
