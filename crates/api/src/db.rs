//! Runs diesel's blocking queries on tokio's blocking pool with a pooled connection.

use rapport_store::{DbConnection, Pool, StoreError};

use crate::error::{ApiError, ApiResult};

/// The database handle the handlers and workers share.
#[derive(Clone)]
pub struct Db {
    pool: Pool,
}

impl Db {
    /// Wraps a pool.
    pub fn new(pool: Pool) -> Self {
        Self { pool }
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
        self.run(move |conn| rapport_store::write_transaction(conn, work))
            .await
    }
}
