//! Whole-board responses kept serialised, keyed by the board's revision (the id of its newest
//! change in the activity feed). A read checks the revision with one indexed query; an unchanged
//! board is answered from memory, a changed one is read again. Correct across several instances:
//! the revision lives in the database, not in this cache.

use std::collections::HashMap;
use std::sync::Mutex;

use actix_web::web::Bytes;
use rapport_domain::BoardId;

/// Boards kept at most (the least recently read is dropped first).
const CAPACITY: usize = 32;

struct Entry {
    revision: Option<String>,
    body: Bytes,
    last_used: u64,
}

/// Serialised board views by board id.
#[derive(Default)]
pub struct BoardCache {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    entries: HashMap<BoardId, Entry>,
    clock: u64,
}

impl BoardCache {
    /// The stored view of `board` if it was made at `revision`.
    pub fn get(&self, board: BoardId, revision: &Option<String>) -> Option<Bytes> {
        let mut inner = self.inner.lock().ok()?;
        inner.clock += 1;
        let clock = inner.clock;
        let entry = inner.entries.get_mut(&board)?;
        if &entry.revision != revision {
            return None;
        }
        entry.last_used = clock;
        Some(entry.body.clone())
    }

    /// Keeps the view of `board` made at `revision` (the revision read before the contents).
    pub fn put(&self, board: BoardId, revision: Option<String>, body: Bytes) {
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        inner.clock += 1;
        let clock = inner.clock;
        if inner.entries.len() >= CAPACITY && !inner.entries.contains_key(&board) {
            let oldest = inner
                .entries
                .iter()
                .min_by_key(|(_, entry)| entry.last_used)
                .map(|(key, _)| *key);
            if let Some(oldest) = oldest {
                inner.entries.remove(&oldest);
            }
        }
        inner.entries.insert(
            board,
            Entry {
                revision,
                body,
                last_used: clock,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn board(n: u128) -> BoardId {
        BoardId(uuid::Uuid::from_u128(n))
    }

    #[test]
    fn a_view_is_served_only_at_its_revision() {
        let cache = BoardCache::default();
        cache.put(board(1), Some("r1".into()), Bytes::from_static(b"one"));
        assert_eq!(
            cache.get(board(1), &Some("r1".into())).as_deref(),
            Some(&b"one"[..])
        );
        assert_eq!(cache.get(board(1), &Some("r2".into())), None);
        assert_eq!(cache.get(board(1), &None), None);
        assert_eq!(cache.get(board(2), &Some("r1".into())), None);
    }

    #[test]
    fn the_least_recently_read_board_goes_first() {
        let cache = BoardCache::default();
        for i in 0..CAPACITY as u128 {
            cache.put(board(i), None, Bytes::new());
        }
        assert!(cache.get(board(0), &None).is_some());
        cache.put(board(1000), None, Bytes::new());
        assert!(cache.get(board(0), &None).is_some(), "recently read, kept");
        assert!(
            cache.get(board(1), &None).is_none(),
            "least recently used, dropped"
        );
    }
}
