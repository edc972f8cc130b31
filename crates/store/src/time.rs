//! Times are stored as UTC timestamps without zone, to the microsecond on both backends.

use chrono::{DateTime, NaiveDateTime, SubsecRound, Utc};

/// Now, rounded to the microsecond so a value reads back exactly as written on both backends.
pub fn now() -> NaiveDateTime {
    Utc::now().naive_utc().trunc_subsecs(6)
}

/// A stored timestamp as a UTC time.
pub fn utc(value: NaiveDateTime) -> DateTime<Utc> {
    value.and_utc()
}
