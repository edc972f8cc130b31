//! Team API keys on both backends: made, listed and revoked by owners and admins (members may
//! not); the secret shown once and kept hashed; a key works on its team's routes as a member (what
//! it does shows as done by "API key “name”"), not on another team's (404), not on a person's
//! routes; a read key only reads; expiry (the clock is moved) and revocation end it at once; its
//! budget answers 429 with `Retry-After` and `RateLimit-*` headers; idempotency keys are its own.

use chrono::{Duration, Utc};
use serde_json::{json, Value};

use crate::list_sources::count;
use crate::on_both_backends;
use crate::support::{read_reply, Backend, Reply, TestApp, TestDatabase, TestUser};

async fn make_key(app: &TestApp, user: &TestUser, body: Value) -> Value {
    app.post(
        &format!("/api/v1/teams/{}/api-keys", user.team_id),
        Some(&user.token),
        body,
    )
    .await
    .expect(201)
    .body
}

/// A request signed with `secret`.
async fn with_key(
    app: &TestApp,
    secret: &str,
    method: reqwest::Method,
    route: &str,
    body: Option<Value>,
    idempotency: Option<&str>,
) -> Reply {
    let mut request = app
        .client
        .request(method, format!("{}{route}", app.address))
        .bearer_auth(secret);
    if let Some(body) = body {
        request = request.json(&body);
    }
    if let Some(key) = idempotency {
        request = request.header("idempotency-key", key);
    }
    read_reply(request.send().await.unwrap()).await
}

