//! SQLite's writers and its write-ahead log: writers take turns in-process, and a checkpointer
//! keeps the log bounded without any request paying for a checkpoint.
//!
//! Connections never checkpoint by themselves (`wal_autocheckpoint = 0`, see [`crate::db`]): a
//! [`Checkpointer`], on its own connection and thread, copies the log back into the database with
//! `PASSIVE` checkpoints, which wait for nobody. That alone does not bound the log: SQLite starts
//! the log over only when a writer begins while every frame has been copied back and no reader
//! still reads from the log, which never happens while readers and writers overlap (SQLite's
//! documentation calls it checkpoint starvation; a single client moving cards for 20 s grew the
//! log to 1,452 MiB). So when the log passes a size threshold, the checkpointer takes its turn in
//! the [`WriterQueue`], like a writer, and runs a `RESTART` checkpoint: with no writer adding
//! frames it waits only for the readers already running, then has the next writer start the log
//! over from the beginning of the file (the file keeps its size and is written over; `TRUNCATE`,
//! which also shrinks it, made writers wait 60 to 100 ms longer on this machine's disk). Writers
//! ask for a pass every so many write transactions ([`WalWatch::wrote`]), and the checkpointer also
//! runs on its own every period (one second in the server). `PRAGMA journal_size_limit` trims the
//! file when the log starts over, should a large transaction have grown it.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender, TrySendError};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::sql_types::Integer;
use diesel::sqlite::SqliteConnection;
use diesel::{QueryableByName, RunQueryDsl};

use crate::db::{DatabaseUrl, DbConnection};
use crate::error::StoreError;

/// Above this much log the checkpointer starts it over (`RESTART`).
pub const RESTART_ABOVE_BYTES: u64 = 16 * 1024 * 1024;

/// Writers ask for a pass every this many write transactions (a card move adds about 32 KiB of
/// log, so about 8 MiB between two looks).
pub const CHECK_EVERY_WRITES: u64 = 256;

/// `PRAGMA journal_size_limit` of every SQLite connection: when the log starts over, SQLite trims
/// the file to this size.
pub const JOURNAL_SIZE_LIMIT_BYTES: u64 = 32 * 1024 * 1024;

/// How long a `RESTART` checkpoint, holding the writers' turn, waits for readers that still read
/// from the log before it gives up until the next pass.
const RESTART_PATIENCE: Duration = Duration::from_millis(100);

/// Pause between two tries of a `RESTART` checkpoint that found readers in the log (SQLite's own
/// busy handler would sleep 1, 2, 5, 10... ms while every writer waits).
const RESTART_RETRY: Duration = Duration::from_micros(200);

/// Before the writers wait for a restart, `PASSIVE` checkpoints copy the log again until one finds
/// at most this many frames (of 4 KiB) added while the one before ran...
const CATCH_UP_FRAMES: i32 = 64;

/// ...or this many more of them have run.
const MAX_CATCH_UP_PASSES: usize = 2;

/// SQLite writers of this process, one at a time, first come first served.
///
/// Waiting here instead of in SQLite's busy handler (which sleeps in steps of up to 100 ms) keeps
/// every writer's wait at the time the writers before it take. The checkpointer queues here too
/// before it starts the log over.
#[derive(Clone, Default)]
pub struct WriterQueue {
    inner: Arc<Queue>,
}

#[derive(Default)]
struct Queue {
    tickets: Mutex<Tickets>,
    served: Condvar,
}

/// A ticket lock: each writer draws the next number and goes when it is served.
#[derive(Default)]
struct Tickets {
    next: u64,
    serving: u64,
}

impl Queue {
    /// The counters are updated by code that cannot panic, so a poisoned lock holds nothing broken.
    fn tickets(&self) -> MutexGuard<'_, Tickets> {
        self.tickets.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl WriterQueue {
    /// A new, empty queue.
    pub fn new() -> Self {
        Self::default()
    }

    /// Waits for this caller's turn; the turn ends when the returned value is dropped.
    pub fn turn(&self) -> Turn<'_> {
        let mut tickets = self.inner.tickets();
        let mine = tickets.next;
        tickets.next += 1;
        while tickets.serving != mine {
            tickets = self
                .inner
                .served
                .wait(tickets)
                .unwrap_or_else(PoisonError::into_inner);
        }
        Turn { queue: &self.inner }
    }
}

/// One writer's turn in the [`WriterQueue`]; dropping it lets the next one go.
pub struct Turn<'a> {
    queue: &'a Queue,
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        self.queue.tickets().serving += 1;
        self.queue.served.notify_all();
    }
}

