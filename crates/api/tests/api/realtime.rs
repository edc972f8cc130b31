//! The realtime socket with real WebSocket clients (tokio-tungstenite): who receives what, once
//! and in order; reconnecting and reading what was missed; live boards; two servers on one
//! PostgreSQL.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use reqwest::Method;
use serde_json::{json, Value};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message as Frame;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use crate::network::connect_creator;
use crate::on_both_backends;
use crate::support::{Backend, TestApp, TestDatabase, TestUser};

/// How long an awaited event may take before the test fails (events take milliseconds).
const EVENT_DEADLINE: Duration = Duration::from_secs(10);

/// A signed-in WebSocket client (other test files open one too).
pub(crate) struct Socket {
    stream: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

impl Socket {
    /// Connects to `app`'s socket and signs in with `token`.
    pub(crate) async fn open(app: &TestApp, token: &str) -> Self {
        let url = format!("{}/api/v1/realtime", app.address.replacen("http", "ws", 1));
        let (stream, _) = tokio_tungstenite::connect_async(url)
            .await
            .expect("the socket opens");
        let mut socket = Self { stream };
        socket
            .stream
            .send(Frame::text(
                json!({"type": "auth", "token": token}).to_string(),
            ))
            .await
            .unwrap();
        let ready = socket.next().await;
        assert_eq!(ready["type"], "ready", "{ready}");
        socket
    }

    /// The next event.
    async fn next(&mut self) -> Value {
        loop {
            let frame = tokio::time::timeout(EVENT_DEADLINE, self.stream.next())
                .await
                .expect("an event within the deadline")
                .expect("the socket is open")
                .expect("a frame");
            match frame {
                Frame::Text(text) => return serde_json::from_str(&text).unwrap(),
                Frame::Ping(_) | Frame::Pong(_) => continue,
                other => panic!("unexpected frame {other:?}"),
            }
        }
    }

    /// Every event up to and including the first of type `until`.
    pub(crate) async fn until(&mut self, until: &str) -> Vec<Value> {
        self.until_event(|event| event["type"] == until).await
    }

