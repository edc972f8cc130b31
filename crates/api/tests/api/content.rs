//! Content tracking on both backends, against a mock YouTube: a board's hashtag collects the
//! posts of its influencers whose caption carries exactly that tag (any case; `#BrandRunning` is
//! not `#BrandRun`), posted since the hashtag was set; a new hashtag keeps the old posts with
//! their hashtag; posts added by hand by their link; sorting, totals, access. The clock is moved,
//! nothing waits for time.

use chrono::{Duration, NaiveDateTime};
use reqwest::Method;
use serde_json::{json, Value};
use wiremock::matchers::{path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::list_sources::json_file;
use crate::on_both_backends;
use crate::support::{Backend, TestApp, TestDatabase, TestUser};

const KEY: &str = "AIzaSyTest-key-0123456789abcd";

fn stamp(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn upload(id: &str, title: &str, at: NaiveDateTime) -> Value {
    json!({"kind": "youtube#playlistItem", "id": format!("item-{id}"),
        "snippet": {"publishedAt": stamp(at), "channelId": "UCx3l9H1z4Yd0bQv6Tqk2AbC", "title": title,
            "description": "", "resourceId": {"kind": "youtube#video", "videoId": id}},
        "contentDetails": {"videoId": id, "videoPublishedAt": stamp(at)}})
}

fn stats(id: &str, likes: i64, comments: i64, views: i64) -> Value {
    json!({"kind": "youtube#video", "id": id, "statistics": {
        "viewCount": views.to_string(), "likeCount": likes.to_string(), "commentCount": comments.to_string()}})
}

/// A mock YouTube whose @leoruns posted, around `t0`: "#BrandRun" an hour after, "#BrandRunning"
/// two hours after, and "#brandrun" two days before.
async fn youtube(t0: NaiveDateTime) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(path("/youtube/v3/channels"))
        .and(query_param("key", KEY))
        .respond_with(json_file("youtube/channels-for-handle.json"))
        .mount(&server)
        .await;
    Mock::given(path("/youtube/v3/playlistItems"))
        .and(query_param("key", KEY))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "kind": "youtube#playlistItemListResponse",
            "items": [
                upload("vidBRUNNING", "Long run vlog #BrandRunning", t0 + Duration::hours(2)),
                upload("vidBRUN", "Trail shoes tested #BrandRun", t0 + Duration::hours(1)),
                upload("vidOLD", "Before the launch #brandrun", t0 - Duration::days(2)),
            ]
        })))
        .mount(&server)
        .await;
    Mock::given(path("/youtube/v3/videos"))
        .and(query_param("key", KEY))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": [
            stats("vidBRUNNING", 800, 40, 9_000),
            stats("vidBRUN", 3_000, 200, 50_000),
            stats("vidOLD", 10, 1, 100),
        ]})))
        .mount(&server)
        .await;
    server
}

async fn content(app: &TestApp, user: &TestUser, board: &str, query: &str) -> Value {
    app.get(
        &format!("/api/v1/boards/{board}/content{query}"),
        &user.token,
    )
    .await
    .expect(200)
    .body
}

