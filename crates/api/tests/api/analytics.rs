//! Account analytics on both backends, against mock YouTube and Graph APIs answering in their
//! documented formats (the shared fixtures): a team's YouTube key checked and stored, a channel's
//! figures, uploads and their statistics read into the account's figures, engagement rate,
//! recent posts and one snapshot a day; the history's ranges; figures typed in by hand; the
//! daily refresh through the team's Instagram business account (a personal account's problem
//! recorded); old snapshots thinned; other teams see nothing. The clock is moved, nothing waits
//! for time.

use chrono::Duration;
use reqwest::Method;
use serde_json::{json, Value};
use wiremock::matchers::{path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::list_sources::json_file;
use crate::on_both_backends;
use crate::support::{Backend, TestApp, TestDatabase, TestUser};

const KEY: &str = "AIzaSyTest-key-0123456789abcd";
const REFUSED_KEY: &str = "AIzaSyRefused-key-0123456789";

fn youtube_error(status: u16, reason: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({"error": {
        "code": status, "message": "API key not valid. Please pass a valid API key.",
        "errors": [{"message": "API key not valid.", "domain": "global", "reason": reason}]
    }}))
}

/// A mock YouTube: `KEY` reads @leoruns (128,000 subscribers, 412 videos, whose two newest
/// uploads have 3,120 and 1,002 likes) and YouTube's own channel (the key check); any other key
/// is refused.
async fn youtube() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(path("/youtube/v3/channels"))
        .and(query_param("key", REFUSED_KEY))
        .respond_with(youtube_error(400, "keyInvalid"))
        .mount(&server)
        .await;
    Mock::given(path("/youtube/v3/channels"))
        .and(query_param("key", KEY))
        .and(query_param("forHandle", "@leoruns"))
        .respond_with(json_file("youtube/channels-for-handle.json"))
        .mount(&server)
        .await;
    Mock::given(path("/youtube/v3/channels"))
        .and(query_param("key", KEY))
        .and(query_param("id", "UCBR8-60-B28hp2BmDPdntcQ"))
        .respond_with(json_file("youtube/channels-for-handle.json"))
        .mount(&server)
        .await;
    Mock::given(path("/youtube/v3/channels"))
        .and(query_param("key", KEY))
        .respond_with(json_file("youtube/channels-no-match.json"))
        .mount(&server)
        .await;
    Mock::given(path("/youtube/v3/playlistItems"))
        .and(query_param("key", KEY))
        .and(query_param("playlistId", "UUx3l9H1z4Yd0bQv6Tqk2AbC"))
        .respond_with(json_file("youtube/playlist-items-uploads.json"))
        .mount(&server)
        .await;
    Mock::given(path("/youtube/v3/videos"))
        .and(query_param("key", KEY))
        .respond_with(json_file("youtube/videos-statistics.json"))
        .mount(&server)
        .await;
    server
}

async fn spawn(backend: Backend, youtube: &MockServer, extra: &[&str]) -> TestApp {
    let uri = youtube.uri();
    let mut flags = vec!["--youtube-url", uri.as_str()];
    flags.extend_from_slice(extra);
    TestApp::spawn_with(TestDatabase::new(backend), &flags).await
}

pub(crate) async fn add_influencer(app: &TestApp, user: &TestUser, profile: &str) -> Value {
    app.post(
        &format!("/api/v1/teams/{}/influencers", user.team_id),
        Some(&user.token),
        json!({ "profile": profile }),
    )
    .await
    .expect(201)
    .body
}

pub(crate) async fn insights(app: &TestApp, user: &TestUser, influencer: &str) -> Value {
    app.get(
        &format!("/api/v1/influencers/{influencer}/insights"),
        &user.token,
    )
    .await
    .expect(200)
    .body
}

