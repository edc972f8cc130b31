//! Idempotent retries on both backends: a POST retried with the same `Idempotency-Key` answers
//! the first answer again (its status and body) without doing it twice; the key with another
//! body answers 422; a retry while the first request still runs answers 409 with `Retry-After`
//! (the first held at a mock provider that has received it: nothing waits for time); keys are
//! per caller; a refused request is remembered, a server error is not; a day later the key is
//! forgotten (the clock is moved).

use chrono::Duration;
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::on_both_backends;
use crate::support::{read_reply, Backend, Reply, TestApp, TestDatabase, TestUser};

async fn post(
    app: &TestApp,
    user: &TestUser,
    route: &str,
    key: Option<&str>,
    body: Value,
) -> Reply {
    let mut request = app
        .client
        .post(format!("{}{route}", app.address))
        .bearer_auth(&user.token)
        .json(&body);
    if let Some(key) = key {
        request = request.header("idempotency-key", key);
    }
    read_reply(request.send().await.unwrap()).await
}

fn replayed(reply: &Reply) -> bool {
    reply
        .headers
        .get("idempotent-replayed")
        .is_some_and(|value| value == "true")
}

async fn boards_of(app: &TestApp, user: &TestUser) -> usize {
    app.get(
        &format!("/api/v1/teams/{}/boards", user.team_id),
        &user.token,
    )
    .await
    .expect(200)
    .body["items"]
        .as_array()
        .unwrap()
        .len()
}

async fn a_retried_post_is_done_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mia = app.signup("mia@brand.example").await;
    let noah = app.signup("noah@other.example").await;
    let route = format!("/api/v1/teams/{}/boards", mia.team_id);
    let before = boards_of(&app, &mia).await;
    let body = json!({"name": "Launch", "columns": ["Ideas"]});

    let first = post(&app, &mia, &route, Some("key-1"), body.clone())
        .await
        .expect(201);
    assert!(!replayed(&first));
    let again = post(&app, &mia, &route, Some("key-1"), body.clone())
        .await
        .expect(201);
    assert!(replayed(&again));
    assert_eq!(again.body, first.body, "the first answer, again");
    assert_eq!(boards_of(&app, &mia).await, before + 1, "made once");

    // The same key for another request is refused; without a key, each POST is its own.
    post(
        &app,
        &mia,
        &route,
        Some("key-1"),
        json!({"name": "Other", "columns": []}),
    )
    .await
    .expect_problem(422, "idempotency_key_reused");
    post(&app, &mia, &route, None, body.clone())
        .await
        .expect(201);
    assert_eq!(boards_of(&app, &mia).await, before + 2);

    // Keys are per caller: another user's key-1 is theirs.
    let other_route = format!("/api/v1/teams/{}/boards", noah.team_id);
    let theirs = post(&app, &noah, &other_route, Some("key-1"), body.clone())
        .await
        .expect(201);
    assert!(!replayed(&theirs));
    assert_ne!(theirs.body["id"], first.body["id"]);

    // A refused request is remembered as refused; a malformed key is refused.
    let bad = json!({"name": "", "columns": []});
    post(&app, &mia, &route, Some("key-2"), bad.clone())
        .await
        .expect_problem(422, "validation_failed");
    let refused = post(&app, &mia, &route, Some("key-2"), bad).await;
    assert_eq!(refused.status, 422);
    assert!(replayed(&refused));
    post(&app, &mia, &route, Some("two words"), body.clone())
        .await
        .expect_problem(400, "invalid_parameter");

    // A day later the key is forgotten: it may name a new request.
    app.advance(Duration::hours(25));
    let later = post(
        &app,
        &mia,
        &route,
        Some("key-1"),
        json!({"name": "Other", "columns": []}),
    )
    .await
    .expect(201);
    assert!(!replayed(&later));
    assert_eq!(later.body["name"], "Other");
}

async fn a_retry_while_the_first_runs_is_told_to_wait(backend: Backend) {
    // Mailchimp answers the key check after a while: the first request is held there.
    let mock = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/3.0/lists"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"lists": [], "total_items": 0}))
                .set_delay(std::time::Duration::from_secs(2)),
        )
        .mount(&mock)
        .await;
    let uri = mock.uri();
    let app = TestApp::spawn_with(TestDatabase::new(backend), &["--mailchimp-url", &uri]).await;
    let mia = app.signup("mia@brand.example").await;
    let route = format!("/api/v1/teams/{}/sources/mailchimp/lists", mia.team_id);
    let body = json!({"api_key": "good-key-us14"});

    let request = app
        .client
        .post(format!("{}{route}", app.address))
        .bearer_auth(&mia.token)
        .header("idempotency-key", "check-1")
        .json(&body)
        .send();
    let first = tokio::spawn(request);
    // Once Mailchimp has the first request, it is running.
    for _ in 0..400 {
        if !mock
            .received_requests()
            .await
            .unwrap_or_default()
            .is_empty()
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    let busy = post(&app, &mia, &route, Some("check-1"), body.clone())
        .await
        .expect_problem(409, "idempotency_key_in_use");
    assert_eq!(busy.headers.get("retry-after").unwrap(), "1");
    let first = read_reply(first.await.unwrap().unwrap()).await.expect(200);
    let again = post(&app, &mia, &route, Some("check-1"), body)
        .await
        .expect(200);
    assert!(replayed(&again));
    assert_eq!(again.body, first.body);
    assert_eq!(mock.received_requests().await.unwrap_or_default().len(), 1);
}

on_both_backends!(
    a_retried_post_is_done_once,
    a_retry_while_the_first_runs_is_told_to_wait,
);
