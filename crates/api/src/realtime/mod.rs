//! Realtime: events from committed changes reach every signed-in socket they concern, on every
//! server. On SQLite (one server) the writer hands them over in-process; on PostgreSQL they go
//! through `LISTEN/NOTIFY`, so a change made through one server reaches the sockets of all.

pub mod hub;
pub mod listener;
pub mod presence;
pub mod resolve;
pub mod socket;
