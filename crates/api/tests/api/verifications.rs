//! Creators verifying their accounts by logging in on the platform, on both backends, against
//! mock TikTok, Google (YouTube) and Facebook (Instagram) servers answering in their documented
//! formats: the authorize link and its one-time state (good only for its starter), the code
//! exchanged for tokens kept sealed, the account named by the platform claimed and verified (or
//! taken from a creator who only claimed it; refused when another creator verified it), the
//! consent to share figures, the brands connected with the creator reading a TikTok account's
//! figures through the creator's login (and only they, and only with consent), an expired access
//! token renewed once, and a refused login told to the creator and to the brand. The clock is
//! moved; nothing waits for time.

use chrono::Duration;
use serde_json::{json, Value};
use wiremock::matchers::{body_string_contains, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::analytics::{add_influencer, insights, refreshed};
use crate::content::{posts, put};
use crate::list_sources::{count, json_file};
use crate::network::{connect, creator};
use crate::on_both_backends;
use crate::support::{Backend, TestApp, TestDatabase, TestUser};

const ACCESS: &str = "act.1d1021d2aee3d41fee2d2add43456badMFZnrhFhfWotu3Ecuiuka27L56lr!2403";
const RENEWED: &str = "act.renewed-access-token";

fn body(value: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(value)
}

/// A mock TikTok: the code `good-code` becomes the fixture's tokens (`ACCESS`, a day); its
/// refresh token becomes `RENEWED` (whose own refresh token TikTok then refuses); `ACCESS` and
/// `RENEWED` read avabakes (20,931 followers) and two videos.
async fn tiktok() -> MockServer {
    tiktok_on(MockServer::start().await).await
}

/// [`tiktok`] on `server`, after what a test mounted there first (which comes first).
async fn tiktok_on(server: MockServer) -> MockServer {
    Mock::given(method("POST"))
        .and(path("/v2/oauth/token/"))
        .and(body_string_contains("code=good-code"))
        .and(body_string_contains("client_key=ck"))
        .and(body_string_contains("client_secret=cs"))
        .respond_with(json_file("tiktok/oauth-token.json"))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v2/oauth/token/"))
        .and(body_string_contains("grant_type=refresh_token"))
        .and(body_string_contains("refresh_token=rft.e1d8"))
        .respond_with(body(json!({
            "access_token": RENEWED, "expires_in": 86400, "open_id": "-000a1b2c",
            "refresh_token": "rft.second", "refresh_expires_in": 31536000,
            "scope": "user.info.basic,user.info.profile,user.info.stats,video.list",
            "token_type": "Bearer"
        })))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v2/oauth/token/"))
        .respond_with(json_file("tiktok/oauth-error.json"))
        .mount(&server)
        .await;
    for token in [ACCESS, RENEWED] {
        Mock::given(method("GET"))
            .and(path("/v2/user/info/"))
            .and(header("authorization", format!("Bearer {token}").as_str()))
            .respond_with(json_file("tiktok/user-info-username.json"))
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/v2/video/list/"))
            .and(header("authorization", format!("Bearer {token}").as_str()))
            .respond_with(json_file("tiktok/video-list-page-2.json"))
            .mount(&server)
            .await;
    }
    server
}

/// A mock Google and YouTube: the code `yt-code` becomes a token reading @leoruns's channel.
async fn google() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .and(body_string_contains("code=yt-code"))
        .respond_with(json_file("google/oauth-token.json"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/youtube/v3/channels"))
        .and(query_param("mine", "true"))
        .and(header(
            "authorization",
            "Bearer ya29.a0AfB_byExampleAccessToken",
        ))
        .respond_with(json_file("youtube/channels-for-handle.json"))
        .mount(&server)
        .await;
    server
}

/// A mock Facebook: the code `ig-code` becomes a user token managing a page whose Instagram
/// professional account is mia.lens (48,210 followers).
async fn facebook() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(path("/v21.0/oauth/access_token"))
        .and(query_param("code", "ig-code"))
        .respond_with(json_file("facebook/oauth-access-token.json"))
        .mount(&server)
        .await;
    Mock::given(path("/v21.0/oauth/access_token"))
        .and(query_param("grant_type", "fb_exchange_token"))
        .respond_with(body(json!({"access_token": "long-user-token"})))
        .mount(&server)
        .await;
    Mock::given(path("/v21.0/me/accounts"))
        .and(query_param("access_token", "long-user-token"))
        .respond_with(json_file("facebook/me-accounts.json"))
        .mount(&server)
        .await;
    Mock::given(path("/v21.0/17841400000000001"))
        .and(query_param("fields", "username"))
        .and(query_param("access_token", "EAAGm0PX4ZCpsBAFakePageToken1"))
        .respond_with(body(
            json!({"username": "mia.lens", "id": "17841400000000001"}),
        ))
        .mount(&server)
        .await;
    Mock::given(path("/v21.0/17841400000000001"))
        .and(query_param("access_token", "EAAGm0PX4ZCpsBAFakePageToken1"))
        .respond_with(body(json!({
            "business_discovery": {"id": "17841400000000001", "username": "mia.lens",
                                   "followers_count": 48210, "media_count": 310},
            "id": "17841400000000001"
        })))
        .mount(&server)
        .await;
    server
}

async fn spawn(backend: Backend, tiktok: &MockServer, extra: &[&str]) -> TestApp {
    let uri = tiktok.uri();
    let mut flags = vec![
        "--tiktok-client-key",
        "ck",
        "--tiktok-client-secret",
        "cs",
        "--tiktok-login-url",
        uri.as_str(),
        "--tiktok-url",
        uri.as_str(),
    ];
    flags.extend_from_slice(extra);
    TestApp::spawn_with(TestDatabase::new(backend), &flags).await
}

/// Starts a verification on `platform`; answers its state (from the authorize link), after
/// checking the link.
async fn start(app: &TestApp, token: &str, platform: &str, share: bool) -> String {
    let started = app
        .post(
            "/api/v1/creator/verifications",
            Some(token),
            json!({"platform": platform, "share_figures": share}),
        )
        .await
        .expect(201)
        .body;
    let link = url::Url::parse(started["authorize_url"].as_str().unwrap()).unwrap();
    let query: std::collections::HashMap<_, _> = link.query_pairs().into_owned().collect();
    assert!(
        query["redirect_uri"].ends_with("/creator/verify"),
        "{query:?}"
    );
    match platform {
        "tiktok" => {
            assert_eq!(link.path(), "/v2/auth/authorize/");
            assert_eq!(query["client_key"], "ck");
        }
        "youtube" => assert_eq!(query["client_id"], "gid"),
        _ => assert_eq!(query["scope"], "pages_show_list,instagram_basic"),
    }
    query["state"].clone()
}

async fn finish(app: &TestApp, token: &str, code: &str, state: &str) -> crate::support::Reply {
    app.post(
        "/api/v1/creator/verifications/callback",
        Some(token),
        json!({"code": code, "state": state}),
    )
    .await
}

fn account<'a>(profile: &'a Value, handle: &str) -> &'a Value {
    profile["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|account| account["handle"] == handle)
        .unwrap_or_else(|| panic!("{handle} in {profile}"))
}

