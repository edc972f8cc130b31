//! Instagram and Facebook page sources on both backends, against a mock Facebook (its dialog's
//! code exchange and the Graph API) answering in the documented formats (the shared fixtures):
//! a login's state good once and only for its starter, the pages to pick from, an Instagram
//! account's fans (tags, comments) matched, looked up and counted as influencers from the
//! follower threshold, nothing in clear for the fans who match nobody, a revoked token failing
//! the source until a new login, rate limits waited (the clock is moved, nothing sleeps), a
//! Facebook page stored, and a server without a Facebook app saying so.

use chrono::{Duration, Utc};
use serde_json::{json, Value};
use wiremock::matchers::{path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::list_sources::{count, fixture, requests, sources_of, synced, wait_source};
use crate::network::creator;
use crate::on_both_backends;
use crate::support::{Backend, TestApp, TestDatabase, TestUser};

pub(crate) const ACCOUNT: &str = "17841400000000001";
pub(crate) const PAGE: &str = "104000000000001";
const OUTLET: &str = "104000000000002";
const MEDIA: &str = "17950000000000201";

/// A Graph timestamp `days` ago.
fn ago(days: i64) -> String {
    (Utc::now() - Duration::days(days))
        .format("%Y-%m-%dT%H:%M:%S+0000")
        .to_string()
}

fn body(value: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(value)
}

fn graph_error(name: &str) -> ResponseTemplate {
    ResponseTemplate::new(400).set_body_raw(fixture(name), "application/json")
}

fn discovery(username: &str, followers: i64) -> ResponseTemplate {
    body(json!({
        "business_discovery": {
            "id": "17841401441775531", "username": username, "name": format!("{username} (pro)"),
            "followers_count": followers, "media_count": 12,
        },
        "id": ACCOUNT,
    }))
}

fn discovery_of(username: &str) -> String {
    format!(
        "business_discovery.username({username}){{username,name,followers_count,media_count,\
         profile_picture_url}}"
    )
}

/// A mock Facebook: the code `good-code` becomes `long-user-token`, which manages the fixture's
/// two pages; the brand's account (`democoffee`) was tagged by ava.bakes and random.fan (and by
/// someone long ago, past the window), and its newest media has comments by mia.lens,
/// someone.random and itself. mia.lens has 48,210 followers, ava.bakes 3,200, someone.random
/// 500, random.fan is a private account; any other lookup is Graph's 404.
async fn facebook() -> MockServer {
    facebook_on(MockServer::start().await).await
}

/// [`facebook`] on `server`, after what a test mounted there first (which comes first).
pub(crate) async fn facebook_on(server: MockServer) -> MockServer {
    Mock::given(path("/v21.0/oauth/access_token"))
        .and(query_param("code", "good-code"))
        .and(query_param("client_id", "app-1"))
        .and(query_param("client_secret", "secret-1"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            fixture("facebook/oauth-access-token.json"),
            "application/json",
        ))
        .mount(&server)
        .await;
    Mock::given(path("/v21.0/oauth/access_token"))
        .and(query_param("grant_type", "fb_exchange_token"))
        .respond_with(body(
            json!({"access_token": "long-user-token", "token_type": "bearer"}),
        ))
        .mount(&server)
        .await;
    Mock::given(path("/v21.0/me/accounts"))
        .and(query_param("access_token", "long-user-token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(fixture("facebook/me-accounts.json"), "application/json"),
        )
        .mount(&server)
        .await;
    Mock::given(path(format!("/v21.0/{ACCOUNT}")))
        .and(query_param("fields", "username"))
        .respond_with(body(json!({"username": "democoffee", "id": ACCOUNT})))
        .mount(&server)
        .await;
    Mock::given(path(format!("/v21.0/{ACCOUNT}/tags")))
        .respond_with(body(json!({
            "data": [
                {"id": "1", "username": "ava.bakes", "caption": "Loving my new @brand apron",
                 "permalink": "https://www.instagram.com/p/BBB101/", "timestamp": ago(20)},
                {"id": "2", "username": "random.fan", "caption": "@brand thanks!",
                 "permalink": "https://www.instagram.com/p/BBB102/", "timestamp": ago(19)},
                {"id": "3", "username": "long.ago", "caption": "@brand",
                 "permalink": "https://www.instagram.com/p/BBB000/", "timestamp": ago(200)},
            ],
            // A next page, never read: its tags are older still.
            "paging": {"cursors": {"after": "OLDER"}, "next": "https://graph.facebook.com/next"},
        })))
        .mount(&server)
        .await;
    Mock::given(path(format!("/v21.0/{ACCOUNT}/media")))
        .respond_with(body(json!({
            "data": [
                {"id": MEDIA, "caption": "New seasonal blend", "permalink": "https://www.instagram.com/p/CCC201/",
                 "timestamp": ago(18), "like_count": 431, "comments_count": 3},
                {"id": "17950000000000202", "caption": "Morning ritual", "permalink": "https://www.instagram.com/p/CCC202/",
                 "timestamp": ago(17), "like_count": 210, "comments_count": 0},
            ],
            "paging": {"cursors": {"after": "X"}},
        })))
        .mount(&server)
        .await;
    Mock::given(path(format!("/v21.0/{MEDIA}/comments")))
        .respond_with(body(json!({
            "data": [
                {"id": "c1", "text": "Obsessed with this blend!", "username": "mia.lens", "timestamp": ago(17)},
                {"id": "c2", "text": "Where can I buy it?", "username": "someone.random", "timestamp": ago(17)},
                {"id": "c3", "text": "Thank you!", "username": "democoffee", "timestamp": ago(16)},
            ],
        })))
        .mount(&server)
        .await;
    Mock::given(path(format!("/v21.0/{ACCOUNT}")))
        .and(query_param("fields", discovery_of("mia.lens").as_str()))
        .respond_with(discovery("mia.lens", 48_210))
        .mount(&server)
        .await;
    Mock::given(path(format!("/v21.0/{ACCOUNT}")))
        .and(query_param("fields", discovery_of("ava.bakes").as_str()))
        .respond_with(discovery("ava.bakes", 3_200))
        .mount(&server)
        .await;
    Mock::given(path(format!("/v21.0/{ACCOUNT}")))
        .and(query_param(
            "fields",
            discovery_of("someone.random").as_str(),
        ))
        .respond_with(discovery("someone.random", 500))
        .mount(&server)
        .await;
    Mock::given(path(format!("/v21.0/{ACCOUNT}")))
        .and(query_param("fields", discovery_of("random.fan").as_str()))
        .respond_with(graph_error(
            "instagram/business-discovery-not-business.json",
        ))
        .mount(&server)
        .await;
    server
}

pub(crate) async fn spawn(backend: Backend, mock: &MockServer) -> TestApp {
    let uri = mock.uri();
    TestApp::spawn_with(
        TestDatabase::new(backend),
        &[
            "--facebook-app-id",
            "app-1",
            "--facebook-app-secret",
            "secret-1",
            "--facebook-url",
            &uri,
            "--graph-url",
            &uri,
        ],
    )
    .await
}

/// Starts a login; answers its state (from the authorize link).
async fn start(app: &TestApp, user: &TestUser, connect: &str) -> String {
    let started = app
        .post(
            &format!("/api/v1/teams/{}/facebook-logins", user.team_id),
            Some(&user.token),
            json!({ "connect": connect }),
        )
        .await
        .expect(201)
        .body;
    let link = url::Url::parse(started["authorize_url"].as_str().unwrap()).unwrap();
    assert_eq!(link.path(), "/v21.0/dialog/oauth");
    let query: std::collections::HashMap<_, _> = link.query_pairs().into_owned().collect();
    assert_eq!(query["client_id"], "app-1");
    assert!(query["redirect_uri"].ends_with("/sources/facebook"));
    query["state"].clone()
}

/// A login through to its pages.
pub(crate) async fn log_in(app: &TestApp, user: &TestUser, connect: &str) -> Value {
    let state = start(app, user, connect).await;
    app.post(
        "/api/v1/facebook-logins/callback",
        Some(&user.token),
        json!({"code": "good-code", "state": state}),
    )
    .await
    .expect(200)
    .body
}

pub(crate) async fn pick(app: &TestApp, user: &TestUser, login: &Value, page: &str) -> Value {
    app.post(
        &format!(
            "/api/v1/facebook-logins/{}/page",
            login["id"].as_str().unwrap()
        ),
        Some(&user.token),
        json!({ "page_id": page }),
    )
    .await
    .expect(201)
    .body
}

async fn matches(app: &TestApp, user: &TestUser) -> Vec<Value> {
    app.get(
        &format!("/api/v1/teams/{}/source-matches", user.team_id),
        &user.token,
    )
    .await
    .expect(200)
    .body
    .as_array()
    .unwrap()
    .clone()
}

async fn lookups(mock: &MockServer) -> usize {
    let route = format!("/v21.0/{ACCOUNT}");
    let received = mock.received_requests().await.unwrap_or_default();
    received
        .iter()
        .filter(|request| request.url.path() == route)
        .filter(|request| {
            request
                .url
                .query_pairs()
                .any(|(name, value)| name == "fields" && value.starts_with("business_discovery"))
        })
        .count()
}

async fn instagram_fans_are_matched_looked_up_and_counted(backend: Backend) {
    let mock = facebook().await;
    let app = spawn(backend, &mock).await;
    let brand = app.signup("mia@brand.example").await;
    let other = app.signup("noah@other.example").await;
    let (token, _) = creator(&app, "ava@creators.example", "Ava Bakes").await;
    app.post(
        "/api/v1/creator/accounts",
        Some(&token),
        json!({"profile": "instagram.com/ava.bakes", "followers": 3200}),
    )
    .await
    .expect(201);

    // A state is its starter's, and good once.
    let state = start(&app, &brand, "instagram").await;
    let callback = json!({"code": "good-code", "state": state});
    app.post(
        "/api/v1/facebook-logins/callback",
        Some(&other.token),
        callback.clone(),
    )
    .await
    .expect_problem(422, "oauth_state_invalid");
    let login = app
        .post(
            "/api/v1/facebook-logins/callback",
            Some(&brand.token),
            callback.clone(),
        )
        .await
        .expect(200)
        .body;
    app.post(
        "/api/v1/facebook-logins/callback",
        Some(&brand.token),
        callback,
    )
    .await
    .expect_problem(422, "oauth_state_invalid");
    let pages = login["pages"].as_array().unwrap();
    assert_eq!(pages.len(), 2);
    assert_eq!(pages[0]["name"], "Demo Coffee Co.");
    assert_eq!(pages[0]["instagram_account_id"], ACCOUNT);
    assert_eq!(pages[0]["connected"], false);
    assert!(pages[1].get("instagram_account_id").is_none());
    assert!(!login.to_string().contains("EAAG"), "no token is shown");

    // A page without an Instagram business account cannot be an Instagram source.
    let login_id = login["id"].as_str().unwrap();
    let refused = app
        .post(
            &format!("/api/v1/facebook-logins/{login_id}/page"),
            Some(&brand.token),
            json!({"page_id": OUTLET}),
        )
        .await
        .expect(422);
    assert_eq!(refused.body["errors"][0]["code"], "no_instagram_account");
    app.post(
        &format!("/api/v1/facebook-logins/{login_id}/page"),
        Some(&other.token),
        json!({"page_id": PAGE}),
    )
    .await
    .expect_problem(422, "oauth_state_invalid");

    let source = pick(&app, &brand, &login, PAGE).await;
    assert_eq!(source["kind"], "instagram");
    assert_eq!(source["name"], "@democoffee");
    assert_eq!(source["page"]["instagram_username"], "democoffee");
    assert_eq!(source["min_followers"], 1000);
    assert_eq!(source["sync_every_hours"], 6);
    assert_eq!(source["updates_itself"], true);
    assert!(!source.to_string().contains("EAAG"));
    let id = source["id"].as_str().unwrap().to_owned();
    // The login ended with the pick.
    app.post(
        &format!("/api/v1/facebook-logins/{login_id}/page"),
        Some(&brand.token),
        json!({"page_id": PAGE}),
    )
    .await
    .expect_problem(422, "oauth_state_invalid");

    let done = wait_source(&app, &brand, &id, synced).await;
    // Four fans: the tags and comments of the window, the brand's own comment aside.
    assert_eq!(done["contacts"], 4, "{done:#}");
    assert_eq!(done["matches"], 2);
    assert_eq!(
        lookups(&mock).await,
        3,
        "every fan but the creator is looked up once"
    );
    assert_eq!(
        requests(&mock, &format!("/v21.0/{ACCOUNT}/tags"), "after", None).await,
        0,
        "tags older than the window are not read"
    );

    let found = matches(&app, &brand).await;
    let ava = found
        .iter()
        .find(|m| m["display_name"] == "Ava Bakes")
        .unwrap();
    assert!(ava["creator_id"].is_string());
    assert_eq!(ava["matched_by"], "instagram");
    assert!(ava["detail"]
        .as_str()
        .unwrap()
        .starts_with("tagged you on Instagram on "));
    assert_eq!(ava["link"], "https://www.instagram.com/p/BBB101/");
    let mia = found
        .iter()
        .find(|m| m["display_name"] == "mia.lens (pro)")
        .unwrap();
    assert!(mia["influencer_id"].is_string());
    assert_eq!(mia["followers"], 48_210);
    assert!(mia["detail"]
        .as_str()
        .unwrap()
        .starts_with("commented on your Instagram post on "));
    assert_eq!(mia["link"], "https://www.instagram.com/p/CCC201/");
    assert_eq!(found.len(), 2);

    // mia.lens is one of the team's influencers now, with her followers; the fans below the
    // threshold or private are not, and nothing keeps their handles in clear.
    let influencers = app
        .get(
            &format!("/api/v1/teams/{}/influencers", brand.team_id),
            &brand.token,
        )
        .await
        .expect(200)
        .body;
    let names: Vec<&str> = influencers["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["display_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["mia.lens (pro)"]);
    for handle in ["random.fan", "someone.random"] {
        for (table, column) in [
            ("jobs", "cursor"),
            ("contacts", "detail"),
            ("jobs", "last_error"),
        ] {
            let sql =
                format!("SELECT COUNT(*) AS count FROM {table} WHERE {column} LIKE '%{handle}%'");
            assert_eq!(count(&app, &sql), 0, "{handle} in {table}.{column}");
        }
    }
    let notified = app
        .get("/api/v1/notifications", &brand.token)
        .await
        .expect(200)
        .body
        .to_string();
    assert!(notified.contains("2 creators tagged or commented on your Instagram @democoffee"));

    // The next sync reads the fans again and looks none up twice.
    app.post(
        &format!("/api/v1/sources/{id}/sync"),
        Some(&brand.token),
        json!({}),
    )
    .await
    .expect(202);
    let again = wait_source(&app, &brand, &id, |s| {
        synced(s) && s["synced_at"] != done["synced_at"]
    })
    .await;
    assert_eq!(again["contacts"], 4);
    assert_eq!(again["matches"], 2);
    assert_eq!(lookups(&mock).await, 3);

    // The threshold is the team's to pick (for the fans looked up from then on).
    let changed = app
        .patch(
            &format!("/api/v1/sources/{id}"),
            &brand.token,
            json!({"min_followers": 5000}),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(changed["min_followers"], 5000);
    app.patch(
        &format!("/api/v1/sources/{id}"),
        &brand.token,
        json!({"min_followers": -1}),
    )
    .await
    .expect(422);
}

async fn a_revoked_login_fails_the_source_until_a_new_one(backend: Backend) {
    // The page token is refused once (Facebook's code 190), then accepted again.
    let mock = MockServer::start().await;
    Mock::given(path(format!("/v21.0/{ACCOUNT}/tags")))
        .respond_with(graph_error("facebook/error-expired-token.json"))
        .up_to_n_times(1)
        .mount(&mock)
        .await;
    let mock = facebook_on(mock).await;
    let app = spawn(backend, &mock).await;
    let brand = app.signup("mia@brand.example").await;
    let login = log_in(&app, &brand, "instagram").await;
    let id = pick(&app, &brand, &login, PAGE).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let failed = wait_source(&app, &brand, &id, |s| s["state"] == "failed").await;
    let why = failed["error"].as_str().unwrap();
    assert!(why.contains("Session has expired"), "{why}");
    assert!(why.contains("Reconnect with Facebook"), "{why}");
    assert!(
        failed.get("next_sync_at").is_none(),
        "syncs stop: {failed:#}"
    );
    assert_eq!(lookups(&mock).await, 0);

    // A new login, the same page: the same source, renewed, synced.
    let login = log_in(&app, &brand, "instagram").await;
    assert_eq!(login["pages"][0]["connected"], true);
    let renewed = pick(&app, &brand, &login, PAGE).await;
    assert_eq!(renewed["id"], id.as_str());
    let done = wait_source(&app, &brand, &id, synced).await;
    assert_eq!(done["matches"], 2);
    assert!(done.get("error").is_none());
    assert_eq!(sources_of(&app, &brand).await.len(), 1);
}

async fn rate_limits_wait_and_a_facebook_page_is_stored(backend: Backend) {
    let mock = MockServer::start().await;
    Mock::given(path(format!("/v21.0/{ACCOUNT}")))
        .and(query_param("fields", discovery_of("mia.lens").as_str()))
        .respond_with(graph_error("instagram/rate-limited.json"))
        .up_to_n_times(1)
        .mount(&mock)
        .await;
    let mock = facebook_on(mock).await;
    let app = spawn(backend, &mock).await;
    let brand = app.signup("mia@brand.example").await;
    let login = log_in(&app, &brand, "instagram").await;
    let id = pick(&app, &brand, &login, PAGE).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // Lookups come in the order the fans were found: the tags' (ava.bakes, random.fan), then
    // the comments' (mia.lens, someone.random). The rate limit waits a quarter of an hour, and
    // the sync resumes with mia.lens.
    let waiting = wait_source(&app, &brand, &id, |s| {
        s["state"] == "syncing" && s.get("next_sync_at").is_some()
    })
    .await;
    let next: chrono::DateTime<Utc> =
        serde_json::from_value(waiting["next_sync_at"].clone()).unwrap();
    let wait = next.naive_utc() - app.clock.now();
    assert!(
        wait > Duration::minutes(14) && wait <= Duration::minutes(15),
        "{wait}"
    );
    let before = lookups(&mock).await;
    app.advance(Duration::minutes(16));
    let done = wait_source(&app, &brand, &id, synced).await;
    assert_eq!(done["matches"], 2);
    assert_eq!(
        lookups(&mock).await,
        before + 2,
        "the limited lookup is tried again, and the one after it; none before it again"
    );

    // A Facebook page: stored and shown, not synced.
    let login = log_in(&app, &brand, "facebook").await;
    let page = pick(&app, &brand, &login, OUTLET).await;
    assert_eq!(page["kind"], "facebook");
    assert_eq!(page["name"], "Demo Coffee Outlet");
    assert_eq!(page["page"]["category"], "Retail");
    assert_eq!(page["state"], "synced");
    assert_eq!(page["updates_itself"], false);
    assert!(page.get("min_followers").is_none());
    let page_id = page["id"].as_str().unwrap();
    app.post(
        &format!("/api/v1/sources/{page_id}/sync"),
        Some(&brand.token),
        json!({}),
    )
    .await
    .expect_problem(409, "source_not_syncable");
    app.delete(&format!("/api/v1/sources/{page_id}"), &brand.token)
        .await
        .expect(204);
    assert_eq!(
        count(&app, "SELECT COUNT(*) AS count FROM facebook_logins"),
        0,
        "logins end with their pick"
    );
}

async fn a_server_without_a_facebook_app_says_so(backend: Backend) {
    let app = TestApp::spawn_with(TestDatabase::new(backend), &[]).await;
    let brand = app.signup("mia@brand.example").await;
    let refused = app
        .post(
            &format!("/api/v1/teams/{}/facebook-logins", brand.team_id),
            Some(&brand.token),
            json!({"connect": "instagram"}),
        )
        .await
        .expect(409);
    assert_eq!(refused.body["code"], "facebook_not_configured");
    assert!(refused.body["detail"]
        .as_str()
        .unwrap()
        .contains("RAPPORT_FACEBOOK_APP_ID"));
    app.post(
        &format!("/api/v1/teams/{}/facebook-logins", brand.team_id),
        Some(&brand.token),
        json!({"connect": "tiktok"}),
    )
    .await
    .expect(422);
    app.post(
        "/api/v1/facebook-logins/callback",
        Some(&brand.token),
        json!({"code": "", "state": "x"}),
    )
    .await
    .expect_problem(422, "validation_failed");
}

on_both_backends!(
    instagram_fans_are_matched_looked_up_and_counted,
    a_revoked_login_fails_the_source_until_a_new_one,
    rate_limits_wait_and_a_facebook_page_is_stored,
    a_server_without_a_facebook_app_says_so,
);
