//! Runs diesel's blocking queries on tokio's blocking pool with a pooled connection.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use anyhow::Context;
use rapport_store::events::Wire;
use rapport_store::wal::{Checkpointer, WalSettings, WalWatch, WriterQueue};
use rapport_store::{DatabaseUrl, DbConnection, Pool, StoreError};
use tokio::sync::mpsc::UnboundedSender;

use crate::error::{ApiError, ApiResult};

/// The database handle the handlers and workers share.
#[derive(Clone)]
pub struct Db {
    pool: Pool,
    /// SQLite only: its writers and its write-ahead log (see [`rapport_store::wal`]).
    sqlite: Option<Arc<SqliteWrites>>,
    /// SQLite only: where committed transactions' events go (PostgreSQL sends them itself).
    events: Option<UnboundedSender<Wire>>,
    /// Woken when a committed write queued a job.
    jobs_wake: Option<Arc<tokio::sync::Notify>>,
    /// Callers waiting for a pooled connection right now (the metrics read it).
    waiting: Arc<AtomicUsize>,
}

/// The connection pool's figures, for the metrics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolState {
    /// Connections open.
    pub open: u32,
    /// Open and unused.
    pub idle: u32,
    /// The most the pool opens.
    pub max: u32,
    /// Callers waiting for a connection.
    pub waiting: usize,
}

/// SQLite takes one writer at a time: writers queue in-process, in order, instead of sleeping in
/// SQLite's busy handler; writers tell the checkpointer how many writes went by, so it starts the
/// log over before it grows large.
struct SqliteWrites {
    queue: WriterQueue,
    wal: WalWatch,
}

impl Db {
    /// Wraps a pool of connections to `url`; on SQLite, starts the checkpointer's thread (it
    /// stops when the last clone of this handle is dropped).
    pub fn new(pool: Pool, url: &DatabaseUrl) -> anyhow::Result<Self> {
        let sqlite = match url {
            DatabaseUrl::Sqlite(path) => {
                let queue = WriterQueue::new();
                let (checkpointer, wal) =
                    Checkpointer::new(path, queue.clone(), WalSettings::default())?;
                std::thread::Builder::new()
                    .name("sqlite-checkpoint".to_owned())
                    .spawn(move || checkpointer.run())
                    .context("cannot start the SQLite checkpointer")?;
                Some(Arc::new(SqliteWrites { queue, wal }))
            }
            DatabaseUrl::Postgres(_) => None,
        };
        Ok(Self {
            pool,
            sqlite,
            events: None,
            jobs_wake: None,
            waiting: Arc::default(),
        })
    }

    /// The same handle, waking `wake` (the job runner) after each write that queued a job.
    pub fn with_jobs_wake(mut self, wake: Arc<tokio::sync::Notify>) -> Self {
        self.jobs_wake = Some(wake);
        self
    }

    /// The same handle, handing the events of committed SQLite transactions to `events`.
    pub fn with_events(mut self, events: UnboundedSender<Wire>) -> Self {
        self.events = Some(events);
        self
    }

    /// The pool right now.
    pub fn pool_state(&self) -> PoolState {
        let state = self.pool.state();
        PoolState {
            open: state.connections,
            idle: state.idle_connections,
            max: self.pool.max_size(),
            waiting: self.waiting.load(Ordering::Relaxed),
        }
    }

    /// Whether this is a SQLite database (one server; events stay in the process).
    pub fn is_sqlite(&self) -> bool {
        self.sqlite.is_some()
    }

    /// Runs `work` with a connection, off the async workers.
    pub async fn run<T, F>(&self, work: F) -> ApiResult<T>
    where
        F: FnOnce(&mut DbConnection) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        let waiting = self.waiting.clone();
        tokio::task::spawn_blocking(move || {
            waiting.fetch_add(1, Ordering::Relaxed);
            let conn = pool.get();
            waiting.fetch_sub(1, Ordering::Relaxed);
            let mut conn = conn.map_err(StoreError::from)?;
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
        let sqlite = self.sqlite.clone();
        let events = self.events.clone();
        let jobs_wake = self.jobs_wake.clone();
        self.run(move |conn| {
            rapport_store::jobs::take_queued();
            let result = Self::write_here(conn, sqlite, events, work);
            if rapport_store::jobs::take_queued() && result.is_ok() {
                if let Some(wake) = &jobs_wake {
                    wake.notify_one();
                }
            }
            result
        })
        .await
    }

    fn write_here<T, F>(
        conn: &mut DbConnection,
        sqlite: Option<Arc<SqliteWrites>>,
        events: Option<UnboundedSender<Wire>>,
        work: F,
    ) -> ApiResult<T>
    where
        F: FnOnce(&mut DbConnection) -> ApiResult<T>,
    {
        match sqlite {
            None => rapport_store::write_transaction(conn, work),
            Some(sqlite) => {
                let result = {
                    let _turn = sqlite.queue.turn();
                    rapport_store::events::discard_pending();
                    let result = rapport_store::write_transaction(conn, work);
                    // Committed: its events go out while this writer still has its turn, so
                    // they leave in commit order; after a rollback they are dropped.
                    let emitted = rapport_store::events::take_pending();
                    if let (Ok(_), Some(events)) = (&result, &events) {
                        for wire in emitted {
                            // The hub is gone only when the server stops.
                            let _ = events.send(wire);
                        }
                    }
                    result
                };
                sqlite.wal.wrote();
                result
            }
        }
    }
}
