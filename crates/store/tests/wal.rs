//! SQLite's write-ahead log stays bounded under sustained writes while readers overlap them.
//!
//! One writer writes as fast as it can (a card-move-like transaction: a row moved in an index and
//! an activity row added), taking turns in the writer queue like the server's writers and calling
//! `WalWatch::wrote` after each transaction, as the server does; three readers keep read
//! transactions open back to back. Time plays no part: the checkpointer runs when the writer asks,
//! every 16 write transactions (the server: every 256, and every second).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test fails loudly at the first surprise"
)]

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use diesel::connection::SimpleConnection;
use rapport_store::testing::{Backend, TestDatabase};
use rapport_store::wal::{Checkpointer, WalSettings, WalStats, WriterQueue};
use rapport_store::{write_transaction, StoreError};

const MIB: u64 = 1024 * 1024;
const CARDS: u64 = 5_000;
const WRITES: u64 = 4_000;
/// The test's threshold; the server's is 16 MiB.
const RESTART_ABOVE: u64 = MIB;
/// The `-wal` file must stay under this. The log grows between two looks and while the
/// checkpointer catches up (`PASSIVE` passes first, then readers to wait for), more so in a debug
/// build on busy cores (3.5 to 6 MiB seen); without restarts it reaches 87 MiB.
const BOUND: u64 = 12 * MIB;

struct Outcome {
    largest_wal: u64,
    stats: WalStats,
}

/// A tiny deterministic random number generator (xorshift), so runs are alike.
struct Random(u64);

impl Random {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// The two tests take turns: each one's threads would slow the other's on the same cores.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn drive(restart_above: u64) -> Outcome {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);
    let database = TestDatabase::new(Backend::Sqlite);
    let path = database.url.strip_prefix("sqlite://").unwrap().to_owned();
    let mut writer = database.connect();
    writer
        .batch_execute(&format!(
            "CREATE TABLE cards (id INTEGER PRIMARY KEY, column_id INTEGER NOT NULL, \
               order_key TEXT NOT NULL, payload TEXT NOT NULL); \
             CREATE INDEX cards_by_column ON cards (column_id, order_key); \
             CREATE TABLE activity (id INTEGER PRIMARY KEY, card_id INTEGER NOT NULL, \
               body TEXT NOT NULL); \
             CREATE INDEX activity_by_card ON activity (card_id); \
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {CARDS}) \
             INSERT INTO cards SELECT i, i % 10, printf('%08d', i), hex(randomblob(100)) FROM n;"
        ))
        .unwrap();

    let queue = WriterQueue::new();
    let (checkpointer, wal) = Checkpointer::new(
        &path,
        queue.clone(),
        WalSettings {
            restart_above,
            check_every: 16,
            period: None,
        },
    )
    .unwrap();
    let checkpointing = std::thread::spawn(move || checkpointer.run());

    let stop = Arc::new(AtomicBool::new(false));
    let readers: Vec<_> = (0..3)
        .map(|_| {
            let mut conn = database.connect();
            let stop = stop.clone();
            std::thread::spawn(move || {
                let mut reads = 0_u64;
                while !stop.load(Ordering::Relaxed) {
                    conn.batch_execute(
                        "BEGIN; \
                         SELECT count(*), max(order_key) FROM cards WHERE column_id = 3; \
                         SELECT max(id) FROM activity; \
                         COMMIT;",
                    )
                    .unwrap();
                    reads += 1;
                }
                reads
            })
        })
        .collect();

    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    let mut largest_wal = 0;
    for _ in 0..WRITES {
        let card = 1 + random.below(CARDS);
        let column = random.below(10);
        let key = random.below(100_000_000);
        {
            let _turn = queue.turn();
            write_transaction(&mut writer, |conn| {
                conn.batch_execute(&format!(
                    "UPDATE cards SET column_id = {column}, order_key = printf('%08d', {key}) \
                       WHERE id = {card}; \
                     INSERT INTO activity (card_id, body) VALUES ({card}, hex(randomblob(60)));"
                ))?;
                Ok::<_, StoreError>(())
            })
            .unwrap();
        }
        wal.wrote();
        largest_wal = largest_wal.max(wal.wal_bytes());
    }

    stop.store(true, Ordering::Relaxed);
    let reads: u64 = readers.into_iter().map(|r| r.join().unwrap()).sum();
    assert!(reads > 0, "the readers read");
    let stats = wal.stats();
    drop(wal);
    checkpointing.join().unwrap();
    eprintln!(
        "threshold {restart_above}: {WRITES} writes, {reads} read transactions, largest -wal \
         file {largest_wal} bytes, {stats:?}"
    );
    Outcome { largest_wal, stats }
}

#[test]
fn the_log_stays_bounded_while_readers_overlap_writers() {
    let outcome = drive(RESTART_ABOVE);
    assert!(
        outcome.largest_wal < BOUND,
        "the -wal file reached {} bytes ({:?})",
        outcome.largest_wal,
        outcome.stats
    );
    assert!(outcome.stats.restarts > 0, "{:?}", outcome.stats);
}

/// The starvation the checkpointer exists for, and the proof that this load reproduces it:
/// with `PASSIVE` checkpoints alone (the server before, once a second), the log only grows.
#[test]
fn passive_checkpoints_alone_let_the_log_grow() {
    let outcome = drive(u64::MAX);
    assert!(
        outcome.largest_wal > 3 * BOUND,
        "the -wal file reached only {} bytes ({:?})",
        outcome.largest_wal,
        outcome.stats
    );
    assert_eq!(outcome.stats.restarts, 0);
}
