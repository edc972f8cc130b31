//! Runs diesel's blocking queries on tokio's blocking pool with a pooled connection.

use std::sync::{Arc, Mutex};

use rapport_store::{DatabaseUrl, DbConnection, Pool, StoreError};

use crate::error::{ApiError, ApiResult};

/// The database handle the handlers and workers share.
#[derive(Clone)]
pub struct Db {
    pool: Pool,
    /// SQLite takes one writer at a time: writers queue here, in order, instead of sleeping in
    /// SQLite's busy handler (which backs off in steps of up to 100 ms).
    sqlite_writer: Option<Arc<Mutex<()>>>,
}

impl Db {
    /// Wraps a pool of connections to `url`.
    pub fn new(pool: Pool, url: &DatabaseUrl) -> Self {
        let sqlite_writer = matches!(url, DatabaseUrl::Sqlite(_)).then(|| Arc::new(Mutex::new(())));
        Self {
            pool,
            sqlite_writer,
        }
    }

    /// Runs `work` with a connection, off the async workers.
    pub async fn run<T, F>(&self, work: F) -> ApiResult<T>
    where
        F: FnOnce(&mut DbConnection) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = pool.get().map_err(StoreError::from)?;
            work(&mut conn)
        })
        .await
        .map_err(ApiError::internal)?
    }

    /// Runs `work` in a write transaction (see [`rapport_store::write_transaction`]).
    pub async fn write<T, F>(&self, work: F) -> ApiResult<T>
    where
        F: FnOnce(&mut DbConnection) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let writer = self.sqlite_writer.clone();
        self.run(move |conn| {
            // The lock guards no data, so a panic elsewhere leaves nothing to repair.
            let _turn = writer.as_ref().map(|writer| {
                writer
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner())
            });
            rapport_store::write_transaction(conn, work)
        })
        .await
    }
}
