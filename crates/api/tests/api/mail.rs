//! Mail over a real SMTP server on loopback: delivery, retries, permanent refusals, restarts.

use std::time::Duration;

use reqwest::Method;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::smtp::{free_port, Behaviour, SmtpServer};
use crate::support::{Backend, TestApp, TestDatabase, MAIL_RETRY_BASE_MS};

async fn spawn_with_smtp(database: TestDatabase, port: u16) -> TestApp {
    let url = format!("smtp://127.0.0.1:{port}");
    TestApp::spawn_with(
        database,
        &[
            "--smtp-url",
            &url,
            "--mail-from",
            "Rapport <team@rapport.test>",
        ],
    )
    .await
}

async fn invite_someone(app: &TestApp) {
    let owner = app.signup("owner@example.com").await;
    app.post(
        &format!("/api/v1/teams/{}/invites", owner.team_id),
        Some(&owner.token),
        json!({"email": "sam@example.com"}),
    )
    .await
    .expect(201);
}

/// The outbox row of the one mail, as the dev mailbox shows it.
async fn outbox(app: &TestApp) -> Value {
    let reply = app
        .call(
            Method::GET,
            "/api/v1/dev/mailbox?to=sam@example.com",
            None,
            None,
        )
        .await
        .expect(200);
    reply.body["items"][0].clone()
}

async fn wait_for_status(app: &TestApp, status: &str) -> Value {
    for _ in 0..200 {
        let mail = outbox(app).await;
        if mail["status"] == status {
            return mail;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the mail never became {status}: {:#}", outbox(app).await);
}

async fn invitations_are_delivered_over_smtp(backend: Backend) {
    let smtp = SmtpServer::start(Behaviour::Accept);
    let app = spawn_with_smtp(TestDatabase::new(backend), smtp.port).await;
    invite_someone(&app).await;
    let received = smtp.wait_for(1).await;
    assert_eq!(received[0]["to"], json!(["sam@example.com"]));
    assert_eq!(received[0]["from"], "team@rapport.test");
    let data = received[0]["data"].as_str().unwrap();
    assert!(
        data.contains("Subject: owner invited you to owner's team on Rapport"),
        "{data}"
    );
    let mail = wait_for_status(&app, "sent").await;
    assert!(
        data.contains(&format!(
            "Message-ID: <{}@rapport>",
            mail["id"].as_str().unwrap()
        )),
        "{data}"
    );
    assert!(data.contains("/invites/"), "{data}");
}

async fn a_refusing_server_gets_the_mail_once_it_accepts(backend: Backend) {
    let smtp = SmtpServer::start(Behaviour::RefuseFirst(2));
    let app = spawn_with_smtp(TestDatabase::new(backend), smtp.port).await;
    invite_someone(&app).await;
    let mail = wait_for_status(&app, "sent").await;
    assert_eq!(mail["attempts"], 3, "two refusals, then success");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(smtp.received().len(), 1, "sent exactly once");
}

async fn a_permanent_refusal_is_not_retried(backend: Backend) {
    let smtp = SmtpServer::start(Behaviour::Reject);
    let app = spawn_with_smtp(TestDatabase::new(backend), smtp.port).await;
    invite_someone(&app).await;
    let mail = wait_for_status(&app, "failed").await;
    assert_eq!(mail["attempts"], 1);
}

async fn queued_mail_survives_a_restart_and_is_sent_once(backend: Backend) {
    let port = free_port();
    // Nothing listens on the port yet: every try fails.
    let app = spawn_with_smtp(TestDatabase::new(backend), port).await;
    invite_someone(&app).await;
    for _ in 0..200 {
        if outbox(&app).await["attempts"].as_i64().unwrap_or(0) >= 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert_eq!(outbox(&app).await["status"], "pending");
    let database = app.stop().await;

    let smtp = SmtpServer::start_on(port, Behaviour::Accept);
    let app = spawn_with_smtp(database, port).await;
    // The first server may have tried more than once before it stopped (more often on a loaded
    // machine); the next try waits for the backoff of the tries so far, which sets the bound.
    let tries = outbox(&app).await["attempts"]
        .as_u64()
        .unwrap_or(1)
        .clamp(1, 12);
    let backoff = Duration::from_millis(MAIL_RETRY_BASE_MS << (tries - 1));
    let received = smtp
        .wait_for_within(1, backoff + Duration::from_secs(10))
        .await;
    assert_eq!(received[0]["to"], json!(["sam@example.com"]));
    wait_for_status(&app, "sent").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(smtp.received().len(), 1, "sent exactly once");
}

on_both_backends!(
    invitations_are_delivered_over_smtp,
    a_refusing_server_gets_the_mail_once_it_accepts,
    a_permanent_refusal_is_not_retried,
    queued_mail_survives_a_restart_and_is_sent_once,
);
