//! The test harness: a real server on a free port, on its own fresh database, per test.

#![allow(dead_code)]

pub mod smtp;

use clap::Parser;
use rapport_api::config::ServeSettings;
use rapport_api::startup::{Application, Stopper};
pub use rapport_store::testing::{Backend, TestDatabase};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// Runs each named `async fn(Backend)` as two tests: `NAME::sqlite` and `NAME::postgres`.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$name($crate::support::Backend::Sqlite).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    super::$name($crate::support::Backend::Postgres).await
                }
            }
        )*
    };
}

#[derive(Parser)]
struct TestCli {
    #[command(flatten)]
    settings: ServeSettings,
}

/// Settings for a test server on `database`; `extra` adds or overrides flags.
/// The first retry of a failed mail waits this long in tests (then doubles).
pub const MAIL_RETRY_BASE_MS: u64 = 50;

pub fn settings(
    database: &TestDatabase,
    data_dir: &std::path::Path,
    extra: &[&str],
) -> ServeSettings {
    let data_dir = data_dir.display().to_string();
    let retry_base = MAIL_RETRY_BASE_MS.to_string();
    let mut args = vec![
        "rapport",
        "--database-url",
        &database.url,
        "--db-pool-size",
        "4",
        "--bind",
        "127.0.0.1:0",
        "--dev",
        "--data-dir",
        &data_dir,
        "--jwt-secret",
        "test-secret-test-secret-test-secret-0123",
        "--mail-retry-base-ms",
        &retry_base,
        "--workers",
        "2",
    ];
    let demo = extra.contains(&"--demo");
    if !demo {
        args.push("--no-demo");
    }
    args.extend(extra.iter().filter(|flag| **flag != "--demo"));
    TestCli::parse_from(args).settings
}

/// A running server and a client for it.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub database: TestDatabase,
    stopper: Option<Stopper>,
    /// The server's clock: tests move it forward instead of sleeping.
    pub clock: rapport_api::clock::Clock,
    /// Wakes the server's job runner.
    jobs_wake: std::sync::Arc<tokio::sync::Notify>,
    /// The metrics listener, when `--metrics-bind` asked for one.
    pub metrics_address: Option<String>,
    _data: tempfile::TempDir,
}

/// A response, read whole.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Reply {
    /// Asserts the status, showing the body when it differs.
    pub fn expect(self, status: u16) -> Self {
        assert_eq!(
            self.status.as_u16(),
            status,
            "unexpected status; body: {:#}",
            self.body
        );
        self
    }

    /// Asserts a problem response with this status and code.
    pub fn expect_problem(self, status: u16, code: &str) -> Self {
        let reply = self.expect(status);
        assert_eq!(
            reply.headers["content-type"], "application/problem+json",
            "problems are problem+json"
        );
        assert_eq!(reply.body["code"], code, "body: {:#}", reply.body);
        assert_eq!(reply.body["status"], status);
        reply
    }

    /// 422 `validation_failed` for an unknown id named in the body's `field` (unknown ids and
    /// other teams' alike).
    pub fn expect_unknown(self, field: &str) -> Self {
        let reply = self.expect_problem(422, "validation_failed");
        assert_eq!(reply.body["errors"][0]["field"], field, "{:#}", reply.body);
        assert_eq!(
            reply.body["errors"][0]["code"], "not_found",
            "{:#}",
            reply.body
        );
        reply
    }

    /// A string field.
    pub fn str(&self, pointer: &str) -> String {
        self.body
            .pointer(pointer)
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("no string at {pointer} in {:#}", self.body))
            .to_owned()
    }
}

/// A signed-up user.
#[derive(Debug, Clone)]
pub struct TestUser {
    pub id: String,
    pub email: String,
    pub token: String,
    pub refresh_token: String,
    pub team_id: String,
}

impl TestApp {
    /// Starts a server on a fresh database of `backend`.
    pub async fn spawn(backend: Backend) -> Self {
        Self::spawn_with(TestDatabase::new(backend), &[]).await
    }

    /// Starts a server on `database` with extra flags.
    pub async fn spawn_with(database: TestDatabase, extra: &[&str]) -> Self {
        let data = tempfile::tempdir().unwrap();
        let app = Application::build(settings(&database, data.path(), extra))
            .await
            .expect("the server starts");
        let address = format!("http://127.0.0.1:{}", app.port());
        let stopper = app.stopper();
        let clock = app.clock();
        let jobs_wake = app.jobs_wake();
        let metrics_address = app
            .metrics_port()
            .map(|port| format!("http://127.0.0.1:{port}"));
        tokio::spawn(app.run_until_stopped());
        Self {
            address,
            client: reqwest::Client::new(),
            database,
            stopper: Some(stopper),
            clock,
            jobs_wake,
            metrics_address,
            _data: data,
        }
    }

    /// Moves the server's clock forward and wakes its job runner, so what came due runs now.
    pub fn advance(&self, by: chrono::Duration) {
        self.clock.clone().advance(by);
        self.jobs_wake.notify_one();
    }

    /// Stops the server (and its mail worker), keeping the database.
    pub async fn stop(mut self) -> TestDatabase {
        if let Some(stopper) = self.stopper.take() {
            stopper.stop().await;
        }
        let Self { database, .. } = self;
        database
    }

