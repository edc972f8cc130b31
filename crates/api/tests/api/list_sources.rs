//! E-mail list sources on both backends, against a mock Mailchimp and Klaviyo speaking their
//! documented formats (the shared fixtures): a key checked at once (a refused one stores
//! nothing), lists connected and synced a page at a time, former subscribers apart, matches with
//! the provider's words, only changes read on the next sync, a revoked key failing the source
//! until a new one, rate limits and outages retried from the last committed page (the clock is
//! moved, nothing sleeps), schedules, and access.

use diesel::RunQueryDsl;
use serde_json::{json, Value};
use wiremock::matchers::{basic_auth, header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::network::creator;
use crate::on_both_backends;
use crate::support::{Backend, TestApp, TestDatabase, TestUser};

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../integrations/tests/fixtures"
);
const GOOD_KEY: &str = "good-key-us14";
const LIST: &str = "a1b2c3d4e5";

pub(crate) fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}/{name}")).unwrap()
}

pub(crate) fn json_file(name: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(fixture(name), "application/json")
}

/// A mock Mailchimp: `GOOD_KEY` reads the lists and the Newsletter's three members in two pages;
/// any other key is refused.
async fn mailchimp() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/3.0/lists"))
        .and(basic_auth("rapport", GOOD_KEY))
        .respond_with(json_file("mailchimp/lists.json"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/3.0/lists/{LIST}/members")))
        .and(basic_auth("rapport", GOOD_KEY))
        .and(query_param("offset", "0"))
        .respond_with(json_file("mailchimp/members-page-1.json"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/3.0/lists/{LIST}/members")))
        .and(basic_auth("rapport", GOOD_KEY))
        .and(query_param("offset", "2"))
        .respond_with(json_file("mailchimp/members-page-2.json"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401).set_body_raw(
            fixture("mailchimp/error-401.json"),
            "application/problem+json",
        ))
        .with_priority(10)
        .mount(&server)
        .await;
    server
}

async fn spawn(backend: Backend, mock: &MockServer) -> TestApp {
    let uri = mock.uri();
    TestApp::spawn_with(
        TestDatabase::new(backend),
        &["--mailchimp-url", &uri, "--klaviyo-url", &uri],
    )
    .await
}

pub(crate) async fn sources_of(app: &TestApp, user: &TestUser) -> Vec<Value> {
    app.get(
        &format!("/api/v1/teams/{}/sources", user.team_id),
        &user.token,
    )
    .await
    .expect(200)
    .body
    .as_array()
    .unwrap()
    .clone()
}

/// The source once `done` says so (the job runner works in the background).
pub(crate) async fn wait_source(
    app: &TestApp,
    user: &TestUser,
    id: &str,
    done: impl Fn(&Value) -> bool,
) -> Value {
    let mut last = Value::Null;
    for _ in 0..400 {
        if let Some(source) = sources_of(app, user)
            .await
            .into_iter()
            .find(|source| source["id"] == id)
        {
            if done(&source) {
                return source;
            }
            last = source;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("the source never got there: {last:#}");
}

pub(crate) fn synced(source: &Value) -> bool {
    source["state"] == "synced"
}

/// Requests the mock received on `path` whose query holds `name` (with `value` when given).
pub(crate) async fn requests(
    mock: &MockServer,
    route: &str,
    name: &str,
    value: Option<&str>,
) -> usize {
    let received: Vec<Request> = mock.received_requests().await.unwrap_or_default();
    received
        .iter()
        .filter(|request| request.url.path() == route)
        .filter(|request| {
            request
                .url
                .query_pairs()
                .any(|(key, found)| key == name && value.is_none_or(|value| found == value))
        })
        .count()
}

pub(crate) async fn wait_requests(
    mock: &MockServer,
    route: &str,
    name: &str,
    value: Option<&str>,
    count: usize,
) {
    for _ in 0..400 {
        if requests(mock, route, name, value).await >= count {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("{route} was not asked {count} times with {name}={value:?}");
}

async fn connect(app: &TestApp, user: &TestUser, provider: &str, key: &str, list: &str) -> Value {
    let made = app
        .post(
            &format!("/api/v1/teams/{}/sources/{provider}", user.team_id),
            Some(&user.token),
            json!({"api_key": key, "list_ids": [list]}),
        )
        .await
        .expect(201)
        .body;
    made[0].clone()
}

async fn add_influencer(app: &TestApp, user: &TestUser, profile: &str, email: &str) {
    let id = app
        .post(
            &format!("/api/v1/teams/{}/influencers", user.team_id),
            Some(&user.token),
            json!({"profile": profile}),
        )
        .await
        .expect(201)
        .str("/id");
    app.patch(
        &format!("/api/v1/influencers/{id}"),
        &user.token,
        json!({"email": email}),
    )
    .await
    .expect(200);
}

#[derive(diesel::QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    count: i64,
}

pub(crate) fn count(app: &TestApp, sql: &str) -> i64 {
    let mut conn = app.database.connect();
    diesel::sql_query(sql)
        .get_result::<Count>(&mut conn)
        .unwrap()
        .count
}

async fn mailchimp_lists_are_checked_connected_and_synced(backend: Backend) {
    let mock = mailchimp().await;
    let app = spawn(backend, &mock).await;
    let brand = app.signup("mia@brand.example").await;
    creator(&app, "mia.lens@example.com", "Mia Lens").await;
    add_influencer(
        &app,
        &brand,
        "https://instagram.com/gone.creator",
        "gone@example.net",
    )
    .await;
    let lists = format!("/api/v1/teams/{}/sources/mailchimp/lists", brand.team_id);

    // A refused key, or one that is not a Mailchimp key, stores nothing.
    let refused = app
        .post(
            &lists,
            Some(&brand.token),
            json!({"api_key": "wrong-key-us14"}),
        )
        .await
        .expect_problem(422, "provider_key_refused");
    assert!(refused
        .str("/detail")
        .contains("Your API key may be invalid"));
    assert!(
        !refused.str("/detail").contains("wrong-key"),
        "the key never shows"
    );
    app.post(
        &lists,
        Some(&brand.token),
        json!({"api_key": "no data centre"}),
    )
    .await
    .expect_problem(422, "provider_key_refused");
    app.post(&lists, Some(&brand.token), json!({"api_key": "  "}))
        .await
        .expect_problem(422, "validation_failed");
    assert!(sources_of(&app, &brand).await.is_empty());

    let found = app
        .post(&lists, Some(&brand.token), json!({"api_key": GOOD_KEY}))
        .await
        .expect(200)
        .body;
    assert_eq!(found[0]["name"], "Newsletter");
    assert_eq!(found[0]["members"], 4);
    assert_eq!(found[0]["connected"], false);
    assert_eq!(found[1]["name"], "VIP customers");

    let source = connect(&app, &brand, "mailchimp", GOOD_KEY, LIST).await;
    assert_eq!(source["kind"], "mailchimp");
    assert_eq!(source["name"], "Newsletter");
    assert_eq!(source["key_hint"], "…us14");
    assert_eq!(source["sync_every_hours"], 6);
    assert_eq!(source["updates_itself"], true);
    let id = source["id"].as_str().unwrap().to_owned();

    let source = wait_source(&app, &brand, &id, synced).await;
    assert_eq!(source["contacts"], 3);
    assert_eq!(source["former_subscribers"], 1);
    assert_eq!(source["matches"], 2);
    assert!(source.get("error").is_none());
    assert!(source.get("progress").is_none());
    let synced_at: chrono::DateTime<chrono::Utc> =
        serde_json::from_value(source["synced_at"].clone()).unwrap();
    let next: chrono::DateTime<chrono::Utc> =
        serde_json::from_value(source["next_sync_at"].clone()).unwrap();
    assert_eq!(next - synced_at, chrono::Duration::hours(6));

    let matches = app
        .get(
            &format!("/api/v1/teams/{}/source-matches", brand.team_id),
            &brand.token,
        )
        .await
        .expect(200)
        .body;
    let mut words: Vec<(String, String)> = matches
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["display_name"].as_str().unwrap().to_owned(),
                m["detail"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    words.sort();
    assert_eq!(words.len(), 2, "{matches:#}");
    assert!(words.contains(&(
        "Mia Lens".to_owned(),
        "Mailchimp subscriber since 2025-03-02".to_owned()
    )));
    assert!(words
        .iter()
        .any(|(_, detail)| detail == "former Mailchimp subscriber (unsubscribed 2026-02-01)"));
    assert_eq!(matches[0]["source_name"], "Newsletter");

    // The bell says so.
    let bell = app
        .get("/api/v1/notifications", &brand.token)
        .await
        .expect(200)
        .body;
    assert!(
        bell["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["text"] == "2 creators are in your Mailchimp list Newsletter"),
        "{bell:#}"
    );

    // Only hashes are kept, and the key only sealed.
    assert_eq!(count(&app, "SELECT COUNT(*) AS count FROM contacts WHERE email_hash LIKE '%@%' OR detail LIKE '%@%'"), 0);
    assert_eq!(count(&app, "SELECT COUNT(*) AS count FROM sources WHERE secret LIKE '%good-key%' OR settings LIKE '%good-key%'"), 0);
    assert_eq!(count(&app, "SELECT COUNT(*) AS count FROM sources WHERE secret IS NOT NULL AND secret_key_id IS NOT NULL"), 1);

    let found = app
        .post(&lists, Some(&brand.token), json!({"api_key": GOOD_KEY}))
        .await
        .expect(200)
        .body;
    assert_eq!(found[0]["connected"], true);

    // Sync now reads only what changed since the last sync began; nobody is stored twice.
    let route = format!("/3.0/lists/{LIST}/members");
    let queued = app
        .post(
            &format!("/api/v1/sources/{id}/sync"),
            Some(&brand.token),
            json!({}),
        )
        .await
        .expect(202)
        .body;
    assert_eq!(queued["id"], id.as_str());
    wait_requests(&mock, &route, "since_last_changed", None, 1).await;
    let again = wait_source(&app, &brand, &id, |s| {
        synced(s) && s["synced_at"] != source["synced_at"]
    })
    .await;
    assert_eq!(again["contacts"], 3);
    assert_eq!(again["matches"], 2);
    assert_eq!(count(&app, "SELECT COUNT(*) AS count FROM contacts"), 3);
    assert_eq!(
        count(&app, "SELECT COUNT(*) AS count FROM source_matches"),
        2
    );
    let since = mock
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter_map(|r| {
            r.url
                .query_pairs()
                .find(|(k, _)| k == "since_last_changed")
                .map(|(_, v)| v.into_owned())
        })
        .next()
        .unwrap();
    let since: chrono::DateTime<chrono::FixedOffset> =
        chrono::DateTime::parse_from_rfc3339(&since).unwrap();
    assert!(
        since <= synced_at,
        "changes since the first sync began ({since})"
    );

    // Disconnecting deletes the key, the contacts and the matches.
    app.delete(&format!("/api/v1/sources/{id}"), &brand.token)
        .await
        .expect(204);
    assert_eq!(count(&app, "SELECT COUNT(*) AS count FROM contacts"), 0);
    assert_eq!(count(&app, "SELECT COUNT(*) AS count FROM sources"), 0);
}

async fn a_revoked_key_fails_the_source_until_a_new_key(backend: Backend) {
    let mock = mailchimp().await;
    let app = spawn(backend, &mock).await;
    let brand = app.signup("mia@brand.example").await;
    let id = connect(&app, &brand, "mailchimp", GOOD_KEY, LIST).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    wait_source(&app, &brand, &id, synced).await;

    // The key is revoked at Mailchimp.
    mock.reset().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401).set_body_raw(
            fixture("mailchimp/error-401.json"),
            "application/problem+json",
        ))
        .mount(&mock)
        .await;
    app.post(
        &format!("/api/v1/sources/{id}/sync"),
        Some(&brand.token),
        json!({}),
    )
    .await
    .expect(202);
    let failed = wait_source(&app, &brand, &id, |s| s["state"] == "failed").await;
    let error = failed["error"].as_str().unwrap();
    assert!(error.contains("Mailchimp refused the API key"), "{error}");
    assert!(error.contains("Paste a new key"), "{error}");
    assert!(
        failed.get("next_sync_at").is_none(),
        "no more syncs: {failed:#}"
    );
    assert_eq!(failed["contacts"], 3, "what was read stays");

    // Days go by: nothing is tried with the refused key.
    let asked = mock.received_requests().await.unwrap().len();
    app.advance(chrono::Duration::days(2));
    let still = wait_source(&app, &brand, &id, |s| s["state"] == "failed").await;
    assert!(still.get("next_sync_at").is_none());
    assert_eq!(mock.received_requests().await.unwrap().len(), asked);

    // A key that is refused too is not stored; a good one restarts the syncs.
    let key = format!("/api/v1/sources/{id}/key");
    let reply = app
        .call(
            reqwest::Method::PUT,
            &key,
            Some(&brand.token),
            Some(json!({"api_key": "bad-us14"})),
        )
        .await
        .expect_problem(422, "provider_key_refused");
    assert!(reply.str("/detail").contains("refused"));
    let fresh = "fresh-key-us14";
    for (route, file) in [
        ("/3.0/lists".to_owned(), "mailchimp/lists.json"),
        (
            format!("/3.0/lists/{LIST}/members"),
            "mailchimp/members-page-2.json",
        ),
    ] {
        Mock::given(method("GET"))
            .and(path(route))
            .and(basic_auth("rapport", fresh))
            .respond_with(json_file(file))
            .with_priority(1)
            .mount(&mock)
            .await;
    }
    let replaced = app
        .call(
            reqwest::Method::PUT,
            &key,
            Some(&brand.token),
            Some(json!({"api_key": fresh})),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(replaced["state"], "new");
    assert!(replaced.get("error").is_none());
    let back = wait_source(&app, &brand, &id, synced).await;
    assert!(
        back.get("next_sync_at").is_some(),
        "the schedule is back: {back:#}"
    );
    assert_eq!(back["contacts"], 3);
}

async fn outages_and_rate_limits_are_retried_from_the_last_page(backend: Backend) {
    let mock = MockServer::start().await;
    let route = format!("/3.0/lists/{LIST}/members");
    Mock::given(path("/3.0/lists"))
        .respond_with(json_file("mailchimp/lists.json"))
        .mount(&mock)
        .await;
    Mock::given(path(route.as_str()))
        .and(query_param("offset", "0"))
        .respond_with(json_file("mailchimp/members-page-1.json"))
        .mount(&mock)
        .await;
    // The second page: an outage, then a rate limit, then the page.
    Mock::given(path(route.as_str()))
        .and(query_param("offset", "2"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&mock)
        .await;
    Mock::given(path(route.as_str()))
        .and(query_param("offset", "2"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "120"))
        .up_to_n_times(1)
        .with_priority(2)
        .mount(&mock)
        .await;
    Mock::given(path(route.as_str()))
        .and(query_param("offset", "2"))
        .respond_with(json_file("mailchimp/members-page-2.json"))
        .with_priority(3)
        .mount(&mock)
        .await;
    let app = spawn(backend, &mock).await;
    let brand = app.signup("mia@brand.example").await;
    let id = connect(&app, &brand, "mailchimp", GOOD_KEY, LIST).await["id"]
        .as_str()
        .unwrap()
        .to_owned();

    // The outage: tried again 30 s later, still syncing, the first page kept.
    wait_requests(&mock, &route, "offset", Some("2"), 1).await;
    let waiting = wait_source(&app, &brand, &id, |s| s.get("next_sync_at").is_some()).await;
    assert_eq!(waiting["state"], "syncing");
    assert_eq!(count(&app, "SELECT COUNT(*) AS count FROM contacts"), 2);
    let next: chrono::DateTime<chrono::Utc> =
        serde_json::from_value(waiting["next_sync_at"].clone()).unwrap();
    let wait = next.naive_utc() - app.clock.now();
    assert!(
        wait > chrono::Duration::seconds(20) && wait <= chrono::Duration::seconds(30),
        "{wait}"
    );
    app.advance(chrono::Duration::seconds(31));

    // The rate limit: Mailchimp's two minutes are waited.
    wait_requests(&mock, &route, "offset", Some("2"), 2).await;
    let limited = wait_source(&app, &brand, &id, |s| {
        s.get("next_sync_at").is_some() && s["next_sync_at"] != waiting["next_sync_at"]
    })
    .await;
    let after: chrono::DateTime<chrono::Utc> =
        serde_json::from_value(limited["next_sync_at"].clone()).unwrap();
    assert!(
        after - next >= chrono::Duration::seconds(119),
        "{next} then {after}"
    );
    app.advance(chrono::Duration::seconds(121));

    let done = wait_source(&app, &brand, &id, synced).await;
    assert_eq!(done["contacts"], 3);
    assert_eq!(done["former_subscribers"], 1);
    // Each try resumed from the committed page: the first page was read once.
    assert_eq!(requests(&mock, &route, "offset", Some("0")).await, 1);
    assert_eq!(requests(&mock, &route, "offset", Some("2")).await, 3);
}

async fn klaviyo_lists_sync_by_cursor_and_joined_since(backend: Backend) {
    let mock = MockServer::start().await;
    let key = "pk_live_good";
    let auth = format!("Klaviyo-API-Key {key}");
    Mock::given(path("/api/lists"))
        .and(header("authorization", auth.as_str()))
        .respond_with(json_file("klaviyo/lists.json"))
        .mount(&mock)
        .await;
    Mock::given(path("/api/lists/Y6nRLr/profiles"))
        .and(header("authorization", auth.as_str()))
        .and(query_param_is_missing("page[cursor]"))
        .respond_with(json_file("klaviyo/profiles-page-1.json"))
        .mount(&mock)
        .await;
    Mock::given(path("/api/lists/Y6nRLr/profiles"))
        .and(header("authorization", auth.as_str()))
        .and(query_param("page[cursor]", "bmV4dA"))
        .respond_with(json_file("klaviyo/profiles-page-2.json"))
        .mount(&mock)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401).set_body_raw(
            fixture("klaviyo/error-401.json"),
            "application/vnd.api+json",
        ))
        .with_priority(10)
        .mount(&mock)
        .await;
    let app = spawn(backend, &mock).await;
    let brand = app.signup("mia@brand.example").await;
    creator(&app, "leo.runs@example.com", "Leo Runs").await;
    let lists = format!("/api/v1/teams/{}/sources/klaviyo/lists", brand.team_id);
    let refused = app
        .post(&lists, Some(&brand.token), json!({"api_key": "pk_wrong"}))
        .await
        .expect_problem(422, "provider_key_refused");
    assert!(refused
        .str("/detail")
        .contains("Missing or invalid private key"));
    let found = app
        .post(&lists, Some(&brand.token), json!({"api_key": key}))
        .await
        .expect(200)
        .body;
    assert_eq!(
        found,
        json!([{"id": "Y6nRLr", "name": "Newsletter", "connected": false}])
    );

    let id = connect(&app, &brand, "klaviyo", key, "Y6nRLr").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let source = wait_source(&app, &brand, &id, synced).await;
    // The phone-only profile has no address to keep.
    assert_eq!(source["contacts"], 2);
    assert_eq!(source["matches"], 1);
    let matches = app
        .get(
            &format!("/api/v1/teams/{}/source-matches", brand.team_id),
            &brand.token,
        )
        .await
        .expect(200)
        .body;
    assert_eq!(matches[0]["display_name"], "Leo Runs");
    assert_eq!(matches[0]["detail"], "Klaviyo subscriber since 2025-07-01");

    app.post(
        &format!("/api/v1/sources/{id}/sync"),
        Some(&brand.token),
        json!({}),
    )
    .await
    .expect(202);
    wait_requests(&mock, "/api/lists/Y6nRLr/profiles", "filter", None, 1).await;
    wait_source(&app, &brand, &id, |s| {
        synced(s) && s["synced_at"] != source["synced_at"]
    })
    .await;
    assert_eq!(count(&app, "SELECT COUNT(*) AS count FROM contacts"), 2);
}

async fn list_sources_rules_and_access(backend: Backend) {
    let mock = mailchimp().await;
    let app = spawn(backend, &mock).await;
    let brand = app.signup("mia@brand.example").await;
    let stranger = app.signup("eve@elsewhere.example").await;
    let connect_url = format!("/api/v1/teams/{}/sources/mailchimp", brand.team_id);

    for body in [
        json!({"api_key": GOOD_KEY, "list_ids": []}),
        json!({"api_key": GOOD_KEY, "list_ids": ["nope"]}),
        json!({"api_key": GOOD_KEY, "list_ids": [LIST], "sync_every_hours": 0}),
        json!({"api_key": GOOD_KEY, "list_ids": [LIST], "sync_every_hours": 169}),
    ] {
        app.post(&connect_url, Some(&brand.token), body)
            .await
            .expect_problem(422, "validation_failed");
    }
    app.post(
        &format!("/api/v1/teams/{}/sources/csv/lists", brand.team_id),
        Some(&brand.token),
        json!({"api_key": GOOD_KEY}),
    )
    .await
    .expect_problem(400, "invalid_parameter");
    // Another team's sources and lists are nobody's business.
    app.post(
        &connect_url,
        Some(&stranger.token),
        json!({"api_key": GOOD_KEY, "list_ids": [LIST]}),
    )
    .await
    .expect_problem(404, "not_found");
    assert!(sources_of(&app, &brand).await.is_empty());

    let made = app
        .post(
            &connect_url,
            Some(&brand.token),
            json!({"api_key": GOOD_KEY, "list_ids": [LIST], "sync_every_hours": 24}),
        )
        .await
        .expect(201)
        .body;
    let id = made[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(made[0]["sync_every_hours"], 24);
    let source = wait_source(&app, &brand, &id, synced).await;
    let at = |field: &str, s: &Value| -> chrono::DateTime<chrono::Utc> {
        serde_json::from_value(s[field].clone()).unwrap()
    };
    assert_eq!(
        at("next_sync_at", &source) - at("synced_at", &source),
        chrono::Duration::hours(24)
    );

    let update = format!("/api/v1/sources/{id}");
    app.patch(&update, &brand.token, json!({"sync_every_hours": 0}))
        .await
        .expect_problem(422, "validation_failed");
    let later = app
        .patch(&update, &brand.token, json!({"sync_every_hours": 48}))
        .await
        .expect(200)
        .body;
    assert_eq!(
        at("next_sync_at", &later) - at("synced_at", &later),
        chrono::Duration::hours(48)
    );
    let sooner = app
        .patch(&update, &brand.token, json!({"sync_every_hours": 1}))
        .await
        .expect(200)
        .body;
    assert_eq!(sooner["sync_every_hours"], 1);
    assert_eq!(
        at("next_sync_at", &sooner) - at("synced_at", &sooner),
        chrono::Duration::hours(1)
    );

    // The schedule runs by the clock: an hour on, the list syncs by itself.
    app.advance(chrono::Duration::minutes(61));
    wait_requests(
        &mock,
        &format!("/3.0/lists/{LIST}/members"),
        "since_last_changed",
        None,
        1,
    )
    .await;
    wait_source(&app, &brand, &id, |s| {
        synced(s) && s["synced_at"] != source["synced_at"]
    })
    .await;

    for (method, route, body) in [
        (
            reqwest::Method::POST,
            format!("/api/v1/sources/{id}/sync"),
            json!({}),
        ),
        (
            reqwest::Method::PUT,
            format!("/api/v1/sources/{id}/key"),
            json!({"api_key": GOOD_KEY}),
        ),
        (
            reqwest::Method::PATCH,
            update.clone(),
            json!({"sync_every_hours": 2}),
        ),
    ] {
        app.call(method, &route, Some(&stranger.token), Some(body))
            .await
            .expect_problem(404, "not_found");
    }

    // An uploaded list does not sync.
    let csv = app
        .client
        .post(format!(
            "{}/api/v1/teams/{}/sources/csv",
            app.address, brand.team_id
        ))
        .query(&[("name", "VIP")])
        .bearer_auth(&brand.token)
        .body("email\nzoe@paints.example\n")
        .send()
        .await
        .unwrap();
    let csv: Value = csv.json().await.unwrap();
    let csv_id = csv["source"]["id"].as_str().unwrap();
    app.post(
        &format!("/api/v1/sources/{csv_id}/sync"),
        Some(&brand.token),
        json!({}),
    )
    .await
    .expect_problem(409, "source_not_syncable");
    app.patch(
        &format!("/api/v1/sources/{csv_id}"),
        &brand.token,
        json!({"sync_every_hours": 2}),
    )
    .await
    .expect_problem(409, "source_not_syncable");
}

on_both_backends!(
    mailchimp_lists_are_checked_connected_and_synced,
    a_revoked_key_fails_the_source_until_a_new_key,
    outages_and_rate_limits_are_retried_from_the_last_page,
    klaviyo_lists_sync_by_cursor_and_joined_since,
    list_sources_rules_and_access,
);
