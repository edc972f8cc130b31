//! Throwaway databases for tests: each test gets its own, so tests run in parallel and leave nothing.
//!
//! PostgreSQL is reached at `RAPPORT_TEST_POSTGRES_URL` (default
//! `postgres://postgres@127.0.0.1:5432/postgres`); each database is created fresh and dropped on drop.

use diesel::connection::SimpleConnection;

use crate::{DatabaseUrl, DbConnection};

/// The backends every test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A SQLite file in a temporary folder.
    Sqlite,
    /// A fresh PostgreSQL database.
    Postgres,
}

/// The admin URL of the test PostgreSQL server.
pub fn postgres_admin_url() -> String {
    std::env::var("RAPPORT_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// A database that exists for one test.
pub struct TestDatabase {
    /// Its `DATABASE_URL`.
    pub url: String,
    /// Its backend.
    pub backend: Backend,
    folder: Option<tempfile::TempDir>,
    postgres_name: Option<String>,
}

impl TestDatabase {
    /// A new empty database on `backend`. Panics with the reason when it cannot be made.
    pub fn new(backend: Backend) -> Self {
        match backend {
            Backend::Sqlite => {
                let folder = tempfile::tempdir()
                    .unwrap_or_else(|e| panic!("cannot make a temporary folder: {e}"));
                let url = format!("sqlite://{}", folder.path().join("rapport.db").display());
                Self {
                    url,
                    backend,
                    folder: Some(folder),
                    postgres_name: None,
                }
            }
            Backend::Postgres => {
                let admin = postgres_admin_url();
                let name = format!("rapport_test_{}", uuid::Uuid::now_v7().simple());
                let mut conn = crate::db::connect_postgres(&admin).unwrap_or_else(|e| {
                    panic!("PostgreSQL is needed for the tests at {admin} (set RAPPORT_TEST_POSTGRES_URL): {e}")
                });
                conn.batch_execute(&format!("CREATE DATABASE {name}"))
                    .unwrap_or_else(|e| panic!("cannot create test database {name}: {e}"));
                let url = match admin.rsplit_once('/') {
                    Some((server, _)) => format!("{server}/{name}"),
                    None => panic!("RAPPORT_TEST_POSTGRES_URL must end in /DATABASE"),
                };
                Self {
                    url,
                    backend,
                    folder: None,
                    postgres_name: Some(name),
                }
            }
        }
    }

    /// The same database for a second server (several instances on one database); the first
    /// handle still owns it and drops it.
    pub fn shared(&self) -> Self {
        Self {
            url: self.url.clone(),
            backend: self.backend,
            folder: None,
            postgres_name: None,
        }
    }

    /// A new connection to it.
    pub fn connect(&self) -> DbConnection {
        DatabaseUrl::parse(&self.url)
            .and_then(|url| url.establish())
            .unwrap_or_else(|e| panic!("cannot connect to {}: {e}", self.url))
    }

    /// A folder that lives as long as the database (SQLite only).
    pub fn folder(&self) -> Option<&std::path::Path> {
        self.folder.as_ref().map(tempfile::TempDir::path)
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some(name) = &self.postgres_name {
            if let Ok(mut conn) = crate::db::connect_postgres(&postgres_admin_url()) {
                let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            }
        }
    }
}