/// Polls the board's content until it holds `count` posts.
pub(crate) async fn posts(app: &TestApp, user: &TestUser, board: &str, count: usize) -> Value {
    let mut last = Value::Null;
    for _ in 0..400 {
        last = content(app, user, board, "").await;
        if last["posts"].as_array().map(Vec::len) == Some(count) {
            return last;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("the board never held {count} posts: {last:#}");
}

pub(crate) async fn put(
    app: &TestApp,
    user: &TestUser,
    route: &str,
    body: Value,
) -> crate::support::Reply {
    app.call(Method::PUT, route, Some(&user.token), Some(body))
        .await
}

async fn a_boards_hashtag_collects_its_influencers_posts(backend: Backend) {
    let t0 = rapport_store::time::now();
    let mock = youtube(t0).await;
    let uri = mock.uri();
    let app = TestApp::spawn_with(TestDatabase::new(backend), &["--youtube-url", &uri]).await;
    let brand = app.signup("mia@brand.example").await;
    let other = app.signup("noah@other.example").await;
    put(
        &app,
        &brand,
        &format!("/api/v1/teams/{}/integrations/youtube", brand.team_id),
        json!({"api_key": KEY}),
    )
    .await
    .expect(200);
    let (board, columns) = app.board(&brand, "Launch", &["Live"]).await;
    app.card(&brand, &board, &columns[0], "https://youtube.com/@leoruns")
        .await;
    let found = content(&app, &brand, &board, "").await;
    assert_eq!(found["tracking"], Value::Null);
    assert_eq!(found["posts"], json!([]));

    // The hashtag: checked, then tracked from now.
    let route = format!("/api/v1/boards/{board}/hashtag");
    put(&app, &brand, &route, json!({"hashtag": "brand run"}))
        .await
        .expect_problem(422, "validation_failed");
    put(&app, &other, &route, json!({"hashtag": "BrandRun"}))
        .await
        .expect_problem(404, "not_found");
    let set = put(&app, &brand, &route, json!({"hashtag": " #BrandRun"}))
        .await
        .expect(200)
        .body;
    assert_eq!(set["tracking"]["hashtag"], "BrandRun");
    // Only the post since then carrying exactly #BrandRun (not #BrandRunning, not the older one).
    let found = posts(&app, &brand, &board, 1).await;
    let post = &found["posts"][0];
    assert_eq!(post["hashtag"], "BrandRun");
    assert_eq!(
        post["post"]["link"],
        "https://www.youtube.com/watch?v=vidBRUN"
    );
    assert_eq!(post["post"]["likes"], 3_000);
    assert_eq!(post["post"]["views"], 50_000);
    assert_eq!(post["handle"], "@leoruns");
    assert_eq!(post["followers"], 128_000);
    let rate = post["engagement_rate"].as_f64().unwrap();
    assert!((rate - 3_200.0 / 128_000.0).abs() < 1e-9);
    assert_eq!(found["totals"]["posts"], 1);
    assert_eq!(found["totals"]["likes"], 3_000);

    // Another hashtag, half an hour on: the old post stays with its hashtag, the new one comes.
    app.advance(Duration::minutes(30));
    put(&app, &brand, &route, json!({"hashtag": "brandrunning"}))
        .await
        .expect(200);
    let found = posts(&app, &brand, &board, 2).await;
    let tags: Vec<&str> = found["posts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|post| post["hashtag"].as_str().unwrap())
        .collect();
    assert_eq!(tags, ["brandrunning", "BrandRun"], "newest first");
    assert_eq!(found["tracking"]["hashtag"], "brandrunning");
    assert_eq!(found["totals"]["likes"], 3_800);
    assert_eq!(found["totals"]["views"], 59_000);
    let by_likes = content(&app, &brand, &board, "?sort=likes").await;
    assert_eq!(by_likes["posts"][0]["post"]["likes"], 3_000);
    app.get(
        &format!("/api/v1/boards/{board}/content?sort=loudest"),
        &brand.token,
    )
    .await
    .expect_problem(400, "invalid_parameter");
    app.get(&format!("/api/v1/boards/{board}/content"), &other.token)
        .await
        .expect_problem(404, "not_found");

    // A post by hand: its account on the board, its link of the account's platform.
    let sam_card = app
        .card(
            &brand,
            &board,
            &columns[0],
            "https://www.tiktok.com/@sam.cooks",
        )
        .await;
    let sam = app
        .get(&format!("/api/v1/cards/{sam_card}"), &brand.token)
        .await
        .expect(200)
        .body;
    let sam = app
        .get(
            &format!(
                "/api/v1/influencers/{}",
                sam["influencer_id"].as_str().unwrap()
            ),
            &brand.token,
        )
        .await
        .expect(200)
        .body;
    let sam_account = sam["accounts"][0]["id"].as_str().unwrap().to_owned();
    let posts_route = format!("/api/v1/boards/{board}/posts");
    let refused = app
        .post(
            &posts_route,
            Some(&brand.token),
            json!({"account_id": sam_account, "link": "https://www.instagram.com/p/X/", "likes": 5}),
        )
        .await
        .expect_problem(422, "validation_failed");
    assert_eq!(refused.body["errors"][0]["code"], "wrong_platform");
    let stranger = add_stranger(&app, &brand).await;
    app.post(
        &posts_route,
        Some(&brand.token),
        json!({"account_id": stranger, "link": "https://www.tiktok.com/@x/video/1"}),
    )
    .await
    .expect_problem(422, "validation_failed");
    app.post(
        &posts_route,
        Some(&other.token),
        json!({"account_id": sam_account, "link": "https://www.tiktok.com/@sam.cooks/video/7301"}),
    )
    .await
    .expect_problem(404, "not_found");
    let added = app
        .post(
            &posts_route,
            Some(&brand.token),
            json!({"account_id": sam_account, "link": "https://www.tiktok.com/@sam.cooks/video/7301",
                   "likes": 12_000, "comments": 300, "views": 200_000, "caption": "Our cold brew #BrandRun"}),
        )
        .await
        .expect(201)
        .body;
    assert_eq!(added["hashtag"], Value::Null);
    assert_eq!(added["post"]["source"], "manual");
    assert_eq!(added["post"]["platform"], "tiktok");
    let found = posts(&app, &brand, &board, 3).await;
    assert_eq!(found["totals"]["likes"], 15_800);

    // Off the board, once.
    let id = added["post"]["id"].as_str().unwrap();
    app.delete(&format!("{posts_route}/{id}"), &brand.token)
        .await
        .expect(204);
    app.delete(&format!("{posts_route}/{id}"), &brand.token)
        .await
        .expect_problem(404, "not_found");

    // Tracking stops; what was found stays.
    let stopped = put(&app, &brand, &route, json!({"hashtag": null}))
        .await
        .expect(200)
        .body;
    assert_eq!(stopped["tracking"], Value::Null);
    assert_eq!(stopped["posts"].as_array().unwrap().len(), 2);
    app.stop().await;
}

/// An influencer of the team on no board; answers its account's id.
async fn add_stranger(app: &TestApp, user: &TestUser) -> String {
    app.post(
        &format!("/api/v1/teams/{}/influencers", user.team_id),
        Some(&user.token),
        json!({"profile": "https://www.tiktok.com/@not.on.board"}),
    )
    .await
    .expect(201)
    .str("/accounts/0/id")
}

on_both_backends!(a_boards_hashtag_collects_its_influencers_posts);
