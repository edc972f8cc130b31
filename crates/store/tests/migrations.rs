//! Schema discipline: migrations go up, down and up again, on both backends.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test fails loudly at the first surprise"
)]

use diesel::connection::SimpleConnection;
use rapport_store::testing::{Backend, TestDatabase};
use rapport_store::{db, run_migrations};

fn round_trip(backend: Backend) {
    let database = TestDatabase::new(backend);
    let mut conn = database.connect();
    assert!(run_migrations(&mut conn).unwrap() >= 1);
    assert_eq!(
        run_migrations(&mut conn).unwrap(),
        0,
        "a second run applies nothing"
    );
    db::revert_all_migrations(&mut conn).unwrap();
    assert!(
        run_migrations(&mut conn).unwrap() >= 1,
        "migrations apply again after a full revert"
    );
    conn.batch_execute("SELECT COUNT(*) FROM users").unwrap();
}

#[test]
fn migrations_round_trip_on_sqlite() {
    round_trip(Backend::Sqlite);
}

#[test]
fn migrations_round_trip_on_postgres() {
    round_trip(Backend::Postgres);
}

/// Migration 000014 (lean contacts) keeps what was stored: an uploaded list's contact keeps its
/// line, the list's name now read from its source; other contacts keep their words; and back.
fn lean_contacts_keep_what_was_stored(backend: Backend) {
    use diesel::prelude::*;
    use diesel::sql_types::Text;

    #[derive(QueryableByName, Debug, PartialEq)]
    struct Detail {
        #[diesel(sql_type = Text)]
        detail: String,
    }
    let database = TestDatabase::new(backend);
    let mut conn = database.connect();
    run_migrations(&mut conn).unwrap();
    let newer = db::revert_migrations_after(&mut conn, "2026-11-30-000013").unwrap();
    assert!(newer >= 1);
    // Rows as migration 000013 left them (the team and user they name need not exist here).
    let unchecked = match backend {
        Backend::Sqlite => "PRAGMA foreign_keys = OFF;",
        Backend::Postgres => "SET session_replication_role = replica;",
    };
    conn.batch_execute(&format!(
        "{unchecked}
         INSERT INTO sources (id, team_id, kind, name, state, created_at, updated_at)
         VALUES ('s-csv', 't', 'csv', 'VIP, customers', 'synced', '2026-11-30 10:00:00', '2026-11-30 10:00:00'),
                ('s-mc', 't', 'mailchimp', 'News', 'synced', '2026-11-30 10:00:00', '2026-11-30 10:00:00');
         INSERT INTO contacts (source_id, email_hash, team_id, detail, subscribed)
         VALUES ('s-csv', 'aa', 't', 'in VIP, customers, line 1,234', TRUE),
                ('s-mc', 'bb', 't', 'Mailchimp subscriber since 2024-03-01', TRUE);"
    ))
    .unwrap();
    let details = |conn: &mut rapport_store::DbConnection| {
        diesel::sql_query("SELECT detail FROM contacts ORDER BY email_hash")
            .load::<Detail>(conn)
            .unwrap()
            .into_iter()
            .map(|row| row.detail)
            .collect::<Vec<_>>()
    };
    assert_eq!(run_migrations(&mut conn).unwrap(), newer);
    assert_eq!(
        details(&mut conn),
        ["line 1,234", "Mailchimp subscriber since 2024-03-01"]
    );
    assert_eq!(
        db::revert_migrations_after(&mut conn, "2026-11-30-000013").unwrap(),
        newer
    );
    assert_eq!(
        details(&mut conn),
        [
            "in VIP, customers, line 1,234",
            "Mailchimp subscriber since 2024-03-01"
        ]
    );
}

#[test]
fn lean_contacts_keep_what_was_stored_on_sqlite() {
    lean_contacts_keep_what_was_stored(Backend::Sqlite);
}

#[test]
fn lean_contacts_keep_what_was_stored_on_postgres() {
    lean_contacts_keep_what_was_stored(Backend::Postgres);
}

