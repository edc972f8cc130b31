//! Where the hub's events come from: on SQLite the writer's hand-over, on PostgreSQL a side
//! connection LISTENing on the events channel (diesel has no LISTEN; tokio-postgres does). Either
//! way one task resolves them in order and delivers them.

use std::time::Duration;

use futures_util::StreamExt;
use rapport_store::events::{Wire, CHANNEL};
use tokio::sync::{mpsc, oneshot};
use tokio_postgres::AsyncMessage;

use crate::db::Db;
use crate::realtime::hub::Hub;
use crate::realtime::resolve::resolve;

/// Resolves each wire from `wires`, one at a time so that they keep their order, and delivers it.
pub async fn feed(db: Db, hub: Hub, mut wires: mpsc::UnboundedReceiver<Wire>) {
    while let Some(wire) = wires.recv().await {
        match db.run(move |conn| resolve(conn, &wire)).await {
            Ok(Some(delivery)) => hub.deliver(delivery),
            Ok(None) => {}
            Err(error) => tracing::warn!(?error, "an event could not be read"),
        }
    }
}

/// A TLS connector as libpq's `sslmode` would have it: certificates are checked only for
/// `verify-ca` and `verify-full`.
fn tls_for(url: &str) -> anyhow::Result<postgres_native_tls::MakeTlsConnector> {
    let verify = url.contains("sslmode=verify-ca") || url.contains("sslmode=verify-full");
    let connector = native_tls::TlsConnector::builder()
        .danger_accept_invalid_certs(!verify)
        .danger_accept_invalid_hostnames(!url.contains("sslmode=verify-full"))
        .build()?;
    Ok(postgres_native_tls::MakeTlsConnector::new(connector))
}

/// PostgreSQL: forwards the channel's events to `forward` until the server stops, reconnecting
/// after a lost connection (events sent meanwhile are missed by open sockets; clients read them
/// again by cursor when they reconnect). `listening` is told once the first LISTEN is in place.
pub async fn listen(
    url: String,
    forward: mpsc::UnboundedSender<Wire>,
    listening: oneshot::Sender<()>,
) {
    let mut listening = Some(listening);
    loop {
        match listen_once(&url, &forward, &mut listening).await {
            Ok(()) => return,
            Err(error) => {
                tracing::warn!(%error, "the events connection to PostgreSQL was lost; reconnecting");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    }
}

async fn listen_once(
    url: &str,
    forward: &mpsc::UnboundedSender<Wire>,
    listening: &mut Option<oneshot::Sender<()>>,
) -> anyhow::Result<()> {
    let (client, mut connection) = tokio_postgres::connect(url, tls_for(url)?).await?;
    let (payloads, mut received) = mpsc::unbounded_channel::<String>();
    let driver = tokio::spawn(async move {
        let mut messages = futures_util::stream::poll_fn(move |cx| connection.poll_message(cx));
        while let Some(message) = messages.next().await {
            match message {
                Ok(AsyncMessage::Notification(notification)) => {
                    let _ = payloads.send(notification.payload().to_owned());
                }
                Ok(_) => {}
                Err(error) => return Err(error),
            }
        }
        Ok(())
    });
    client.batch_execute(&format!("LISTEN {CHANNEL}")).await?;
    if let Some(listening) = listening.take() {
        let _ = listening.send(());
    }
    while let Some(payload) = received.recv().await {
        match serde_json::from_str::<Wire>(&payload) {
            Ok(wire) => {
                if forward.send(wire).is_err() {
                    return Ok(());
                }
            }
            Err(error) => tracing::warn!(%error, payload, "an event that is not one of ours"),
        }
    }
    driver.await??;
    anyhow::bail!("the events connection closed")
}