    /// Every event up to and including the first that `last` accepts.
    async fn until_event(&mut self, last: impl Fn(&Value) -> bool) -> Vec<Value> {
        let mut seen = Vec::new();
        loop {
            let event = self.next().await;
            let done = last(&event);
            seen.push(event);
            if done {
                return seen;
            }
        }
    }
}

fn messages_in(events: &[Value]) -> Vec<String> {
    events
        .iter()
        .filter(|e| e["type"] == "message_created")
        .map(|e| e["message"]["text"].as_str().unwrap().to_owned())
        .collect()
}

/// A brand with a teammate and a connected creator, and their conversation; answers (owner,
/// teammate, creator's token, conversation id).
async fn chat(app: &TestApp) -> (TestUser, TestUser, String, String) {
    let brand = app.signup("mia@brand.example").await;
    let teammate = app.add_member(&brand, "sam@brand.example", "member").await;
    let (ada, influencer) = connect_creator(app, &brand, "ada@creators.example", "Ada Cooks").await;
    let conversation = app
        .post(
            &format!("/api/v1/teams/{}/conversations", brand.team_id),
            Some(&brand.token),
            json!({"influencer_id": influencer}),
        )
        .await
        .expect(200)
        .str("/id");
    (brand, teammate, ada, conversation)
}

async fn say(app: &TestApp, token: &str, conversation: &str, text: &str) {
    app.post(
        &format!("/api/v1/conversations/{conversation}/messages"),
        Some(token),
        json!({"text": text}),
    )
    .await
    .expect(201);
}

async fn messages_reach_each_member_and_the_creator_once_in_order(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (brand, teammate, ada, conversation) = chat(&app).await;
    let outsider = app.signup("eve@other.example").await;
    let mut sockets = vec![
        Socket::open(&app, &brand.token).await,
        Socket::open(&app, &teammate.token).await,
        Socket::open(&app, &ada).await,
    ];
    let mut eve = Socket::open(&app, &outsider.token).await;

    for text in ["one", "two", "three"] {
        say(&app, &brand.token, &conversation, text).await;
    }
    // The creator reads: a last event everyone in the conversation gets, after the messages
    // (each message also moved the team's own marker: those read events come in between).
    app.post(
        &format!("/api/v1/conversations/{conversation}/read"),
        Some(&ada),
        json!({}),
    )
    .await
    .expect(204);
    let creator_read =
        |event: &Value| event["type"] == "conversation_read" && event["side"] == "influencer";
    for socket in &mut sockets {
        let events = socket.until_event(creator_read).await;
        assert_eq!(messages_in(&events), ["one", "two", "three"], "{events:#?}");
    }
    // The creator was also told of each message; the team was not told of its own.
    let ada_socket = &mut sockets[2];
    say(&app, &ada, &conversation, "four").await;
    let events = ada_socket.until("message_created").await;
    assert_eq!(messages_in(&events), ["four"]);

    // The outsider hears nothing of it: the first event they get is their own board's.
    let board = app
        .post(
            &format!("/api/v1/teams/{}/boards", outsider.team_id),
            Some(&outsider.token),
            json!({"name": "Eve's", "columns": ["Todo"]}),
        )
        .await
        .expect(201)
        .str("/id");
    let column = app
        .get(&format!("/api/v1/boards/{board}"), &outsider.token)
        .await
        .expect(200)
        .str("/columns/0/id");
    app.post(
        &format!("/api/v1/boards/{board}/cards"),
        Some(&outsider.token),
        json!({"column_id": column, "profile": "instagram.com/someone"}),
    )
    .await
    .expect(201);
    let first = eve.next().await;
    assert_eq!(first["type"], "board_changed", "{first}");
    assert_eq!(first["board_id"], board.as_str());

    // A client that was away reads what it missed by cursor.
    let teammate_socket = sockets.remove(1);
    drop(teammate_socket);
    say(&app, &brand.token, &conversation, "while you were away").await;
    let mut back = Socket::open(&app, &teammate.token).await;
    let missed = app
        .get(
            &format!("/api/v1/conversations/{conversation}/messages?limit=1"),
            &teammate.token,
        )
        .await
        .expect(200);
    assert_eq!(missed.body["items"][0]["text"], "while you were away");
    say(&app, &brand.token, &conversation, "welcome back").await;
    let events = back
        .until_event(|event| event["message"]["text"] == "welcome back")
        .await;
    // An event committed just before the socket opened may still arrive on it: the client keeps
    // messages by id, so it shows each once.
    let received = messages_in(&events);
    assert_eq!(received.last().map(String::as_str), Some("welcome back"));
    assert!(received.len() <= 2, "{received:?}");
}

async fn a_teammates_move_reaches_an_open_board(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let brand = app.signup("mia@brand.example").await;
    let teammate = app.add_member(&brand, "sam@brand.example", "member").await;
    let board = app.board(&brand, "Launch", &["Contacted", "Signed"]).await;
    let card = app
        .card(&brand, &board.0, &board.1[0], "instagram.com/ada.cooks")
        .await;
    let mut watching = Socket::open(&app, &brand.token).await;
    app.post(
        &format!("/api/v1/cards/{card}/move"),
        Some(&teammate.token),
        json!({"column_id": board.1[1]}),
    )
    .await
    .expect(200);
    let event = watching.next().await;
    assert_eq!(event["type"], "board_changed", "{event}");
    assert_eq!(event["board_id"], board.0.as_str());
}

async fn a_socket_must_sign_in(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let url = format!("{}/api/v1/realtime", app.address.replacen("http", "ws", 1));
    let (mut stream, _) = tokio_tungstenite::connect_async(url).await.unwrap();
    stream
        .send(Frame::text(
            json!({"type": "auth", "token": "forged"}).to_string(),
        ))
        .await
        .unwrap();
    let frame = tokio::time::timeout(EVENT_DEADLINE, stream.next())
        .await
        .expect("an answer")
        .expect("a frame")
        .expect("readable");
    assert!(
        matches!(frame, Frame::Close(Some(ref reason)) if reason.code == tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode::Policy),
        "{frame:?}"
    );
    // A plain request is told what the address is.
    app.call(Method::GET, "/api/v1/realtime", None, None)
        .await
        .expect_problem(400, "websocket_expected");
}

/// The mails telling Ada of new messages from mia's team.
async fn mails_to_ada(app: &TestApp) -> usize {
    let mailbox = app
        .call(
            Method::GET,
            "/api/v1/dev/mailbox?to=ada@creators.example",
            None,
            None,
        )
        .await
        .expect(200);
    mailbox.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|mail| mail["subject"] == "New message from mia's team")
        .count()
}

async fn a_creator_with_the_app_open_is_not_mailed(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (brand, _, ada, conversation) = chat(&app).await;
    let mut socket = Socket::open(&app, &ada).await;
    say(&app, &brand.token, &conversation, "you are here").await;
    socket.until("message_created").await;
    // The mail would have been queued in the transaction that stored the message.
    assert_eq!(mails_to_ada(&app).await, 0);
}

on_both_backends!(
    a_creator_with_the_app_open_is_not_mailed,
    messages_reach_each_member_and_the_creator_once_in_order,
    a_teammates_move_reaches_an_open_board,
    a_socket_must_sign_in,
);

/// Two servers on one PostgreSQL: a message sent through one reaches a socket of the other, and
/// the creator, online on the other server, is not mailed about it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_crosses_servers_on_postgres() {
    let database = TestDatabase::new(Backend::Postgres);
    let second = database.shared();
    let one = TestApp::spawn_with(database, &[]).await;
    let two = TestApp::spawn_with(second, &[]).await;
    let (brand, _, ada, conversation) = chat(&one).await;
    let mut on_two = Socket::open(&two, &ada).await;
    say(&one, &brand.token, &conversation, "across").await;
    let events = on_two.until("message_created").await;
    assert_eq!(messages_in(&events), ["across"]);
    assert_eq!(mails_to_ada(&one).await, 0, "online on the other server");
    drop(on_two);
    let _ = two.stop().await;
}