/// Polls the insights until no refresh is pending.
pub(crate) async fn refreshed(app: &TestApp, user: &TestUser, influencer: &str) -> Value {
    for _ in 0..400 {
        let found = insights(app, user, influencer).await;
        if found["refreshing"] == false {
            return found;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("the refresh never ended");
}

async fn put(app: &TestApp, user: &TestUser, route: &str, body: Value) -> crate::support::Reply {
    app.call(Method::PUT, route, Some(&user.token), Some(body))
        .await
}

fn close(found: &Value, expected: f64) {
    let value = found
        .as_f64()
        .unwrap_or_else(|| panic!("not a number: {found}"));
    assert!((value - expected).abs() < 1e-9, "{value} is not {expected}");
}

async fn youtube_figures_are_read_stored_and_charted(backend: Backend) {
    let mock = youtube().await;
    let app = spawn(backend, &mock, &[]).await;
    let brand = app.signup("mia@brand.example").await;
    let other = app.signup("noah@other.example").await;
    let leo = add_influencer(&app, &brand, "https://youtube.com/@leoruns").await;
    let leo_id = leo["id"].as_str().unwrap().to_owned();
    let account = leo["accounts"][0]["id"].as_str().unwrap().to_owned();

    // Without a key, the view says what is missing.
    let found = insights(&app, &brand, &leo_id).await;
    assert_eq!(found["accounts"][0]["missing_integration"], "youtube");
    assert!(found["accounts"][0]["advice"]
        .as_str()
        .unwrap()
        .contains("YouTube Data API key"));
    assert_eq!(found["accounts"][0]["source"], Value::Null);
    assert_eq!(found["refresh_every_hours"], 24);

    // The key: shaped, then checked with YouTube, then stored for this team only.
    let integrations = format!("/api/v1/teams/{}/integrations", brand.team_id);
    let route = format!("{integrations}/youtube");
    put(&app, &brand, &route, json!({"api_key": "short"}))
        .await
        .expect_problem(422, "validation_failed");
    let refused = put(&app, &brand, &route, json!({"api_key": REFUSED_KEY}))
        .await
        .expect_problem(422, "provider_key_refused");
    assert!(!refused.body.to_string().contains(REFUSED_KEY));
    put(&app, &other, &route, json!({"api_key": KEY}))
        .await
        .expect_problem(404, "not_found");
    let stored = put(&app, &brand, &route, json!({"api_key": KEY}))
        .await
        .expect(200)
        .body;
    assert_eq!(stored["youtube_key"], true);
    assert_eq!(stored["youtube_key_hint"], "…abcd");
    assert_eq!(stored["youtube_units_per_day"], 3);
    assert!(stored.get("instagram_account").is_none());
    app.get(&integrations, &other.token)
        .await
        .expect_problem(404, "not_found");
    let raw: Vec<String> = {
        use diesel::prelude::*;
        use rapport_store::schema::team_integrations;
        team_integrations::table
            .select(team_integrations::secret)
            .load(&mut app.database.connect())
            .unwrap()
    };
    assert!(!raw[0].contains(KEY), "keys are sealed at rest");

    // Refresh now: figures, engagement, posts, today's snapshot.
    let queued = app
        .post(
            &format!("/api/v1/influencers/{leo_id}/insights/refresh"),
            Some(&brand.token),
            json!({}),
        )
        .await
        .expect(202)
        .body;
    assert_eq!(queued["accounts"][0]["missing_integration"], Value::Null);
    let found = refreshed(&app, &brand, &leo_id).await;
    let figures = &found["accounts"][0];
    assert_eq!(figures["source"], "youtube", "{figures:#}");
    assert_eq!(figures["account"]["followers"], 128_000);
    assert_eq!(figures["account"]["posts"], 412);
    close(&figures["avg_likes"], 2_061.0);
    close(&figures["avg_comments"], 151.0);
    close(&figures["avg_views"], 34_164.0);
    close(
        &figures["account"]["engagement_rate"],
        (2_061.0 + 151.0) / 128_000.0,
    );
    assert!(figures["account"]["stats_updated_at"].is_string());
    let posts = figures["recent_posts"].as_array().unwrap();
    assert_eq!(posts.len(), 2);
    assert_eq!(
        posts[0]["link"],
        "https://www.youtube.com/watch?v=a1B2c3D4e5F"
    );
    assert_eq!(posts[0]["likes"], 3_120);
    assert!(posts[0]["caption"].as_str().unwrap().contains("#BrandRun"));
    let history = format!("/api/v1/influencers/{leo_id}/accounts/{account}/snapshots");
    let chart = app
        .get(&format!("{history}?range=30d"), &brand.token)
        .await
        .expect(200)
        .body;
    assert_eq!(chart["range"], "30d");
    assert_eq!(chart["points"].as_array().unwrap().len(), 1);
    assert_eq!(chart["points"][0]["followers"], 128_000);
    assert_eq!(
        chart["points"][0]["day"],
        app.clock.now().date().to_string()
    );

    // A day later, another refresh: one more point; the same day twice keeps one.
    app.advance(Duration::days(1));
    for _ in 0..2 {
        app.post(
            &format!("/api/v1/influencers/{leo_id}/insights/refresh"),
            Some(&brand.token),
            json!({}),
        )
        .await
        .expect(202);
        refreshed(&app, &brand, &leo_id).await;
    }
    let chart = app
        .get(&format!("{history}?range=all"), &brand.token)
        .await
        .expect(200)
        .body;
    assert_eq!(chart["points"].as_array().unwrap().len(), 2);
    assert!(chart["points"][0]["day"].as_str() < chart["points"][1]["day"].as_str());
    app.get(&format!("{history}?range=2y"), &brand.token)
        .await
        .expect_problem(400, "invalid_parameter");
    app.get(&history, &other.token)
        .await
        .expect_problem(404, "not_found");
    app.get(
        &format!("/api/v1/influencers/{leo_id}/insights"),
        &other.token,
    )
    .await
    .expect_problem(404, "not_found");

    // A handle YouTube does not know is that account's problem.
    let ghost = add_influencer(&app, &brand, "https://youtube.com/@nobodyhere").await;
    let ghost_id = ghost["id"].as_str().unwrap();
    app.post(
        &format!("/api/v1/influencers/{ghost_id}/insights/refresh"),
        Some(&brand.token),
        json!({}),
    )
    .await
    .expect(202);
    let found = refreshed(&app, &brand, ghost_id).await;
    assert!(found["accounts"][0]["problem"]
        .as_str()
        .unwrap()
        .contains("no channel"));

    // Without the key, no more is read: the figures stay.
    app.delete(&route, &brand.token).await.expect(204);
    app.delete(&route, &brand.token)
        .await
        .expect_problem(404, "not_found");
    let found = insights(&app, &brand, &leo_id).await;
    assert_eq!(found["accounts"][0]["missing_integration"], "youtube");
    assert_eq!(found["accounts"][0]["account"]["followers"], 128_000);
    app.stop().await;
}

async fn figures_typed_in_by_hand_are_marked_and_charted(backend: Backend) {
    let mock = youtube().await;
    let app = spawn(backend, &mock, &[]).await;
    let brand = app.signup("mia@brand.example").await;
    let other = app.signup("noah@other.example").await;
    let ava = add_influencer(&app, &brand, "https://www.tiktok.com/@ava.bakes").await;
    let ava_id = ava["id"].as_str().unwrap().to_owned();
    let account = ava["accounts"][0]["id"].as_str().unwrap().to_owned();
    let found = insights(&app, &brand, &ava_id).await;
    assert_eq!(found["accounts"][0]["missing_integration"], "tiktok");

    let route = format!("/api/v1/influencers/{ava_id}/accounts/{account}/stats");
    put(&app, &brand, &route, json!({}))
        .await
        .expect_problem(422, "validation_failed");
    let refused = put(
        &app,
        &brand,
        &route,
        json!({"followers": -1, "avg_likes": 1e300}),
    )
    .await
    .expect_problem(422, "validation_failed");
    assert_eq!(refused.body["errors"].as_array().unwrap().len(), 2);
    put(&app, &brand, &route, json!({"followers": 10, "shares": 3}))
        .await
        .expect(422);
    put(&app, &other, &route, json!({"followers": 10}))
        .await
        .expect_problem(404, "not_found");
    let typed = put(
        &app,
        &brand,
        &route,
        json!({"followers": 20_931, "posts": 167, "avg_likes": 500.0, "avg_comments": 20.0}),
    )
    .await
    .expect(200)
    .body;
    assert_eq!(typed["source"], "manual");
    assert_eq!(typed["account"]["followers"], 20_931);
    close(&typed["account"]["engagement_rate"], 520.0 / 20_931.0);
    assert_eq!(typed["avg_views"], Value::Null);
    let chart = app
        .get(
            &format!("/api/v1/influencers/{ava_id}/accounts/{account}/snapshots"),
            &brand.token,
        )
        .await
        .expect(200)
        .body;
    assert_eq!(chart["range"], "90d");
    assert_eq!(chart["points"][0]["source"], "manual");
    assert_eq!(chart["points"][0]["followers"], 20_931);
    // Another influencer's account is not this one's.
    let leo = add_influencer(&app, &brand, "https://youtube.com/@leoruns").await;
    let leo_account = leo["accounts"][0]["id"].as_str().unwrap();
    put(
        &app,
        &brand,
        &format!("/api/v1/influencers/{ava_id}/accounts/{leo_account}/stats"),
        json!({"followers": 1}),
    )
    .await
    .expect_problem(404, "not_found");
    app.stop().await;
}

async fn old_snapshots_are_thinned_by_the_daily_job(backend: Backend) {
    let mock = youtube().await;
    let app = spawn(backend, &mock, &[]).await;
    let brand = app.signup("mia@brand.example").await;
    let leo = add_influencer(&app, &brand, "https://youtube.com/@leoruns").await;
    let account = leo["accounts"][0]["id"].as_str().unwrap().to_owned();
    // 400 days of daily snapshots, up to yesterday.
    let today = rapport_store::analytics::day_number(app.clock.now().date());
    let values: Vec<String> = (1..=400)
        .map(|back| {
            format!(
                "('{account}', {}, {}, NULL, NULL, 'manual')",
                today - back,
                100_000 - back
            )
        })
        .collect();
    app.sql(&format!(
        "INSERT INTO account_snapshots (account_id, day, followers, posts, engagement_rate, source) \
         VALUES {}",
        values.join(", ")
    ));
    // The daily job runs five minutes after the server's start (and every day after).
    app.advance(Duration::minutes(6));
    let count = || {
        use diesel::prelude::*;
        use rapport_store::schema::account_snapshots;
        account_snapshots::table
            .count()
            .get_result::<i64>(&mut app.database.connect())
            .unwrap()
    };
    let mut left = count();
    for _ in 0..400 {
        if left < 400 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        left = count();
    }
    // Days 1-90 back stay daily; 91-400 back become one a week (ISO weeks: 44 or 45 of them,
    // one of which may hold days on both sides of day 90).
    assert!((133..=137).contains(&left), "{left} snapshots left");
    let chart = app
        .get(
            &format!(
                "/api/v1/influencers/{}/accounts/{account}/snapshots?range=all",
                leo["id"].as_str().unwrap()
            ),
            &brand.token,
        )
        .await
        .expect(200)
        .body;
    assert_eq!(chart["points"].as_array().unwrap().len() as i64, left);
    app.stop().await;
}

/// Polls an influencer's insights until `done` says so.
async fn insights_until(
    app: &TestApp,
    user: &TestUser,
    influencer: &str,
    done: impl Fn(&Value) -> bool,
) -> Value {
    let mut last = Value::Null;
    for _ in 0..400 {
        last = insights(app, user, influencer).await;
        if done(&last) {
            return last;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("the insights never got there: {last:#}");
}

async fn instagram_figures_come_through_the_teams_business_account(backend: Backend) {
    use crate::facebook_sources::{facebook_on, log_in, pick, spawn, PAGE};
    use wiremock::matchers::query_param_contains;
    let mock = MockServer::start().await;
    // lens.pro is a creator account (the fixture's three posts); its answer says the app has
    // used 95 % of its hourly allowance. private.one is a personal account.
    Mock::given(query_param_contains(
        "fields",
        "business_discovery.username(lens.pro){",
    ))
    .and(query_param_contains("fields", "media.limit("))
    .respond_with(
        json_file("instagram/business-discovery.json").insert_header(
            "x-app-usage",
            r#"{"call_count":95,"total_cputime":10,"total_time":12}"#,
        ),
    )
    .mount(&mock)
    .await;
    Mock::given(query_param_contains(
        "fields",
        "business_discovery.username(private.one){",
    ))
    .respond_with(ResponseTemplate::new(400).set_body_raw(
        crate::list_sources::fixture("instagram/business-discovery-not-business.json"),
        "application/json",
    ))
    .mount(&mock)
    .await;
    let mock = facebook_on(mock).await;
    let app = spawn(backend, &mock).await;
    let brand = app.signup("mia@brand.example").await;
    let lens = add_influencer(&app, &brand, "instagram.com/lens.pro").await;
    let lens = lens["id"].as_str().unwrap().to_owned();
    let private = add_influencer(&app, &brand, "instagram.com/private.one").await;
    let private = private["id"].as_str().unwrap().to_owned();
    let found = insights(&app, &brand, &lens).await;
    assert_eq!(found["accounts"][0]["missing_integration"], "instagram");

    // The team connects its Instagram business account (Data sources).
    let login = log_in(&app, &brand, "instagram").await;
    pick(&app, &brand, &login, PAGE).await;
    let integrations = app
        .get(
            &format!("/api/v1/teams/{}/integrations", brand.team_id),
            &brand.token,
        )
        .await
        .expect(200)
        .body;
    assert_eq!(integrations["instagram_account"], "@democoffee");

    // The daily refresh (five minutes after the server starts) reads lens.pro, then waits: the
    // allowance is nearly used.
    app.advance(Duration::minutes(6));
    let found = insights_until(&app, &brand, &lens, |found| {
        found["accounts"][0]["source"] == "instagram"
    })
    .await;
    let figures = &found["accounts"][0];
    assert_eq!(figures["missing_integration"], Value::Null);
    assert_eq!(figures["account"]["followers"], 48_210);
    assert_eq!(figures["account"]["posts"], 734);
    let (likes, comments) = (
        (2_310.0 + 1_904.0 + 5_120.0) / 3.0,
        (88.0 + 61.0 + 240.0) / 3.0,
    );
    close(&figures["avg_likes"], likes);
    close(&figures["avg_comments"], comments);
    assert_eq!(figures["avg_views"], Value::Null);
    close(
        &figures["account"]["engagement_rate"],
        (likes + comments) / 48_210.0,
    );
    assert_eq!(figures["recent_posts"].as_array().unwrap().len(), 3);
    assert_eq!(
        figures["recent_posts"][0]["link"],
        "https://www.instagram.com/p/AAA111/"
    );
    // The refresh waits an hour (recorded on its job) before private.one is read.
    let waited = {
        use diesel::prelude::*;
        use rapport_store::schema::jobs;
        let mut found = None;
        for _ in 0..400 {
            found = jobs::table
                .filter(jobs::kind.eq("profile_refresh"))
                .filter(jobs::status.eq("queued"))
                .select((jobs::last_error, jobs::run_at))
                .first::<(Option<String>, chrono::NaiveDateTime)>(&mut app.database.connect())
                .optional()
                .unwrap()
                .filter(|(error, _)| error.is_some());
            if found.is_some() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        found.expect("the refresh waits")
    };
    assert!(waited.0.unwrap().contains("allowance"));
    assert!(waited.1 > app.clock.now() + Duration::minutes(55));
    let waiting = insights(&app, &brand, &private).await;
    assert_eq!(waiting["accounts"][0]["problem"], Value::Null);
    assert_eq!(waiting["accounts"][0]["source"], Value::Null);

    // An hour on, the refresh goes on: a personal account's problem is recorded.
    app.advance(Duration::minutes(61));
    let found = insights_until(&app, &brand, &private, |found| {
        found["accounts"][0]["problem"].is_string()
    })
    .await;
    assert!(found["accounts"][0]["problem"]
        .as_str()
        .unwrap()
        .contains("business and creator accounts"));
    app.stop().await;
}

on_both_backends!(
    instagram_figures_come_through_the_teams_business_account,
    youtube_figures_are_read_stored_and_charted,
    figures_typed_in_by_hand_are_marked_and_charted,
    old_snapshots_are_thinned_by_the_daily_job,
);
