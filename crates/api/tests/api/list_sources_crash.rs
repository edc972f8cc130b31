//! A sync killed mid-way (`kill -9` of the server process) resumes after a restart from its last
//! committed page, on both backends, and stores nobody twice. The server runs as its own process
//! (the `rapport` binary); the mock Mailchimp holds the second page's answer until the server is
//! dead. SQLite's one server takes its own jobs back at start; on PostgreSQL the dead server's
//! lease (one second here) runs out and the new server takes the job.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{json, Value};
use wiremock::matchers::{path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::smtp::free_port;
use crate::support::{Backend, TestDatabase};

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../integrations/tests/fixtures"
);
const LIST: &str = "a1b2c3d4e5";

fn page(name: &str) -> ResponseTemplate {
    let body = std::fs::read(format!("{FIXTURES}/mailchimp/{name}")).unwrap();
    ResponseTemplate::new(200).set_body_raw(body, "application/json")
}

struct Server {
    child: Child,
    base: String,
}

impl Server {
    async fn start(database: &TestDatabase, data: &std::path::Path, mock: &MockServer) -> Self {
        let port = free_port();
        let mut child = Command::new(env!("CARGO_BIN_EXE_rapport"))
            .args(["serve", "--dev", "--no-demo", "--bind"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["--database-url", &database.url, "--data-dir"])
            .arg(data)
            .args(["--jwt-secret", "crash-secret-crash-secret-crash-0123"])
            .args(["--mailchimp-url", &mock.uri(), "--job-lease-seconds", "1"])
            .args(["--web-dir", "/nonexistent"])
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the server starts");
        let base = format!("http://127.0.0.1:{port}");
        for _ in 0..200 {
            if reqwest::get(format!("{base}/api/openapi.json"))
                .await
                .is_ok()
            {
                return Self { child, base };
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("the server did not come up");
    }

    fn kill(mut self) {
        // SIGKILL: nothing is finished or flushed.
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn members_asked(mock: &MockServer, offset: &str) -> usize {
    mock.received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .filter(|r| r.url.path() == format!("/3.0/lists/{LIST}/members"))
        .filter(|r| {
            r.url
                .query_pairs()
                .any(|(k, v)| k == "offset" && v == offset)
        })
        .count()
}

async fn a_killed_sync_resumes_from_its_last_page(backend: Backend) {
    let mock = MockServer::start().await;
    Mock::given(path("/3.0/lists"))
        .respond_with(page("lists.json"))
        .mount(&mock)
        .await;
    let members = format!("/3.0/lists/{LIST}/members");
    Mock::given(path(members.as_str()))
        .and(query_param("offset", "0"))
        .respond_with(page("members-page-1.json"))
        .mount(&mock)
        .await;
    // The first server asks the second page and dies waiting for it.
    Mock::given(path(members.as_str()))
        .and(query_param("offset", "2"))
        .respond_with(page("members-page-2.json").set_delay(Duration::from_secs(600)))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&mock)
        .await;
    Mock::given(path(members.as_str()))
        .and(query_param("offset", "2"))
        .respond_with(page("members-page-2.json"))
        .with_priority(2)
        .mount(&mock)
        .await;

    let database = TestDatabase::new(backend);
    let data = tempfile::tempdir().unwrap();
    let client = reqwest::Client::new();
    let server = Server::start(&database, data.path(), &mock).await;
    let signup: Value = client
        .post(format!("{}/api/v1/auth/signup", server.base))
        .json(&json!({"email": "mia@brand.example", "password": "password-123", "name": "Mia", "team_name": "Mia's"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = signup["access_token"].as_str().unwrap().to_owned();
    let me: Value = client
        .get(format!("{}/api/v1/teams", server.base))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let team = me[0]["id"]
        .as_str()
        .or(me["items"][0]["id"].as_str())
        .unwrap()
        .to_owned();
    let made = client
        .post(format!(
            "{}/api/v1/teams/{team}/sources/mailchimp",
            server.base
        ))
        .bearer_auth(&token)
        .json(&json!({"api_key": "good-key-us14", "list_ids": [LIST]}))
        .send()
        .await
        .unwrap();
    assert_eq!(made.status(), 201);

    for _ in 0..400 {
        if members_asked(&mock, "2").await == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert_eq!(
        members_asked(&mock, "2").await,
        1,
        "the second page was asked"
    );
    server.kill();

    let server = Server::start(&database, data.path(), &mock).await;
    let mut source = Value::Null;
    for _ in 0..400 {
        let list: Value = client
            .get(format!("{}/api/v1/teams/{team}/sources", server.base))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        source = list[0].clone();
        if source["state"] == "synced" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert_eq!(source["state"], "synced", "{source:#}");
    assert_eq!(source["contacts"], 3);
    assert_eq!(source["former_subscribers"], 1);
    // The committed first page was not read again; the second was read once more.
    assert_eq!(members_asked(&mock, "0").await, 1);
    assert_eq!(members_asked(&mock, "2").await, 2);
    server.kill();
}

crate::on_both_backends!(a_killed_sync_resumes_from_its_last_page);