/// Migration 000016 (reminders that notify): open reminders already due count as told; each one
/// still to come gets its `reminder_due` job (readable as any job), at its due time; done ones none.
fn reminders_set_before_the_upgrade_get_their_jobs(backend: Backend) {
    use diesel::prelude::*;

    let database = TestDatabase::new(backend);
    let mut conn = database.connect();
    run_migrations(&mut conn).unwrap();
    let newer = db::revert_migrations_after(&mut conn, "2026-12-01-000015").unwrap();
    assert!(newer >= 1);
    let unchecked = match backend {
        Backend::Sqlite => "PRAGMA foreign_keys = OFF;",
        Backend::Postgres => "SET session_replication_role = replica;",
    };
    const TEAM: &str = "01900000-0000-7000-8000-0000000000aa";
    let (past, future, done) = (
        "01900000-0000-7000-8000-000000000001",
        "01900000-0000-7000-8000-000000000002",
        "01900000-0000-7000-8000-000000000003",
    );
    conn.batch_execute(&format!(
        "{unchecked}
         INSERT INTO reminders (id, team_id, influencer_id, text, due_at, assignee_id, created_by, done_at, created_at, updated_at)
         VALUES ('{past}', '{TEAM}', 'i', 'Overdue', '2020-01-01 09:00:00', 'u', 'u', NULL, '2019-12-01 09:00:00', '2019-12-01 09:00:00'),
                ('{future}', '{TEAM}', 'i', 'Later', '2999-01-01 09:00:00', 'u', 'u', NULL, '2019-12-01 09:00:00', '2019-12-01 09:00:00'),
                ('{done}', '{TEAM}', 'i', 'Done', '2999-01-01 09:00:00', 'u', 'u', '2019-12-02 09:00:00', '2019-12-01 09:00:00', '2019-12-01 09:00:00');"
    ))
    .unwrap();
    assert_eq!(run_migrations(&mut conn).unwrap(), newer);
    let told = |conn: &mut rapport_store::DbConnection, id: &str| {
        use rapport_store::schema::reminders;
        reminders::table
            .filter(reminders::id.eq(id))
            .select(reminders::notified_for)
            .first::<Option<chrono::NaiveDateTime>>(conn)
            .unwrap()
            .map(|at| at.to_string())
    };
    assert_eq!(
        told(&mut conn, past).as_deref(),
        Some("2020-01-01 09:00:00")
    );
    assert_eq!(told(&mut conn, future), None);
    let job = |conn: &mut rapport_store::DbConnection, id: &str| {
        rapport_store::jobs::find_live(conn, rapport_store::jobs::kinds::REMINDER_DUE, id).unwrap()
    };
    assert!(job(&mut conn, past).is_none());
    assert!(job(&mut conn, done).is_none());
    let queued = job(&mut conn, future).unwrap();
    assert_eq!(queued.id.to_string(), future);
    assert_eq!(queued.run_at.to_string(), "2999-01-01 09:00:00");
    assert_eq!(
        queued.team_id.map(|team| team.to_string()).as_deref(),
        Some(TEAM)
    );
    assert_eq!(
        db::revert_migrations_after(&mut conn, "2026-12-01-000015").unwrap(),
        newer
    );
    let left: i64 = rapport_store::schema::jobs::table
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(left, 0, "the jobs go with the migration");
}

#[test]
fn reminders_set_before_the_upgrade_get_their_jobs_on_sqlite() {
    reminders_set_before_the_upgrade_get_their_jobs(Backend::Sqlite);
}

#[test]
fn reminders_set_before_the_upgrade_get_their_jobs_on_postgres() {
    reminders_set_before_the_upgrade_get_their_jobs(Backend::Postgres);
}

#[test]
fn both_backends_have_the_same_migrations() {
    let names = |backend: &str| {
        let mut names: Vec<String> = std::fs::read_dir(format!("../../migrations/{backend}"))
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(names("sqlite"), names("postgres"));
}

#[test]
fn a_wrong_url_names_the_problem() {
    let error = rapport_store::connect("mysql://localhost/x", 1)
        .err()
        .unwrap();
    assert!(error.to_string().contains("unsupported database URL"));
    let error = rapport_store::connect("postgres://postgres@127.0.0.1:1/none", 1)
        .err()
        .unwrap();
    assert!(
        error.to_string().contains("cannot connect"),
        "the driver's own message: {error}"
    );
}

#[test]
fn every_foreign_key_has_an_index_on_sqlite() {
    let database = TestDatabase::new(Backend::Sqlite);
    let mut conn = database.connect();
    run_migrations(&mut conn).unwrap();
    drop(conn);
    let path = database.url.trim_start_matches("sqlite://").to_owned();
    let check = std::process::Command::new("python3")
        .arg("-c")
        .arg(
            r#"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
missing = []
for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type='table' AND name != '__diesel_schema_migrations' AND name NOT LIKE 'sqlite%'"):
    firsts = set()
    for index in db.execute(f"PRAGMA index_list('{table}')"):
        cols = [c[2] for c in db.execute(f"PRAGMA index_info('{index[1]}')")]
        if cols: firsts.add(cols[0])
    for fk in db.execute(f"PRAGMA foreign_key_list('{table}')"):
        if fk[3] not in firsts: missing.append(f"{table}.{fk[3]}")
print(" ".join(missing))
"#,
        )
        .arg(&path)
        .output()
        .unwrap();
    let missing = String::from_utf8_lossy(&check.stdout).trim().to_owned();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert_eq!(missing, "", "foreign keys without an index");
}
