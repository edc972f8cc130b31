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
