//! Webhooks on both backends, delivered to a real HTTP listener on loopback (a mock server, the
//! server started with private targets allowed): an endpoint registered (secret shown once,
//! sealed), an influencer created and a card moved delivered as signed events whose signature
//! verifies with the Standard Webhooks algorithm (written again here from the specification); a
//! 500 retried after its wait (the clock is moved); a test event; the deliveries listed; an
//! endpoint failing for three days turned off and its owners told; private targets refused by a
//! server that does not allow them; members may not manage endpoints.

use base64::Engine;
use chrono::Duration;
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::list_sources::count;
use crate::network::connect_creator;
use crate::on_both_backends;
use crate::support::{Backend, TestApp, TestDatabase, TestUser};

/// The Standard Webhooks check of a delivery, from the specification.
fn verifies(secret: &str, request: &Request) -> bool {
    let header = |name: &str| {
        request
            .headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let key = base64::engine::general_purpose::STANDARD
        .decode(secret.trim_start_matches("whsec_"))
        .unwrap();
    let signed = format!(
        "{}.{}.{}",
        header("webhook-id"),
        header("webhook-timestamp"),
        String::from_utf8_lossy(&request.body)
    );
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).unwrap();
    mac.update(signed.as_bytes());
    let expected = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    header("webhook-signature")
        .split(' ')
        .any(|part| part == format!("v1,{expected}"))
}

async fn register(app: &TestApp, user: &TestUser, url: &str, events: Value) -> Value {
    app.post(
        &format!("/api/v1/teams/{}/webhooks", user.team_id),
        Some(&user.token),
        json!({"url": url, "events": events}),
    )
    .await
    .expect(201)
    .body
}