/// Asks for a refresh now and polls until it ended.
async fn refresh(app: &TestApp, user: &TestUser, influencer: &str) -> Value {
    app.post(
        &format!("/api/v1/influencers/{influencer}/insights/refresh"),
        Some(&user.token),
        json!({}),
    )
    .await
    .expect(202);
    refreshed(app, user, influencer).await
}

async fn token_requests(mock: &MockServer, grant: &str) -> usize {
    mock.received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .filter(|request| request.url.path() == "/v2/oauth/token/")
        .filter(|request| String::from_utf8_lossy(&request.body).contains(grant))
        .count()
}

/// Waits until the refreshes that came due have run: the daily one's creator refresh is done
/// and no refresh runs.
async fn settled(app: &TestApp) {
    for _ in 0..400 {
        let done = count(
            app,
            "SELECT COUNT(*) AS count FROM jobs WHERE kind = 'creator_refresh' AND status = 'done'",
        );
        let busy = count(
            app,
            "SELECT COUNT(*) AS count FROM jobs WHERE kind IN ('creator_refresh', \
             'profile_refresh') AND status = 'running'",
        );
        if done >= 1 && busy == 0 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("the refreshes never settled");
}

/// The profile reads sent with `token`.
async fn bearer_reads(mock: &MockServer, token: &str) -> usize {
    mock.received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .filter(|request| request.url.path() == "/v2/user/info/")
        .filter(|request| {
            request
                .headers
                .get("authorization")
                .is_some_and(|value| value.to_str().unwrap_or("") == format!("Bearer {token}"))
        })
        .count()
}

async fn a_tiktok_login_verifies_the_account_and_connected_brands_read_it(backend: Backend) {
    let mock = tiktok().await;
    let app = spawn(backend, &mock, &[]).await;
    let brand = app.signup("mia@brand.example").await;
    let stranger = app.signup("noah@other.example").await;
    let (ava, ava_id) = creator(&app, "ava@creators.example", "Ava Bakes").await;
    let (eve, _) = creator(&app, "eve@creators.example", "Eve").await;

    // A brand's person is no creator; a state is only its starter's, and good once.
    app.post(
        "/api/v1/creator/verifications",
        Some(&brand.token),
        json!({"platform": "tiktok", "share_figures": true}),
    )
    .await
    .expect_problem(404, "not_found");
    let state = start(&app, &ava, "tiktok", true).await;
    finish(&app, &eve, "good-code", &state)
        .await
        .expect_problem(422, "oauth_state_invalid");
    finish(&app, &ava, "", &state)
        .await
        .expect_problem(422, "validation_failed");
    let profile = finish(&app, &ava, "good-code", &state)
        .await
        .expect(200)
        .body;
    let verified = account(&profile, "avabakes");
    assert_eq!(verified["platform"], "tiktok");
    assert_eq!(verified["verified"], true);
    assert_eq!(verified["followers"], 20_931);
    assert_eq!(verified["self_reported"], false);
    assert_eq!(verified["login"]["share_figures"], true);
    assert_eq!(verified["login"].get("problem"), None);
    finish(&app, &ava, "good-code", &state)
        .await
        .expect_problem(422, "oauth_state_invalid");
    // The tokens are kept sealed: neither is stored in clear.
    assert_eq!(
        count(&app, "SELECT COUNT(*) AS count FROM creator_logins"),
        1
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) AS count FROM creator_logins WHERE access_token LIKE 'act.%' \
             OR refresh_token LIKE 'rft.%'"
        ),
        0
    );

    // Brands see it verified, without the login.
    let seen = app
        .get(
            &format!(
                "/api/v1/network/creators/{ava_id}?team_id={}",
                brand.team_id
            ),
            &brand.token,
        )
        .await
        .expect(200)
        .body;
    assert_eq!(account(&seen, "avabakes")["verified"], true);
    assert_eq!(account(&seen, "avabakes").get("login"), None);

    // The brand connected with Ava reads her TikTok figures through her login.
    let influencer = connect(&app, &brand, &ava, &ava_id).await;
    let before = insights(&app, &brand, &influencer).await;
    assert_eq!(before["accounts"][0]["missing_integration"], Value::Null);
    let read = refresh(&app, &brand, &influencer).await;
    let figures = &read["accounts"][0];
    assert_eq!(figures["source"], "tiktok", "{read}");
    assert_eq!(figures["account"]["followers"], 20_931);
    assert_eq!(figures["account"]["posts"], 167);
    assert!(!figures["recent_posts"].as_array().unwrap().is_empty());
    assert_eq!(figures.get("problem"), None);

    // A team not connected with her does not, even for the same account.
    let theirs = add_influencer(&app, &stranger, "https://www.tiktok.com/@avabakes").await;
    let theirs = theirs["id"].as_str().unwrap();
    let found = insights(&app, &stranger, theirs).await;
    assert_eq!(found["accounts"][0]["missing_integration"], "tiktok");

    // Without her consent, the connected brand does not either.
    let account_id = account(&profile, "avabakes")["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let changed = app
        .patch(
            &format!("/api/v1/creator/accounts/{account_id}"),
            &ava,
            json!({"share_figures": false}),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(
        account(&changed, "avabakes")["login"]["share_figures"],
        false
    );
    let found = insights(&app, &brand, &influencer).await;
    assert_eq!(found["accounts"][0]["missing_integration"], "tiktok");
    // Another creator cannot change it, nor forget it.
    app.patch(
        &format!("/api/v1/creator/accounts/{account_id}"),
        &eve,
        json!({"share_figures": true}),
    )
    .await
    .expect_problem(404, "not_found");
    app.delete(
        &format!("/api/v1/creator/accounts/{account_id}/login"),
        &eve,
    )
    .await
    .expect_problem(404, "not_found");

    // Forgetting the login keeps the account verified.
    app.delete(
        &format!("/api/v1/creator/accounts/{account_id}/login"),
        &ava,
    )
    .await
    .expect(204);
    let after = app.get("/api/v1/creator", &ava).await.expect(200).body;
    assert_eq!(account(&after, "avabakes")["verified"], true);
    assert_eq!(account(&after, "avabakes").get("login"), None);
    app.delete(
        &format!("/api/v1/creator/accounts/{account_id}/login"),
        &ava,
    )
    .await
    .expect_problem(404, "not_found");
}

async fn an_expired_tiktok_token_is_renewed_and_a_refused_login_is_told(backend: Backend) {
    let mock = tiktok().await;
    let app = spawn(backend, &mock, &[]).await;
    let brand = app.signup("mia@brand.example").await;
    let (ava, ava_id) = creator(&app, "ava@creators.example", "Ava Bakes").await;
    let state = start(&app, &ava, "tiktok", true).await;
    finish(&app, &ava, "good-code", &state).await.expect(200);
    let influencer = connect(&app, &brand, &ava, &ava_id).await;

    // A day later the access token has lapsed: it is renewed (once, or once by each of the
    // refreshes running then: the daily one came due too), then used until it lapses.
    app.advance(Duration::hours(25));
    let read = refresh(&app, &brand, &influencer).await;
    assert_eq!(read["accounts"][0]["source"], "tiktok", "{read}");
    settled(&app).await;
    let renewals = token_requests(&mock, "grant_type=refresh_token").await;
    assert!(renewals >= 1);
    app.advance(Duration::hours(1));
    let before = bearer_reads(&mock, RENEWED).await;
    refresh(&app, &brand, &influencer).await;
    settled(&app).await;
    assert_eq!(
        token_requests(&mock, "grant_type=refresh_token").await,
        renewals
    );
    assert_eq!(bearer_reads(&mock, RENEWED).await, before + 1);

    // A day later again, TikTok refuses the renewed refresh token: the brand's view and the
    // creator's profile say she logs in again.
    app.advance(Duration::hours(25));
    let read = refresh(&app, &brand, &influencer).await;
    let problem = read["accounts"][0]["problem"].as_str().unwrap_or_default();
    assert!(problem.contains("logs in on TikTok again"), "{read}");
    let profile = app.get("/api/v1/creator", &ava).await.expect(200).body;
    let told = account(&profile, "avabakes")["login"]["problem"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(told.contains("TikTok refused the login"), "{profile}");
}

async fn a_connected_creators_tiktok_posts_reach_a_boards_content_tab(backend: Backend) {
    // Two videos posted in a minute: one carrying #SummerLaunch, one a longer tag.
    let soon = (rapport_store::time::now() + Duration::minutes(1))
        .and_utc()
        .timestamp();
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/video/list/"))
        .respond_with(body(json!({
            "data": {"videos": [
                {"id": "7300000000000000002", "title": "Launch day", "video_description": "Bread for the #SummerLaunch",
                 "create_time": soon, "share_url": "https://www.tiktok.com/@avabakes/video/7300000000000000002",
                 "like_count": 900, "comment_count": 40, "view_count": 12000},
                {"id": "7300000000000000001", "video_description": "Warming up #summerlaunchparty",
                 "create_time": soon, "share_url": "https://www.tiktok.com/@avabakes/video/7300000000000000001",
                 "like_count": 100, "comment_count": 4, "view_count": 2000}
            ], "cursor": 0, "has_more": false},
            "error": {"code": "ok", "message": "", "log_id": "1"}
        })))
        .mount(&server)
        .await;
    let mock = tiktok_on(server).await;
    let app = spawn(backend, &mock, &[]).await;
    let brand = app.signup("mia@brand.example").await;
    let (ava, ava_id) = creator(&app, "ava@creators.example", "Ava Bakes").await;
    let state = start(&app, &ava, "tiktok", true).await;
    finish(&app, &ava, "good-code", &state).await.expect(200);
    connect(&app, &brand, &ava, &ava_id).await;
    let (board, columns) = app.board(&brand, "Launch", &["Live"]).await;
    app.card(
        &brand,
        &board,
        &columns[0],
        "https://www.tiktok.com/@avabakes",
    )
    .await;
    put(
        &app,
        &brand,
        &format!("/api/v1/boards/{board}/hashtag"),
        json!({"hashtag": "summerlaunch"}),
    )
    .await
    .expect(200);
    let found = posts(&app, &brand, &board, 1).await;
    let post = &found["posts"][0];
    assert_eq!(post["hashtag"], "summerlaunch");
    assert_eq!(
        post["post"]["link"],
        "https://www.tiktok.com/@avabakes/video/7300000000000000002"
    );
    assert_eq!(post["post"]["likes"], 900);
    assert_eq!(post["post"]["views"], 12_000);
    assert_eq!(post["followers"], 20_931);
}

async fn a_verified_accounts_figures_are_read_daily_for_the_creators_profile(backend: Backend) {
    // A day on, TikTok counts 21,500 followers (read with the renewed token).
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/user/info/"))
        .and(header(
            "authorization",
            format!("Bearer {RENEWED}").as_str(),
        ))
        .respond_with(body(json!({
            "data": {"user": {"open_id": "-000a1b2c", "username": "avabakes",
                              "follower_count": 21500, "video_count": 168}},
            "error": {"code": "ok", "message": "", "log_id": "1"}
        })))
        .mount(&server)
        .await;
    let mock = tiktok_on(server).await;
    let app = spawn(backend, &mock, &[]).await;
    let (ava, _) = creator(&app, "ava@creators.example", "Ava Bakes").await;
    let state = start(&app, &ava, "tiktok", false).await;
    let profile = finish(&app, &ava, "good-code", &state)
        .await
        .expect(200)
        .body;
    assert_eq!(account(&profile, "avabakes")["followers"], 20_931);

    app.advance(Duration::hours(25));
    let mut last = Value::Null;
    for _ in 0..400 {
        last = app.get("/api/v1/creator", &ava).await.expect(200).body;
        if account(&last, "avabakes")["followers"] == 21_500 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    let read = account(&last, "avabakes");
    assert_eq!(read["followers"], 21_500, "{last}");
    assert_eq!(read["self_reported"], false);
    assert!(read["engagement_rate"].as_f64().is_some(), "{last}");
    assert_eq!(read["login"].get("problem"), None);
}

async fn youtube_and_instagram_logins_verify_and_take_over_mere_claims(backend: Backend) {
    let mock = tiktok().await;
    let yt = google().await;
    let fb = facebook().await;
    let (yt_uri, fb_uri) = (yt.uri(), fb.uri());
    let app = spawn(
        backend,
        &mock,
        &[
            "--google-client-id",
            "gid",
            "--google-client-secret",
            "gsecret",
            "--google-login-url",
            &yt_uri,
            "--google-token-url",
            &yt_uri,
            "--youtube-url",
            &yt_uri,
            "--facebook-app-id",
            "app-1",
            "--facebook-app-secret",
            "secret-1",
            "--facebook-url",
            &fb_uri,
            "--graph-url",
            &fb_uri,
        ],
    )
    .await;
    let (leo, _) = creator(&app, "leo@creators.example", "Leo Runs").await;
    let (bob, _) = creator(&app, "bob@creators.example", "Bob").await;
    let (mia, _) = creator(&app, "mia@creators.example", "Mia Lens").await;
    // Bob claims Leo's channel without proof.
    app.post(
        "/api/v1/creator/accounts",
        Some(&bob),
        json!({"platform": "youtube", "profile": "https://www.youtube.com/@leoruns", "followers": 999_999}),
    )
    .await
    .expect(201);

    // Leo's Google login proves it his: it moves to him, verified, with its figures.
    let state = start(&app, &leo, "youtube", false).await;
    let profile = finish(&app, &leo, "yt-code", &state).await.expect(200).body;
    let channel = account(&profile, "@leoruns");
    assert_eq!(channel["verified"], true);
    assert_eq!(channel["followers"], 128_000);
    assert_eq!(channel["login"]["share_figures"], false);
    let bobs = app.get("/api/v1/creator", &bob).await.expect(200).body;
    assert_eq!(bobs["accounts"], json!([]));

    // Once verified, nobody else's login takes it.
    let state = start(&app, &bob, "youtube", true).await;
    finish(&app, &bob, "yt-code", &state)
        .await
        .expect_problem(409, "account_claimed");

    // An Instagram login verifies the professional account linked to the creator's page.
    let state = start(&app, &mia, "instagram", true).await;
    let profile = finish(&app, &mia, "ig-code", &state).await.expect(200).body;
    let instagram = account(&profile, "mia.lens");
    assert_eq!(instagram["platform"], "instagram");
    assert_eq!(instagram["verified"], true);
    assert_eq!(instagram["followers"], 48_210);

    // A code the platform refuses is the creator's to retry.
    let state = start(&app, &mia, "tiktok", true).await;
    finish(&app, &mia, "stale-code", &state)
        .await
        .expect_problem(422, "provider_key_refused");
}

async fn a_server_without_the_platforms_app_says_so(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (ava, _) = creator(&app, "ava@creators.example", "Ava Bakes").await;
    for platform in ["tiktok", "youtube", "instagram"] {
        let problem = app
            .post(
                "/api/v1/creator/verifications",
                Some(&ava),
                json!({"platform": platform, "share_figures": true}),
            )
            .await
            .expect_problem(409, "platform_not_configured");
        assert!(problem.str("/detail").contains("RAPPORT_"), "{platform}");
    }
}

on_both_backends!(
    a_tiktok_login_verifies_the_account_and_connected_brands_read_it,
    a_connected_creators_tiktok_posts_reach_a_boards_content_tab,
    a_verified_accounts_figures_are_read_daily_for_the_creators_profile,
    an_expired_tiktok_token_is_renewed_and_a_refused_login_is_told,
    youtube_and_instagram_logins_verify_and_take_over_mere_claims,
    a_server_without_the_platforms_app_says_so,
);
