//! Presence across servers (PostgreSQL): each server writes who has a socket open on it, every
//! 20 seconds and whenever someone comes or goes, valid for a minute; a server that dies stops
//! counting within that minute. On SQLite (one server) the hub's own count is all there is.

use std::time::Duration;

use rapport_store::presence;

use crate::clock::Clock;
use crate::db::Db;
use crate::realtime::hub::Hub;

/// Time between two refreshes.
const REFRESH_EVERY: Duration = Duration::from_secs(20);

/// How long a refresh holds.
pub fn valid_for() -> chrono::Duration {
    chrono::Duration::seconds(60)
}

/// Keeps this server's rows true, forever.
pub async fn keep(db: Db, hub: Hub, clock: Clock, server: String) {
    loop {
        let users = hub.online_users();
        let until = clock.now() + valid_for();
        let here = server.clone();
        if let Err(error) = db
            .write(move |conn| Ok(presence::refresh(conn, &here, &users, until)?))
            .await
        {
            tracing::warn!(%error, "presence not recorded");
        }
        tokio::select! {
            () = hub.presence_changed() => {}
            () = tokio::time::sleep(REFRESH_EVERY) => {}
        }
    }
}
