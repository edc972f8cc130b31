//! How much room a year of account snapshots takes (`make bench`, part `snapshots`): 10,000
//! accounts with a year of daily readings, as the daily job keeps them (daily for 90 days, then
//! weekly: `rapport_domain::analytics::days_to_thin`) and, for comparison, unthinned; on SQLite
//! (the database file's growth) and PostgreSQL (`pg_total_relation_size`, table and index).
//!
//! usage: snapshot_size [ACCOUNTS] [sqlite|postgres ...]

use std::time::Instant;

use chrono::{Duration, NaiveDate};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::BigInt;
use rapport_domain::analytics::{days_to_thin, StatsSource};
use rapport_domain::AccountId;
use rapport_store::analytics::{day_number, insert_snapshots, SnapshotRow};
use rapport_store::testing::{Backend, TestDatabase};
use rapport_store::{run_migrations, DbConnection};

#[derive(QueryableByName)]
struct Size {
    #[diesel(sql_type = BigInt)]
    bytes: i64,
}

fn size(conn: &mut DbConnection, backend: Backend, database: &TestDatabase) -> i64 {
    match backend {
        Backend::Sqlite => {
            conn.batch_execute("PRAGMA wal_checkpoint(TRUNCATE);").ok();
            let file = database.folder().map(|folder| folder.join("rapport.db"));
            file.and_then(|file| std::fs::metadata(file).ok())
                .map_or(0, |meta| meta.len() as i64)
        }
        Backend::Postgres => {
            diesel::sql_query("SELECT pg_total_relation_size('account_snapshots') AS bytes")
                .get_result::<Size>(conn)
                .map_or(0, |size| size.bytes)
        }
    }
}

fn mib(bytes: i64) -> String {
    format!("{:.1} MiB", bytes as f64 / 1_048_576.0)
}

type Failed = Box<dyn std::error::Error>;

fn run(backend: Backend, accounts: usize, thinned: bool) -> Result<(), Failed> {
    let database = TestDatabase::new(backend);
    let mut conn = database.connect();
    run_migrations(&mut conn)?;
    let unchecked = match backend {
        Backend::Sqlite => "PRAGMA foreign_keys = OFF;",
        Backend::Postgres => "SET session_replication_role = replica;",
    };
    conn.batch_execute(unchecked)?;
    let ids: Vec<AccountId> = (0..accounts)
        .map(|_| AccountId(uuid::Uuid::now_v7()))
        .collect();
    for chunk in ids.chunks(500) {
        let values: Vec<String> = chunk
            .iter()
            .map(|id| {
                format!("('{id}', 't', 'i', 'instagram', 'h{id}', 'h{id}', '2026-01-01 00:00:00')")
            })
            .collect();
        conn.batch_execute(&format!(
            "INSERT INTO platform_accounts (id, team_id, influencer_id, platform, handle, handle_key, created_at) VALUES {}",
            values.join(", ")
        ))?;
    }
    let before = size(&mut conn, backend, &database);
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
    let year: Vec<NaiveDate> = (0..365).map(|back| today - Duration::days(back)).collect();
    let dropped = if thinned {
        days_to_thin(&year, today)
    } else {
        Vec::new()
    };
    let days: Vec<NaiveDate> = year
        .into_iter()
        .filter(|day| !dropped.contains(day))
        .collect();
    let started = Instant::now();
    let mut rows = 0;
    for (index, id) in ids.iter().enumerate() {
        let batch: Vec<SnapshotRow> = days
            .iter()
            .enumerate()
            .map(|(n, day)| SnapshotRow {
                account_id: *id,
                day: day_number(*day),
                followers: Some(10_000 + (index * 37 + n * 11) as i64 % 90_000),
                posts: Some(100 + n as i64 / 7),
                engagement_rate: Some(0.01 + (n % 50) as f64 / 2_000.0),
                source: StatsSource::Instagram,
            })
            .collect();
        rows += batch.len();
        insert_snapshots(&mut conn, &batch)?;
    }
    let spent = started.elapsed();
    let after = size(&mut conn, backend, &database);
    let grown = after - before;
    println!(
        "{backend:?}, {accounts} accounts, {} a year ({} days kept): {rows} snapshots, {} ({:.0} bytes a snapshot), written in {:.1} s",
        if thinned { "thinned" } else { "unthinned" },
        days.len(),
        mib(grown),
        grown as f64 / rows.max(1) as f64,
        spent.as_secs_f64()
    );
    Ok(())
}

fn main() -> Result<(), Failed> {
    let mut args = std::env::args().skip(1);
    let accounts = args
        .next()
        .and_then(|text| text.parse().ok())
        .unwrap_or(10_000);
    let backends: Vec<Backend> = args
        .filter_map(|name| match name.as_str() {
            "sqlite" => Some(Backend::Sqlite),
            "postgres" => Some(Backend::Postgres),
            _ => None,
        })
        .collect();
    let backends = if backends.is_empty() {
        vec![Backend::Sqlite, Backend::Postgres]
    } else {
        backends
    };
    for backend in backends {
        for thinned in [true, false] {
            run(backend, accounts, thinned)?;
        }
    }
    Ok(())
}
