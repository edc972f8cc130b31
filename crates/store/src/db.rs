//! Connections: one binary, two backends, chosen by the URL's scheme.

use std::path::Path;
use std::time::Duration;

use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::pg::PgConnection;
use diesel::r2d2::{self, ManageConnection, R2D2Connection};
use diesel::result::Error as DieselError;
use diesel::sqlite::SqliteConnection;
use diesel::Connection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use crate::error::StoreError;
use crate::wal::JOURNAL_SIZE_LIMIT_BYTES;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/postgres");

/// How long a SQLite writer waits for another writer's lock before giving up.
const SQLITE_BUSY_TIMEOUT_MS: u32 = 5_000;

/// A connection to either backend; queries are written once against it.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    /// PostgreSQL, for production and several instances.
    Postgresql(PgConnection),
    /// SQLite, the embedded default.
    Sqlite(SqliteConnection),
}

/// Which database a URL names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// A SQLite file at this path.
    Sqlite(String),
    /// A PostgreSQL connection string, as given.
    Postgres(String),
}

impl DatabaseUrl {
    /// Reads `sqlite://PATH` (or `sqlite:PATH`) and `postgres://...` / `postgresql://...`.
    pub fn parse(url: &str) -> Result<Self, StoreError> {
        if let Some(path) = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
        {
            if path.is_empty() {
                return Err(StoreError::UnsupportedUrl(url.to_owned()));
            }
            return Ok(Self::Sqlite(path.to_owned()));
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Self::Postgres(url.to_owned()));
        }
        Err(StoreError::UnsupportedUrl(url.to_owned()))
    }

    /// Opens one connection of the right type, set up for use (SQLite: WAL, foreign keys, busy
    /// timeout, no automatic checkpoints: [`crate::wal::Checkpointer`] does them off the request
    /// path).
    pub fn establish(&self) -> Result<DbConnection, StoreError> {
        match self {
            Self::Sqlite(path) => {
                let mut conn = SqliteConnection::establish(path)?;
                conn.batch_execute(&format!(
                    "PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}; \
                     PRAGMA journal_mode = WAL; \
                     PRAGMA synchronous = NORMAL; \
                     PRAGMA foreign_keys = ON; \
                     PRAGMA wal_autocheckpoint = 0; \
                     PRAGMA journal_size_limit = {JOURNAL_SIZE_LIMIT_BYTES};"
                ))?;
                Ok(DbConnection::Sqlite(conn))
            }
            Self::Postgres(url) => Ok(DbConnection::Postgresql(connect_postgres(url)?)),
        }
    }

    /// The backend's name, for logs.
    pub fn backend_name(&self) -> &'static str {
        match self {
            Self::Sqlite(_) => "sqlite",
            Self::Postgres(_) => "postgres",
        }
    }
}

/// Makes pooled connections through the backend's own type, so errors are the driver's own.
#[derive(Debug, Clone)]
pub struct Manager {
    url: DatabaseUrl,
}

impl ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConnection, r2d2::Error> {
        self.url.establish().map_err(|error| match error {
            StoreError::Connect(error) => r2d2::Error::ConnectionError(error),
            StoreError::Query(error) => r2d2::Error::QueryError(error),
            other => {
                r2d2::Error::QueryError(DieselError::QueryBuilderError(other.to_string().into()))
            }
        })
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), r2d2::Error> {
        conn.ping().map_err(r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        std::thread::panicking() || conn.is_broken()
    }
}

/// The connection pool.
pub type Pool = r2d2::Pool<Manager>;
/// A connection borrowed from the pool.
pub type PooledConnection = r2d2::PooledConnection<Manager>;

/// Connects, creating the SQLite file's folder when needed, and checks the database answers.
/// A wrong URL or a stopped server fails here with the driver's own message.
pub fn connect(url: &str, pool_size: u32) -> Result<(Pool, DatabaseUrl), StoreError> {
    let url = DatabaseUrl::parse(url)?;
    if let DatabaseUrl::Sqlite(path) = &url {
        if let Some(folder) = Path::new(path)
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
        {
            std::fs::create_dir_all(folder).map_err(|source| StoreError::Folder {
                path: folder.display().to_string(),
                source,
            })?;
        }
    }
    // One direct connection first: its error is the real one (r2d2 would only say it timed out).
    drop(url.establish()?);
    let pool = r2d2::Pool::builder()
        .max_size(pool_size.max(1))
        .connection_timeout(Duration::from_secs(10))
        .build(Manager { url: url.clone() })?;
    Ok((pool, url))
}

/// Opens a PostgreSQL connection. libpq encrypts with the OpenSSL built into this binary
/// (`openssl-sys`, vendored), which by default registers a cleanup that runs at `exit()` while
/// other threads may still hold TLS connections (pooled connections, a test harness's leftover
/// servers): the process then crashed on its way out (SIGSEGV in `OPENSSL_cleanup`).
/// `openssl_sys::init` initialises OpenSSL first, without that exit handler.
pub fn connect_postgres(url: &str) -> Result<PgConnection, diesel::ConnectionError> {
    openssl_sys::init();
    PgConnection::establish(url)
}

