//! The server's clock. Everything that expires, repeats or waits reads the time here, so tests
//! move it forward instead of sleeping.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use chrono::{Duration, NaiveDateTime};

/// The system's time, plus an offset only tests set. Clones share the offset.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    offset_micros: Arc<AtomicI64>,
}

impl Clock {
    /// Now (UTC, to the microsecond, as stored).
    pub fn now(&self) -> NaiveDateTime {
        rapport_store::time::now()
            + Duration::microseconds(self.offset_micros.load(Ordering::Relaxed))
    }

    /// Moves this clock (and its clones) forward by `by`.
    pub fn advance(&self, by: Duration) {
        let micros = by.num_microseconds().unwrap_or(i64::MAX);
        self.offset_micros.fetch_add(micros, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_share_the_offset() {
        let clock = Clock::default();
        let before = clock.now();
        clock.clone().advance(Duration::days(31));
        let moved = clock.now() - before;
        assert!(moved >= Duration::days(31) && moved < Duration::days(32));
    }
}