fn header(reply: &Reply, name: &str) -> String {
    reply
        .headers
        .get(name)
        .map(|value| value.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

async fn owners_make_keys_that_work_on_their_teams_routes(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mia = app.signup("mia@brand.example").await;
    let sam = app.add_member(&mia, "sam@brand.example", "member").await;
    let noah = app.signup("noah@other.example").await;
    let keys = format!("/api/v1/teams/{}/api-keys", mia.team_id);

    // Owners and admins make keys; members may not; another team sees nothing.
    app.post(
        &keys,
        Some(&sam.token),
        json!({"name": "Mine", "scope": "write"}),
    )
    .await
    .expect_problem(403, "forbidden");
    app.get(&keys, &noah.token)
        .await
        .expect_problem(404, "not_found");
    app.post(
        &keys,
        Some(&mia.token),
        json!({"name": " ", "scope": "write"}),
    )
    .await
    .expect_problem(422, "validation_failed");
    let made = make_key(&app, &mia, json!({"name": "Zapier", "scope": "write"})).await;
    let secret = made["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("rpk_") && secret.len() > 40, "{secret}");
    assert_eq!(made["prefix"], secret[..12]);
    assert_eq!(made["created_by"], "mia");
    assert_eq!(made["scope"], "write");
    // Kept hashed: the secret is nowhere in the database.
    assert_eq!(
        count(
            &app,
            &format!("SELECT COUNT(*) AS count FROM api_keys WHERE secret_hash = '{secret}'")
        ),
        0
    );
    let listed = app.get(&keys, &mia.token).await.expect(200).body;
    assert_eq!(listed[0]["name"], "Zapier");
    assert_eq!(listed[0].get("secret"), None);
    assert_eq!(listed[0].get("last_used_at"), None);

    // The key works on the team's routes, as a member would, with its budget told.
    let boards = format!("/api/v1/teams/{}/boards", mia.team_id);
    let read = with_key(&app, &secret, reqwest::Method::GET, &boards, None, None)
        .await
        .expect(200);
    assert_eq!(header(&read, "ratelimit-limit"), "600");
    assert_eq!(header(&read, "ratelimit-remaining"), "599");
    let influencer = with_key(
        &app,
        &secret,
        reqwest::Method::POST,
        &format!("/api/v1/teams/{}/influencers", mia.team_id),
        Some(json!({"profile": "https://www.instagram.com/ava.bakes/"})),
        None,
    )
    .await
    .expect(201)
    .body;
    let history = app
        .get(
            &format!(
                "/api/v1/influencers/{}/activity",
                influencer["id"].as_str().unwrap()
            ),
            &mia.token,
        )
        .await
        .expect(200)
        .body;
    assert!(
        history.to_string().contains("API key “Zapier”"),
        "done via the key: {history}"
    );
    let listed = app.get(&keys, &mia.token).await.expect(200).body;
    assert!(listed[0]["last_used_at"].is_string(), "{listed}");

    // Not another team's routes, not a person's, not making teams, not managing keys.
    with_key(
        &app,
        &secret,
        reqwest::Method::GET,
        &format!("/api/v1/teams/{}/boards", noah.team_id),
        None,
        None,
    )
    .await
    .expect_problem(404, "not_found");
    for route in ["/api/v1/me", "/api/v1/notifications", "/api/v1/teams"] {
        with_key(&app, &secret, reqwest::Method::GET, route, None, None)
            .await
            .expect_problem(403, "forbidden");
    }
    with_key(&app, &secret, reqwest::Method::GET, &keys, None, None)
        .await
        .expect_problem(403, "forbidden");

    // Its idempotency keys are its own.
    let body = json!({"name": "Via key", "columns": ["Ideas"]});
    let first = with_key(
        &app,
        &secret,
        reqwest::Method::POST,
        &boards,
        Some(body.clone()),
        Some("k1"),
    )
    .await
    .expect(201);
    let again = with_key(
        &app,
        &secret,
        reqwest::Method::POST,
        &boards,
        Some(body),
        Some("k1"),
    )
    .await
    .expect(201);
    assert_eq!(header(&again, "idempotent-replayed"), "true");
    assert_eq!(again.body["id"], first.body["id"]);

    // A read key only reads.
    let reader = make_key(&app, &mia, json!({"name": "Dashboard", "scope": "read"})).await;
    let reader = reader["secret"].as_str().unwrap();
    with_key(&app, reader, reqwest::Method::GET, &boards, None, None)
        .await
        .expect(200);
    with_key(
        &app,
        reader,
        reqwest::Method::POST,
        &boards,
        Some(json!({"name": "No", "columns": []})),
        None,
    )
    .await
    .expect_problem(403, "forbidden");

    // Revoked, it stops at once; an unknown key never worked.
    let id = made["id"].as_str().unwrap();
    app.delete(&format!("{keys}/{id}"), &mia.token)
        .await
        .expect(204);
    with_key(&app, &secret, reqwest::Method::GET, &boards, None, None)
        .await
        .expect_problem(401, "unauthorized");
    app.delete(&format!("{keys}/{id}"), &mia.token)
        .await
        .expect_problem(404, "not_found");
    with_key(
        &app,
        "rpk_notAKeyOfOurs0123456789",
        reqwest::Method::GET,
        &boards,
        None,
        None,
    )
    .await
    .expect_problem(401, "unauthorized");
    let listed = app.get(&keys, &mia.token).await.expect(200).body;
    assert_eq!(
        listed.as_array().unwrap().len(),
        1,
        "the revoked key is gone"
    );
}

async fn a_key_expires_and_keeps_to_its_budget(backend: Backend) {
    let app = TestApp::spawn_with(
        TestDatabase::new(backend),
        &["--api-key-requests-per-minute", "3"],
    )
    .await;
    let mia = app.signup("mia@brand.example").await;
    let keys = format!("/api/v1/teams/{}/api-keys", mia.team_id);
    app.post(
        &keys,
        Some(&mia.token),
        json!({"name": "Old", "scope": "read", "expires_at": Utc::now() - Duration::minutes(1)}),
    )
    .await
    .expect_problem(422, "validation_failed");
    let made = make_key(
        &app,
        &mia,
        json!({"name": "Sync", "scope": "read", "expires_at": Utc::now() + Duration::hours(1)}),
    )
    .await;
    let secret = made["secret"].as_str().unwrap();
    let boards = format!("/api/v1/teams/{}/boards", mia.team_id);

    // Three requests a minute, then 429 until the next minute.
    let mut remaining = Vec::new();
    for _ in 0..3 {
        let reply = with_key(&app, secret, reqwest::Method::GET, &boards, None, None)
            .await
            .expect(200);
        remaining.push(header(&reply, "ratelimit-remaining"));
    }
    assert_eq!(remaining, ["2", "1", "0"]);
    let limited = with_key(&app, secret, reqwest::Method::GET, &boards, None, None)
        .await
        .expect_problem(429, "rate_limited");
    let wait: u64 = header(&limited, "retry-after").parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    assert_eq!(header(&limited, "ratelimit-remaining"), "0");
    app.advance(Duration::seconds(i64::try_from(wait).unwrap()));
    with_key(&app, secret, reqwest::Method::GET, &boards, None, None)
        .await
        .expect(200);

    // An hour on, it has expired.
    app.advance(Duration::hours(1));
    with_key(&app, secret, reqwest::Method::GET, &boards, None, None)
        .await
        .expect_problem(401, "unauthorized");
}

/// Routes that find their team through what they name (a card, the team itself) let the team's
/// keys in too, and still keep other teams' keys out.
async fn a_key_reaches_cards_and_its_team(backend: Backend) {
    let app = TestApp::spawn_with(TestDatabase::new(backend), &["--webhooks-allow-private"]).await;
    let mia = app.signup("mia@brand.example").await;
    let noah = app.signup("noah@other.example").await;
    let secret = make_key(&app, &mia, json!({"name": "Zapier", "scope": "write"})).await["secret"]
        .as_str()
        .unwrap()
        .to_owned();
    let other = make_key(&app, &noah, json!({"name": "Other", "scope": "write"})).await["secret"]
        .as_str()
        .unwrap()
        .to_owned();
    let (board, columns) = app.board(&mia, "Launch", &["To contact", "Live"]).await;
    let card = app
        .card(
            &mia,
            &board,
            &columns[0],
            "https://www.instagram.com/ava.bakes/",
        )
        .await;
    let team = format!("/api/v1/teams/{}", mia.team_id);
    let read = with_key(&app, &secret, reqwest::Method::GET, &team, None, None)
        .await
        .expect(200);
    assert_eq!(read.body["my_role"], "member", "{}", read.body);
    with_key(&app, &other, reqwest::Method::GET, &team, None, None)
        .await
        .expect_problem(404, "not_found");

    let route = format!("/api/v1/cards/{card}");
    with_key(&app, &secret, reqwest::Method::GET, &route, None, None)
        .await
        .expect(200);
    with_key(&app, &other, reqwest::Method::GET, &route, None, None)
        .await
        .expect_problem(404, "not_found");
    let moved = with_key(
        &app,
        &secret,
        reqwest::Method::POST,
        &format!("{route}/move"),
        Some(json!({"column_id": columns[1]})),
        None,
    )
    .await
    .expect(200);
    assert_eq!(moved.body["column_id"], columns[1].as_str());
    with_key(
        &app,
        &other,
        reqwest::Method::POST,
        &format!("{route}/move"),
        Some(json!({"column_id": columns[0]})),
        None,
    )
    .await
    .expect_problem(404, "not_found");
    with_key(&app, &secret, reqwest::Method::DELETE, &route, None, None)
        .await
        .expect(204);

    // A write key registers the integration's own webhook endpoint; a read key only lists them.
    let hooks = format!("{team}/webhooks");
    let endpoint = json!({"url": "http://127.0.0.1:9/hook", "events": ["card.moved"]});
    let made = with_key(
        &app,
        &secret,
        reqwest::Method::POST,
        &hooks,
        Some(endpoint.clone()),
        None,
    )
    .await
    .expect(201);
    assert!(made.body["secret"].as_str().unwrap().starts_with("whsec_"));
    let reader = make_key(&app, &mia, json!({"name": "Reports", "scope": "read"})).await["secret"]
        .as_str()
        .unwrap()
        .to_owned();
    let listed = with_key(&app, &reader, reqwest::Method::GET, &hooks, None, None)
        .await
        .expect(200);
    assert_eq!(listed.body.as_array().unwrap().len(), 1);
    with_key(
        &app,
        &reader,
        reqwest::Method::POST,
        &hooks,
        Some(endpoint),
        None,
    )
    .await
    .expect_problem(403, "forbidden");
}

on_both_backends!(
    owners_make_keys_that_work_on_their_teams_routes,
    a_key_expires_and_keeps_to_its_budget,
    a_key_reaches_cards_and_its_team,
);