/// Polls the listener until it received `count` requests.
async fn received(mock: &MockServer, count: usize) -> Vec<Request> {
    let mut last = Vec::new();
    for _ in 0..400 {
        last = mock.received_requests().await.unwrap_or_default();
        if last.len() >= count {
            return last;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("the listener received {} of {count} deliveries", last.len());
}

/// Polls until the endpoint's oldest delivery's try number `attempts` is recorded and its job is
/// queued again (its next time set by the clock as it is, which the test moves next).
async fn tried(app: &TestApp, user: &TestUser, webhook: &str, attempts: i64) {
    let route = format!(
        "/api/v1/teams/{}/webhooks/{webhook}/deliveries",
        user.team_id
    );
    for _ in 0..400 {
        let found = app.get(&route, &user.token).await.expect(200).body;
        let oldest = found.as_array().and_then(|rows| rows.last().cloned());
        let running = count(
            app,
            "SELECT COUNT(*) AS count FROM jobs WHERE kind = 'webhook_delivery' AND status = 'running'",
        );
        if running == 0 && oldest.is_some_and(|row| row["attempts"].as_i64() >= Some(attempts)) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("try {attempts} was never recorded");
}

fn body_of(request: &Request) -> Value {
    serde_json::from_slice(&request.body).unwrap()
}

async fn events_are_signed_delivered_and_retried(backend: Backend) {
    let listener = MockServer::start().await;
    // The first delivery is answered 500, the rest 204.
    Mock::given(method("POST"))
        .and(path("/hooks"))
        .respond_with(ResponseTemplate::new(500))
        .up_to_n_times(1)
        .mount(&listener)
        .await;
    Mock::given(method("POST"))
        .and(path("/hooks"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&listener)
        .await;
    let app = TestApp::spawn_with(TestDatabase::new(backend), &["--webhooks-allow-private"]).await;
    let mia = app.signup("mia@brand.example").await;
    let sam = app.add_member(&mia, "sam@brand.example", "member").await;
    let url = format!("{}/hooks", listener.uri());
    app.post(
        &format!("/api/v1/teams/{}/webhooks", mia.team_id),
        Some(&sam.token),
        json!({"url": url, "events": ["card.moved"]}),
    )
    .await
    .expect_problem(403, "forbidden");
    app.post(
        &format!("/api/v1/teams/{}/webhooks", mia.team_id),
        Some(&mia.token),
        json!({"url": "ftp://example.com/x", "events": []}),
    )
    .await
    .expect_problem(422, "validation_failed");
    let made = register(
        &app,
        &mia,
        &url,
        json!(["influencer.created", "card.moved"]),
    )
    .await;
    let secret = made["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("whsec_"));
    assert_eq!(made["events"], json!(["influencer.created", "card.moved"]));
    assert_eq!(
        count(
            &app,
            &format!("SELECT COUNT(*) AS count FROM webhook_endpoints WHERE secret = '{secret}'")
        ),
        0,
        "the secret is sealed"
    );

    // An influencer created: the first try is answered 500 and tried again after its wait.
    let influencer = app
        .post(
            &format!("/api/v1/teams/{}/influencers", mia.team_id),
            Some(&mia.token),
            json!({"profile": "https://www.instagram.com/ava.bakes/"}),
        )
        .await
        .expect(201)
        .body;
    let first = received(&listener, 1).await;
    assert!(verifies(&secret, &first[0]), "the signature verifies");
    let event = body_of(&first[0]);
    assert_eq!(event["type"], "influencer.created");
    assert_eq!(event["data"]["influencer_id"], influencer["id"]);
    let id = made["id"].as_str().unwrap();
    tried(&app, &mia, id, 1).await;
    app.advance(Duration::minutes(2));
    let again = received(&listener, 2).await;
    assert_eq!(
        again[1].headers.get("webhook-id"),
        first[0].headers.get("webhook-id"),
        "the same delivery, tried again"
    );
    assert!(verifies(&secret, &again[1]));

    // A card moved: delivered; events the endpoint did not choose are not.
    let (board, columns) = app.board(&mia, "Launch", &["To contact", "Live"]).await;
    let card = app
        .card(
            &mia,
            &board,
            &columns[0],
            "https://www.instagram.com/ava.bakes/",
        )
        .await;
    app.post(
        &format!("/api/v1/cards/{card}/move"),
        Some(&mia.token),
        json!({"column_id": columns[1]}),
    )
    .await
    .expect(200);
    let all = received(&listener, 3).await;
    let moved = body_of(&all[2]);
    assert_eq!(moved["type"], "card.moved", "card.added was not chosen");
    assert_eq!(moved["data"]["board_id"], board.as_str());
    assert_eq!(moved["data"]["card_id"], card.as_str(), "it names the card");
    assert!(verifies(&secret, &all[2]));

    // A test event; the deliveries listed, newest first.
    let base = format!("/api/v1/teams/{}/webhooks/{id}", mia.team_id);
    app.post(&format!("{base}/test"), Some(&mia.token), json!({}))
        .await
        .expect(202);
    let all = received(&listener, 4).await;
    assert_eq!(body_of(&all[3])["type"], "webhook.test");
    let mut deliveries = Value::Null;
    for _ in 0..400 {
        deliveries = app
            .get(&format!("{base}/deliveries"), &mia.token)
            .await
            .expect(200)
            .body;
        if deliveries[0]["status"] == "delivered" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    let rows = deliveries.as_array().unwrap();
    assert_eq!(rows.len(), 3, "{deliveries}");
    assert_eq!(rows[0]["event"], "webhook.test");
    assert_eq!(rows[2]["event"], "influencer.created");
    assert_eq!(rows[2]["attempts"], 2);
    assert_eq!(rows[2]["response_status"], 204);
    app.get(&format!("{base}/deliveries"), &sam.token)
        .await
        .expect_problem(403, "forbidden");
}

async fn an_endpoint_failing_for_three_days_is_turned_off(backend: Backend) {
    let listener = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&listener)
        .await;
    let app = TestApp::spawn_with(TestDatabase::new(backend), &["--webhooks-allow-private"]).await;
    let mia = app.signup("mia@brand.example").await;
    let made = register(
        &app,
        &mia,
        &format!("{}/down", listener.uri()),
        json!(["influencer.created"]),
    )
    .await;
    app.post(
        &format!("/api/v1/teams/{}/influencers", mia.team_id),
        Some(&mia.token),
        json!({"profile": "https://www.instagram.com/ava.bakes/"}),
    )
    .await
    .expect(201);
    received(&listener, 1).await;
    let id = made["id"].as_str().unwrap();
    // Tried again and again, six hours apart at most, until three days have passed.
    let mut tries = 1;
    for _ in 0..40 {
        tried(&app, &mia, id, tries).await;
        let listed = app
            .get(
                &format!("/api/v1/teams/{}/webhooks", mia.team_id),
                &mia.token,
            )
            .await
            .expect(200)
            .body;
        if listed[0]["disabled_at"].is_string() {
            break;
        }
        app.advance(Duration::hours(6));
        tries += 1;
        received(&listener, usize::try_from(tries).unwrap()).await;
    }
    assert_eq!(tries, 13, "every six hours for three days");
    let listed = app
        .get(
            &format!("/api/v1/teams/{}/webhooks", mia.team_id),
            &mia.token,
        )
        .await
        .expect(200)
        .body;
    assert!(listed[0]["disabled_at"].is_string(), "{listed}");
    assert!(listed[0]["failing_since"].is_string());
    let bell = app
        .get("/api/v1/notifications", &mia.token)
        .await
        .expect(200)
        .body;
    assert!(
        bell["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|item| item["kind"] == "webhook_disabled"),
        "{bell}"
    );
    // Turned off, it receives no more events.
    let before = listener.received_requests().await.unwrap_or_default().len();
    app.post(
        &format!("/api/v1/teams/{}/influencers", mia.team_id),
        Some(&mia.token),
        json!({"profile": "https://www.instagram.com/mia.lens/"}),
    )
    .await
    .expect(201);
    app.advance(Duration::hours(6));
    let deliveries = app
        .get(
            &format!("/api/v1/teams/{}/webhooks/{id}/deliveries", mia.team_id),
            &mia.token,
        )
        .await
        .expect(200)
        .body;
    assert_eq!(deliveries.as_array().unwrap().len(), 1);
    assert_eq!(deliveries[0]["status"], "failed");
    assert_eq!(
        listener.received_requests().await.unwrap_or_default().len(),
        before
    );
}

async fn what_the_team_is_told_reaches_its_webhooks(backend: Backend) {
    let listener = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&listener)
        .await;
    let app = TestApp::spawn_with(TestDatabase::new(backend), &["--webhooks-allow-private"]).await;
    let mia = app.signup("mia@brand.example").await;
    let made = register(
        &app,
        &mia,
        &format!("{}/events", listener.uri()),
        json!(["connection.accepted", "reminder.due"]),
    )
    .await;
    let secret = made["secret"].as_str().unwrap();

    // A creator accepts the team's invitation.
    let (_, influencer) = connect_creator(&app, &mia, "ava@creators.example", "Ava Bakes").await;
    let first = received(&listener, 1).await;
    let accepted = body_of(&first[0]);
    assert_eq!(accepted["type"], "connection.accepted");
    assert_eq!(accepted["data"]["team_id"], mia.team_id.as_str());
    assert!(accepted["data"]["creator_id"].is_string());
    assert!(verifies(secret, &first[0]));

    // A reminder falls due (the clock is moved).
    app.post(
        &format!("/api/v1/influencers/{influencer}/reminders"),
        Some(&mia.token),
        json!({"text": "Send the samples", "due_at": chrono::Utc::now() + Duration::hours(1), "assignee_id": mia.id}),
    )
    .await
    .expect(201);
    app.advance(Duration::hours(2));
    let all = received(&listener, 2).await;
    let due = body_of(&all[1]);
    assert_eq!(due["type"], "reminder.due");
    assert_eq!(due["data"]["influencer_id"], influencer.as_str());
    assert!(due["data"]["text"]
        .as_str()
        .unwrap()
        .contains("Send the samples"));
}

async fn private_targets_are_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mia = app.signup("mia@brand.example").await;
    for url in [
        "http://127.0.0.1:9/hooks",
        "http://localhost/hooks",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/hooks",
        "http://10.0.0.8/hooks",
    ] {
        app.post(
            &format!("/api/v1/teams/{}/webhooks", mia.team_id),
            Some(&mia.token),
            json!({"url": url, "events": ["card.moved"]}),
        )
        .await
        .expect_problem(422, "webhook_target_refused");
    }
    let listed = app
        .get(
            &format!("/api/v1/teams/{}/webhooks", mia.team_id),
            &mia.token,
        )
        .await
        .expect(200)
        .body;
    assert_eq!(listed, json!([]));
}

on_both_backends!(
    events_are_signed_delivered_and_retried,
    an_endpoint_failing_for_three_days_is_turned_off,
    what_the_team_is_told_reaches_its_webhooks,
    private_targets_are_refused,
);