/// How the checkpointer works.
#[derive(Debug, Clone, Copy)]
pub struct WalSettings {
    /// Above this much log, a pass starts it over in the writers' turn.
    pub restart_above: u64,
    /// Writers ask for a pass every this many write transactions.
    pub check_every: u64,
    /// A pass runs at least this often; `None`: only when asked ([`WalWatch::tick`],
    /// [`WalWatch::wrote`]), as tests drive it.
    pub period: Option<Duration>,
}

impl Default for WalSettings {
    /// The server's: start the log over above [`RESTART_ABOVE_BYTES`], a pass every
    /// [`CHECK_EVERY_WRITES`] writes and every second.
    fn default() -> Self {
        Self {
            restart_above: RESTART_ABOVE_BYTES,
            check_every: CHECK_EVERY_WRITES,
            period: Some(Duration::from_secs(1)),
        }
    }
}

/// What the checkpointer has done so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WalStats {
    /// Passes run (each one a `PASSIVE` checkpoint at least).
    pub passes: u64,
    /// Passes that started the log over (`RESTART`).
    pub restarts: u64,
    /// Passes that wanted to start the log over but found readers in it for too long.
    pub busy: u64,
}

#[derive(Default)]
struct Counters {
    passes: AtomicU64,
    restarts: AtomicU64,
    busy: AtomicU64,
}

/// What one pass did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// The log was under the threshold: a `PASSIVE` checkpoint only.
    Passive,
    /// The log was over the threshold; the next writer starts it over.
    Restarted,
    /// The log was over the threshold but readers kept reading from it; the next pass tries again.
    Busy,
}

/// The writers' side of the checkpointer: cheap to clone; the checkpointer stops when the last
/// one is dropped.
#[derive(Clone)]
pub struct WalWatch {
    wal: PathBuf,
    check_every: u64,
    writes: Arc<AtomicU64>,
    requests: SyncSender<()>,
    counters: Arc<Counters>,
}

impl WalWatch {
    /// To be called after each write transaction: asks for a pass every
    /// [`WalSettings::check_every`] writes.
    pub fn wrote(&self) {
        if (self.writes.fetch_add(1, Ordering::Relaxed) + 1).is_multiple_of(self.check_every) {
            self.tick();
        }
    }

    /// Asks for a pass now (if one is already asked for, that one will do).
    pub fn tick(&self) {
        match self.requests.try_send(()) {
            Ok(()) | Err(TrySendError::Full(())) => {}
            Err(TrySendError::Disconnected(())) => {
                tracing::warn!("the SQLite checkpointer has stopped");
            }
        }
    }

    /// The size of the `-wal` file now (0 when there is none): the log's largest extent since the
    /// file was last trimmed.
    pub fn wal_bytes(&self) -> u64 {
        std::fs::metadata(&self.wal).map_or(0, |meta| meta.len())
    }

    /// What the checkpointer has done so far.
    pub fn stats(&self) -> WalStats {
        WalStats {
            passes: self.counters.passes.load(Ordering::Relaxed),
            restarts: self.counters.restarts.load(Ordering::Relaxed),
            busy: self.counters.busy.load(Ordering::Relaxed),
        }
    }
}

/// Copies SQLite's write-ahead log back into the database on its own connection, and starts the
/// log over when it passes the threshold (see the module's documentation). Run it on its own thread
/// with [`Checkpointer::run`].
pub struct Checkpointer {
    conn: SqliteConnection,
    queue: WriterQueue,
    settings: WalSettings,
    frame_bytes: u64,
    requests: Receiver<()>,
    counters: Arc<Counters>,
}

impl Checkpointer {
    /// A checkpointer for the SQLite database at `path`, queueing with the writers of `queue`, and
    /// the writers' side of it.
    pub fn new(
        path: &str,
        queue: WriterQueue,
        settings: WalSettings,
    ) -> Result<(Self, WalWatch), StoreError> {
        let mut conn = match DatabaseUrl::Sqlite(path.to_owned()).establish()? {
            DbConnection::Sqlite(conn) => conn,
            DbConnection::Postgresql(_) => {
                return Err(StoreError::UnsupportedUrl(format!("sqlite://{path}")))
            }
        };
        // Waiting for readers is done here, in short steps, not by SQLite's busy handler.
        conn.batch_execute("PRAGMA busy_timeout = 0")?;
        let page_size: PageSize = diesel::sql_query("PRAGMA page_size").get_result(&mut conn)?;
        // A frame is a page and a 24-byte header.
        let frame_bytes = u64::try_from(page_size.page_size).unwrap_or(4096) + 24;
        let wal = PathBuf::from(format!("{path}-wal"));
        let (sender, requests) = mpsc::sync_channel(1);
        let counters = Arc::new(Counters::default());
        let watch = WalWatch {
            wal,
            check_every: settings.check_every.max(1),
            writes: Arc::default(),
            requests: sender,
            counters: counters.clone(),
        };
        let checkpointer = Self {
            conn,
            queue,
            settings,
            frame_bytes,
            requests,
            counters,
        };
        Ok((checkpointer, watch))
    }

