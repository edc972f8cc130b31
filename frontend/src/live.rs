//! Live events: one WebSocket to `/api/v1/realtime` while signed in, signed in by its first
//! message, reconnecting after a loss (2 s, then longer, up to 30 s). Events become signals the
//! screens watch: a board changed, a notification arrived, a message arrived, a conversation was read. After a reconnect,
//! `reconnected` fires so that screens read again what they may have missed.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use rapport_domain::messages::{Message, Side};
use rapport_domain::realtime::{ClientMessage, ServerEvent};
use rapport_domain::{BoardId, ConversationId, MessageId};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{CloseEvent, MessageEvent, WebSocket};

use crate::session::SessionState;

/// The first wait before reconnecting, in milliseconds; it doubles up to [`RETRY_MAX_MS`].
const RETRY_FIRST_MS: i32 = 2_000;
/// The longest wait before reconnecting.
const RETRY_MAX_MS: i32 = 30_000;

/// What the socket said last, as signals (provided as a context).
#[derive(Clone, Copy)]
pub struct Live {
    /// The last board that changed, with a count so that the same board twice is two changes.
    pub board_changed: RwSignal<Option<(BoardId, u64)>>,
    /// Fires for each new notification.
    pub notified: Trigger,
    /// The last message.
    pub message: RwSignal<Option<Message>>,
    /// The last read mark: a side of a conversation read up to a message.
    pub read: RwSignal<Option<(ConversationId, Side, MessageId)>>,
    /// Fires when the socket is back after a loss.
    pub reconnected: Trigger,
}

/// The live events (panics outside the app: a mistake in the code).
pub fn use_live() -> Live {
    expect_context::<Live>()
}

/// The socket and what keeps it going.
struct Connection {
    socket: Option<WebSocket>,
    retry_ms: i32,
    /// Whether a socket has been open before (the next open is a reconnect).
    opened_once: bool,
    /// The callbacks the open socket uses (dropped with it).
    handlers: Vec<Closure<dyn FnMut(web_sys::Event)>>,
}

fn socket_url() -> Option<String> {
    let location = web_sys::window()?.location();
    let scheme = if location.protocol().ok()? == "https:" {
        "wss"
    } else {
        "ws"
    };
    Some(format!(
        "{scheme}://{}/api/v1/realtime",
        location.host().ok()?
    ))
}

fn on_event(live: Live, event: ServerEvent) {
    match event {
        ServerEvent::Ready { .. } => {}
        ServerEvent::ConversationRead {
            conversation_id,
            side,
            upto,
        } => live.read.set(Some((conversation_id, side, upto))),
        ServerEvent::BoardChanged { board_id } => {
            let count = live
                .board_changed
                .get_untracked()
                .map_or(0, |(_, count)| count + 1);
            live.board_changed.set(Some((board_id, count)));
        }
        ServerEvent::NotificationCreated { .. } => live.notified.notify(),
        ServerEvent::MessageCreated { message } => live.message.set(Some(message)),
    }
}

fn open(live: Live, session: SessionState, state: Rc<RefCell<Connection>>) {
    let Some(stored) = session.stored.get_untracked() else {
        return;
    };
    let Some(url) = socket_url() else { return };
    let Ok(socket) = WebSocket::new(&url) else {
        return;
    };
    let token = stored.access_token;
    let opened = {
        let socket = socket.clone();
        let state = Rc::clone(&state);
        Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            let auth = ClientMessage::Auth {
                token: token.clone(),
            };
            if let Ok(text) = serde_json::to_string(&auth) {
                let _ = socket.send_with_str(&text);
            }
            let mut connection = state.borrow_mut();
            connection.retry_ms = RETRY_FIRST_MS;
            if connection.opened_once {
                live.reconnected.notify();
            }
            connection.opened_once = true;
        })
    };
    let received = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        let Some(event) = event.dyn_ref::<MessageEvent>() else {
            return;
        };
        if let Some(text) = event.data().as_string() {
            if let Ok(event) = serde_json::from_str::<ServerEvent>(&text) {
                on_event(live, event);
            }
        }
    });
    let closed = {
        let state = Rc::clone(&state);
        Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            let refused = event
                .dyn_ref::<CloseEvent>()
                .is_some_and(|close| close.code() == 1008);
            let wait = {
                let mut connection = state.borrow_mut();
                connection.socket = None;
                let wait = connection.retry_ms;
                connection.retry_ms = (wait * 2).min(RETRY_MAX_MS);
                wait
            };
            let state = Rc::clone(&state);
            let retry = Closure::once_into_js(move || {
                if session.stored.get_untracked().is_none() {
                    return;
                }
                if refused {
                    // The access token may have expired: any API call refreshes the session.
                    leptos::task::spawn_local(async move {
                        let _ = crate::api::me::get_me().await;
                        open(live, session, state);
                    });
                } else {
                    open(live, session, state);
                }
            });
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                    retry.unchecked_ref(),
                    wait,
                );
            }
        })
    };
    socket.set_onopen(Some(opened.as_ref().unchecked_ref()));
    socket.set_onmessage(Some(received.as_ref().unchecked_ref()));
    socket.set_onclose(Some(closed.as_ref().unchecked_ref()));
    let mut connection = state.borrow_mut();
    connection.socket = Some(socket);
    connection.handlers = vec![opened, received, closed];
}

/// Provides [`Live`] and keeps a socket open while someone is signed in.
pub fn provide_live(session: SessionState) {
    let live = Live {
        board_changed: RwSignal::new(None),
        notified: Trigger::new(),
        message: RwSignal::new(None),
        read: RwSignal::new(None),
        reconnected: Trigger::new(),
    };
    provide_context(live);
    let state = Rc::new(RefCell::new(Connection {
        socket: None,
        retry_ms: RETRY_FIRST_MS,
        opened_once: false,
        handlers: Vec::new(),
    }));
    let kept = StoredValue::new_local(Rc::clone(&state));
    // The user, not the session: a refreshed access token keeps the socket.
    let user = Memo::new(move |_| {
        session
            .stored
            .with(|stored| stored.as_ref().map(|s| s.user.id))
    });
    Effect::new(move |_| {
        let signed_in = user.get();
        let Some(state) = kept.try_get_value() else {
            return;
        };
        let old = state.borrow_mut().socket.take();
        if let Some(old) = old {
            old.set_onclose(None);
            let _ = old.close();
        }
        if signed_in.is_some() {
            open(live, session, state);
        }
    });
}
