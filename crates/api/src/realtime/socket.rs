//! `GET /api/v1/realtime`: a WebSocket. The client's first message signs it in (the access
//! token, within 10 seconds: tokens stay out of URLs and logs); then every event concerning the
//! user (their teams' conversations and boards, their own conversations and notifications) is
//! sent as it happens. The server pings every 20 seconds and closes a socket silent for 60.

use std::sync::Arc;
use std::time::{Duration, Instant};

use actix_web::web::{Data, Payload};
use actix_web::{HttpRequest, HttpResponse};
use actix_ws::{AggregatedMessage, AggregatedMessageStream, CloseCode, CloseReason, Session};
use futures_util::StreamExt;
use rapport_domain::realtime::{ClientMessage, ServerEvent};
use rapport_domain::{TeamId, UserId};
use tokio::sync::broadcast::error::RecvError;

use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;

/// Time a new socket has to sign in.
const SIGN_IN_WAIT: Duration = Duration::from_secs(10);
/// Time between two pings (and two readings of the user's teams).
const PING_EVERY: Duration = Duration::from_secs(20);
/// Silence after which a socket is closed.
const SILENCE_MAX: Duration = Duration::from_secs(60);
/// Bytes of a client's message, at most.
const FRAME_MAX: usize = 16 * 1024;

/// Opens the socket.
pub async fn connect(
    state: Data<AppState>,
    request: HttpRequest,
    body: Payload,
) -> actix_web::Result<HttpResponse> {
    let (response, session, stream) = actix_ws::handle(&request, body).map_err(|_| {
        ApiError::new(
            ErrorCode::WebsocketExpected,
            "This address is a WebSocket: connect with a WebSocket client (Upgrade: websocket).",
        )
    })?;
    let stream = stream
        .max_frame_size(FRAME_MAX)
        .aggregate_continuations()
        .max_continuation_size(FRAME_MAX);
    actix_web::rt::spawn(serve(state.into_inner(), session, stream));
    Ok(response)
}

/// The user a first message signs in, if it does.
async fn sign_in(state: &AppState, stream: &mut AggregatedMessageStream) -> Option<UserId> {
    let first = tokio::time::timeout(SIGN_IN_WAIT, async {
        loop {
            match stream.next().await? {
                Ok(AggregatedMessage::Text(text)) => return Some(text),
                Ok(AggregatedMessage::Ping(_) | AggregatedMessage::Pong(_)) => continue,
                _ => return None,
            }
        }
    })
    .await
    .ok()??;
    match serde_json::from_str::<ClientMessage>(&first).ok()? {
        ClientMessage::Auth { token } => state.jwt.verify(&token),
    }
}

async fn teams_of(state: &AppState, user: UserId) -> Vec<TeamId> {
    state
        .db
        .run(move |conn| Ok(rapport_store::memberships::team_ids_of(conn, user)?))
        .await
        .unwrap_or_default()
}

async fn serve(state: Arc<AppState>, mut session: Session, mut stream: AggregatedMessageStream) {
    let Some(user) = sign_in(&state, &mut stream).await else {
        let reason = CloseReason {
            code: CloseCode::Policy,
            description: Some("sign in first: {\"type\":\"auth\",\"token\":…}".to_owned()),
        };
        let _ = session.close(Some(reason)).await;
        return;
    };
    // Subscribed before "ready": nothing committed after the client hears "ready" is missed.
    let mut events = state.hub.subscribe();
    let _present = state.hub.present(user);
    if !state.db.is_sqlite() {
        // Other servers know at once (the presence task keeps the row up to date from now).
        let server = state.server_id.clone();
        let until = state.clock.now() + crate::realtime::presence::valid_for();
        let marked = state
            .db
            .write(move |conn| Ok(rapport_store::presence::mark(conn, &server, user, until)?))
            .await;
        if let Err(error) = marked {
            tracing::debug!(%error, "presence: the presence task wrote the row first");
        }
    }
    let mut teams = teams_of(&state, user).await;
    let ready = serde_json::to_string(&ServerEvent::Ready { user_id: user }).unwrap_or_default();
    if session.text(ready).await.is_err() {
        return;
    }
    let mut heartbeat = tokio::time::interval(PING_EVERY);
    heartbeat.tick().await;
    let mut heard = Instant::now();
    loop {
        tokio::select! {
            event = events.recv() => match event {
                Ok(delivery) => {
                    if delivery.audience.includes(user, &teams)
                        && session.text(delivery.json.clone()).await.is_err()
                    {
                        break;
                    }
                }
                // Too slow: some events were dropped; the client reads them again by cursor
                // when it reconnects, so close to make it do so.
                Err(RecvError::Lagged(_)) => break,
                Err(RecvError::Closed) => break,
            },
            message = stream.next() => match message {
                Some(Ok(AggregatedMessage::Ping(bytes))) => {
                    heard = Instant::now();
                    if session.pong(&bytes).await.is_err() {
                        break;
                    }
                }
                Some(Ok(AggregatedMessage::Close(_))) | Some(Err(_)) | None => break,
                Some(Ok(_)) => heard = Instant::now(),
            },
            _ = heartbeat.tick() => {
                if heard.elapsed() > SILENCE_MAX || session.ping(b"").await.is_err() {
                    break;
                }
                teams = teams_of(&state, user).await;
            }
        }
    }
    let _ = session.close(None).await;
}
