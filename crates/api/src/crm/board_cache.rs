//! Whole-board responses kept serialised, keyed by the board's revision (the id of its newest
//! change in the activity feed). A read checks the revision with one indexed query; an unchanged
//! board is answered from memory, a changed one is read again. Correct across several instances:
//! the revision lives in the database, not in this cache.

use std::collections::HashMap;
use std::sync::Mutex;

use actix_web::web::Bytes;

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
    entries: HashMap<String, Entry>,
    clock: u64,
}

impl BoardCache {
    /// The stored view of `board` if it was made at `revision`.
    pub fn get(&self, board: &str, revision: &Option<String>) -> Option<Bytes> {
        let mut inner = self.inner.lock().ok()?;
        inner.clock += 1;
        let clock = inner.clock;
        let entry = inner.entries.get_mut(board)?;
        if &entry.revision != revision {
            return None;
        }
        entry.last_used = clock;
        Some(entry.body.clone())
    }

    /// Keeps the view of `board` made at `revision` (the revision read before the contents).
    pub fn put(&self, board: &str, revision: Option<String>, body: Bytes) {
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        inner.clock += 1;
        let clock = inner.clock;
        if inner.entries.len() >= CAPACITY && !inner.entries.contains_key(board) {
            let oldest = inner
                .entries
                .iter()
                .min_by_key(|(_, entry)| entry.last_used)
                .map(|(key, _)| key.clone());
            if let Some(oldest) = oldest {
                inner.entries.remove(&oldest);
            }
        }
        inner.entries.insert(
            board.to_owned(),
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

    #[test]
    fn a_view_is_served_only_at_its_revision() {
        let cache = BoardCache::default();
        cache.put("b", Some("r1".into()), Bytes::from_static(b"one"));
        assert_eq!(
            cache.get("b", &Some("r1".into())).as_deref(),
            Some(&b"one"[..])
        );
        assert_eq!(cache.get("b", &Some("r2".into())), None);
        assert_eq!(cache.get("b", &None), None);
        assert_eq!(cache.get("other", &Some("r1".into())), None);
    }

    #[test]
    fn the_least_recently_read_board_goes_first() {
        let cache = BoardCache::default();
        for i in 0..CAPACITY {
            cache.put(&format!("b{i}"), None, Bytes::new());
        }
        assert!(cache.get("b0", &None).is_some());
        cache.put("new", None, Bytes::new());
        assert!(cache.get("b0", &None).is_some(), "recently read, kept");
        assert!(
            cache.get("b1", &None).is_none(),
            "least recently used, dropped"
        );
    }
}
