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