    /// Runs a pass whenever asked and every period, until every [`WalWatch`] is dropped.
    pub fn run(mut self) {
        loop {
            let asked = match self.settings.period {
                Some(period) => match self.requests.recv_timeout(period) {
                    Ok(()) | Err(RecvTimeoutError::Timeout) => true,
                    Err(RecvTimeoutError::Disconnected) => false,
                },
                None => self.requests.recv().is_ok(),
            };
            if !asked {
                return;
            }
            match self.pass() {
                Ok(Pass::Busy) => {
                    tracing::warn!(
                        "SQLite's log is over its threshold, but readers kept reading from it"
                    )
                }
                Ok(Pass::Passive | Pass::Restarted) => {}
                Err(error) => tracing::warn!(%error, "SQLite checkpoint failed"),
            }
        }
    }

    /// One pass: a `PASSIVE` checkpoint (copies what it can while writers go on); then, if the
    /// log is over the threshold, a `RESTART` checkpoint in the writers' turn.
    pub fn pass(&mut self) -> Result<Pass, StoreError> {
        self.counters.passes.fetch_add(1, Ordering::Relaxed);
        let started = Instant::now();
        let mut copied = checkpoint(&mut self.conn, "PASSIVE")?;
        let log_bytes = u64::try_from(copied.log).unwrap_or(0) * self.frame_bytes;
        if log_bytes <= self.settings.restart_above {
            return Ok(Pass::Passive);
        }
        // Writers went on during that checkpoint; copy what they added too (each pass is shorter
        // than the one before), so that little is left to copy and sync while they wait.
        for _ in 0..MAX_CATCH_UP_PASSES {
            let again = checkpoint(&mut self.conn, "PASSIVE")?;
            let added = again.log - copied.log;
            copied = again;
            if added <= CATCH_UP_FRAMES {
                break;
            }
        }
        let passive = started.elapsed();
        let restarted = self.restart()?;
        tracing::debug!(
            log_bytes,
            passive_ms = passive.as_secs_f64() * 1e3,
            restart_ms = (started.elapsed() - passive).as_secs_f64() * 1e3,
            restarted,
            "starting SQLite's log over"
        );
        if restarted {
            self.counters.restarts.fetch_add(1, Ordering::Relaxed);
            Ok(Pass::Restarted)
        } else {
            self.counters.busy.fetch_add(1, Ordering::Relaxed);
            Ok(Pass::Busy)
        }
    }

    /// Has the log start over while no writer of this process writes; false if readers kept
    /// reading from it for longer than [`RESTART_PATIENCE`].
    fn restart(&mut self) -> Result<bool, StoreError> {
        let _turn = self.queue.turn();
        let deadline = Instant::now() + RESTART_PATIENCE;
        loop {
            if checkpoint(&mut self.conn, "RESTART")?.busy == 0 {
                return Ok(true);
            }
            if Instant::now() >= deadline {
                return Ok(false);
            }
            std::thread::sleep(RESTART_RETRY);
        }
    }
}

/// The row `PRAGMA page_size` answers.
#[derive(QueryableByName)]
struct PageSize {
    #[diesel(sql_type = Integer)]
    page_size: i32,
}

/// The row `PRAGMA wal_checkpoint` answers.
#[derive(QueryableByName)]
struct CheckpointRow {
    /// 1 when the checkpoint could not finish (a `RESTART` or `TRUNCATE` blocked by readers).
    #[diesel(sql_type = Integer)]
    busy: i32,
    /// Frames in the log.
    #[diesel(sql_type = Integer)]
    log: i32,
}

/// Runs `PRAGMA wal_checkpoint(MODE)`.
fn checkpoint(conn: &mut SqliteConnection, mode: &str) -> Result<CheckpointRow, StoreError> {
    Ok(diesel::sql_query(format!("PRAGMA wal_checkpoint({mode})")).get_result(conn)?)
}