    /// Sends a request; `body` is sent as JSON when given.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.address));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        read(request.send().await.expect("the request is answered")).await
    }

    pub async fn get(&self, path: &str, token: &str) -> Reply {
        self.call(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Reply {
        self.call(Method::POST, path, token, Some(body)).await
    }

    pub async fn patch(&self, path: &str, token: &str, body: Value) -> Reply {
        self.call(Method::PATCH, path, Some(token), Some(body))
            .await
    }

    pub async fn delete(&self, path: &str, token: &str) -> Reply {
        self.call(Method::DELETE, path, Some(token), None).await
    }

    /// Signs up `email` (password `password-123`, name from the address).
    pub async fn signup(&self, email: &str) -> TestUser {
        let name = email.split('@').next().unwrap_or("user");
        let reply = self
            .post(
                "/api/v1/auth/signup",
                None,
                json!({"email": email, "password": "password-123", "name": name}),
            )
            .await
            .expect(201);
        let token = reply.str("/access_token");
        let me = self.get("/api/v1/me", &token).await.expect(200);
        TestUser {
            id: reply.str("/user/id"),
            email: reply.str("/user/email"),
            refresh_token: reply.str("/refresh_token"),
            team_id: me.str("/teams/0/id"),
            token,
        }
    }

    /// `owner` invites `email` to their team and the invitation link's token is read from the
    /// dev mailbox.
    pub async fn invite(&self, owner: &TestUser, email: &str, role: &str) -> String {
        self.post(
            &format!("/api/v1/teams/{}/invites", owner.team_id),
            Some(&owner.token),
            json!({"email": email, "role": role}),
        )
        .await
        .expect(201);
        let mail = self.wait_for_mail(email).await;
        invite_token(mail["text"].as_str().unwrap_or_default())
    }

    /// `owner` invites `email` with `role`, and that person signs up and accepts.
    pub async fn add_member(&self, owner: &TestUser, email: &str, role: &str) -> TestUser {
        let token = self.invite(owner, email, role).await;
        let member = self.signup(email).await;
        self.post(
            &format!("/api/v1/invites/{token}/accept"),
            Some(&member.token),
            json!({}),
        )
        .await
        .expect(200);
        member
    }

    /// Creates a board with columns; returns its id and the column ids, left to right.
    pub async fn board(
        &self,
        user: &TestUser,
        name: &str,
        columns: &[&str],
    ) -> (String, Vec<String>) {
        let board = self
            .post(
                &format!("/api/v1/teams/{}/boards", user.team_id),
                Some(&user.token),
                json!({"name": name, "columns": columns}),
            )
            .await
            .expect(201);
        let id = board.str("/id");
        let view = self
            .get(&format!("/api/v1/boards/{id}"), &user.token)
            .await
            .expect(200);
        let columns = view.body["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_owned())
            .collect();
        (id, columns)
    }

    /// Puts a profile on a board's column; returns the card id.
    pub async fn card(&self, user: &TestUser, board: &str, column: &str, profile: &str) -> String {
        self.post(
            &format!("/api/v1/boards/{board}/cards"),
            Some(&user.token),
            json!({"column_id": column, "profile": profile}),
        )
        .await
        .expect(201)
        .str("/id")
    }

    /// The board as column names with their cards' influencer names, in order.
    pub async fn board_order(&self, user: &TestUser, board: &str) -> Vec<(String, Vec<String>)> {
        let view = self
            .get(&format!("/api/v1/boards/{board}"), &user.token)
            .await
            .expect(200);
        view.body["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|column| {
                let cards = column["cards"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|card| {
                        card["influencer"]["display_name"]
                            .as_str()
                            .unwrap()
                            .to_owned()
                    })
                    .collect();
                (column["name"].as_str().unwrap().to_owned(), cards)
            })
            .collect()
    }

    /// The newest mail to `to` in the dev mailbox, once the worker has delivered it.
    pub async fn wait_for_mail(&self, to: &str) -> Value {
        for _ in 0..100 {
            let reply = self
                .call(
                    Method::GET,
                    &format!("/api/v1/dev/mailbox?to={to}"),
                    None,
                    None,
                )
                .await
                .expect(200);
            if let Some(mail) = reply.body["items"]
                .as_array()
                .and_then(|items| items.first())
            {
                if mail["status"] == "sent" {
                    return mail.clone();
                }
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("no mail to {to} was delivered");
    }

    /// Runs SQL straight on the test database (to age an invitation, say).
    pub fn sql(&self, statement: &str) {
        use diesel::connection::SimpleConnection;
        self.database.connect().batch_execute(statement).unwrap();
    }
}

/// The tokens of the `/connect/` links in a mail: (accept, decline), in the mail's order.
pub fn connect_tokens(text: &str) -> (String, String) {
    let tokens: Vec<String> = text
        .split("/connect/")
        .skip(1)
        .map(|rest| {
            rest.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect()
        })
        .collect();
    assert_eq!(tokens.len(), 2, "two links: {text}");
    (tokens[0].clone(), tokens[1].clone())
}

/// The token of the invitation link in a mail.
pub fn invite_token(text: &str) -> String {
    let start = text
        .find("/invites/")
        .expect("the mail has an invitation link")
        + "/invites/".len();
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

/// Reads a response made outside the helpers (custom headers or bodies).
pub async fn read_reply(response: reqwest::Response) -> Reply {
    read(response).await
}

async fn read(response: reqwest::Response) -> Reply {
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.bytes().await.unwrap();
    let body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
    };
    Reply {
        status,
        headers,
        body,
    }
}