/// Applies every pending migration of the connection's backend; returns how many ran.
/// On PostgreSQL an advisory lock keeps several instances starting at once from racing.
pub fn run_migrations(conn: &mut DbConnection) -> Result<usize, StoreError> {
    let migration_error =
        |e: Box<dyn std::error::Error + Send + Sync>| StoreError::Migration(e.to_string());
    match conn {
        DbConnection::Sqlite(conn) => conn
            .run_pending_migrations(SQLITE_MIGRATIONS)
            .map(|done| done.len())
            .map_err(migration_error),
        DbConnection::Postgresql(conn) => {
            conn.batch_execute("SELECT pg_advisory_lock(7261706)")?;
            let result = conn
                .run_pending_migrations(POSTGRES_MIGRATIONS)
                .map(|done| done.len())
                .map_err(migration_error);
            conn.batch_execute("SELECT pg_advisory_unlock(7261706)")?;
            result
        }
    }
}

/// Whether the database answers a trivial query on this connection.
pub fn ping(conn: &mut DbConnection) -> Result<(), StoreError> {
    Ok(conn.ping()?)
}

/// How many of this binary's migrations the database lacks (a readiness check: the server
/// migrates at start, so this catches a database put back from an older backup under it).
pub fn pending_migrations(conn: &mut DbConnection) -> Result<usize, StoreError> {
    let migration_error =
        |e: Box<dyn std::error::Error + Send + Sync>| StoreError::Migration(e.to_string());
    match conn {
        DbConnection::Sqlite(conn) => {
            MigrationHarness::<diesel::sqlite::Sqlite>::pending_migrations(conn, SQLITE_MIGRATIONS)
                .map(|pending| pending.len())
        }
        DbConnection::Postgresql(conn) => {
            MigrationHarness::<diesel::pg::Pg>::pending_migrations(conn, POSTGRES_MIGRATIONS)
                .map(|pending| pending.len())
        }
    }
    .map_err(migration_error)
}

/// Reverts every migration (used by the migration round-trip test).
pub fn revert_all_migrations(conn: &mut DbConnection) -> Result<(), StoreError> {
    let migration_error =
        |e: Box<dyn std::error::Error + Send + Sync>| StoreError::Migration(e.to_string());
    match conn {
        DbConnection::Sqlite(conn) => conn.revert_all_migrations(SQLITE_MIGRATIONS).map(drop),
        DbConnection::Postgresql(conn) => conn.revert_all_migrations(POSTGRES_MIGRATIONS).map(drop),
    }
    .map_err(migration_error)
}

/// Reverts the newest migrations until `version` ("2026-11-30-000013", a migration folder's
/// name up to its `_`) is the newest applied (used by tests of what a migration does to stored
/// rows); answers how many were reverted.
pub fn revert_migrations_after(
    conn: &mut DbConnection,
    version: &str,
) -> Result<usize, StoreError> {
    let migration_error =
        |e: Box<dyn std::error::Error + Send + Sync>| StoreError::Migration(e.to_string());
    let target: String = version.chars().filter(|c| *c != '-').collect();
    let mut reverted = 0;
    loop {
        let newest = match conn {
            DbConnection::Sqlite(conn) => {
                MigrationHarness::<diesel::sqlite::Sqlite>::applied_migrations(conn)
            }
            DbConnection::Postgresql(conn) => {
                MigrationHarness::<diesel::pg::Pg>::applied_migrations(conn)
            }
        }
        .map_err(migration_error)?
        .into_iter()
        .map(|applied| applied.to_string())
        .max();
        match newest {
            Some(newest) if newest > target => {}
            _ => return Ok(reverted),
        }
        match conn {
            DbConnection::Sqlite(conn) => conn.revert_last_migration(SQLITE_MIGRATIONS).map(drop),
            DbConnection::Postgresql(conn) => {
                conn.revert_last_migration(POSTGRES_MIGRATIONS).map(drop)
            }
        }
        .map_err(migration_error)?;
        reverted += 1;
    }
}

/// Runs `work` in a transaction that writes. On SQLite it takes the write lock up front
/// (`BEGIN IMMEDIATE`), so concurrent writers wait for each other instead of failing mid-way.
pub fn write_transaction<T, E>(
    conn: &mut DbConnection,
    work: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<DieselError>,
{
    match conn {
        DbConnection::Sqlite(inner) => {
            AnsiTransactionManager::begin_transaction_sql(inner, "BEGIN IMMEDIATE")?
        }
        DbConnection::Postgresql(inner) => AnsiTransactionManager::begin_transaction(inner)?,
    }
    match work(conn) {
        Ok(value) => {
            DbConnection::commit_transaction(conn)?;
            Ok(value)
        }
        Err(error) => {
            if let Err(rollback) = DbConnection::rollback_transaction(conn) {
                tracing::error!(%rollback, "rollback failed");
            }
            Err(error)
        }
    }
}
