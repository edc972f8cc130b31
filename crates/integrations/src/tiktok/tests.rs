//! The TikTok client against a local mock server answering in the display API's documented
//! format (the shared fixtures and a few more of the same shape): the creator's profile, their
//! videos page by page, and the errors (a refused token, rate limits, an outage).

use std::time::Duration;

use chrono::TimeZone;
use serde_json::json as body;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::*;
use crate::list_providers::http_client;

const USER: &str = include_str!("../../tests/fixtures/tiktok/user-info.json");
const TOKEN_ERROR: &str = include_str!("../../tests/fixtures/tiktok/error-token.json");
const SCOPE_ERROR: &str = include_str!("../../tests/fixtures/tiktok/error-scope.json");
const RATE_LIMIT: &str = include_str!("../../tests/fixtures/tiktok/error-rate-limit.json");
const VIDEOS_1: &str = include_str!("../../tests/fixtures/tiktok/video-list-page-1.json");
const VIDEOS_2: &str = include_str!("../../tests/fixtures/tiktok/video-list-page-2.json");

const TOKEN: &str = "act.example-user-token";

fn json(status: u16, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), "application/json")
}

fn tiktok(server: &MockServer) -> TikTok {
    TikTok::new(http_client(), Some(&server.uri()), TOKEN).unwrap()
}

#[tokio::test]
async fn the_creators_profile_is_read_with_their_token() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/user/info/"))
        .and(query_param("fields", USER_FIELDS))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(json(200, USER))
        .expect(1)
        .mount(&server)
        .await;
    let ava = tiktok(&server).user().await.unwrap();
    assert_eq!(
        ava,
        TikTokUser {
            open_id: "-000a1b2c-3d4e-5f60-7182-93a4b5c6d7e8".to_owned(),
            display_name: Some("Ava Bakes".to_owned()),
            username: None,
            avatar_url: Some("https://p16.example/ava.jpeg".to_owned()),
            is_verified: false,
            followers: Some(20_931),
            following: Some(301),
            likes: Some(880_213),
            videos: Some(167),
        }
    );
}

#[tokio::test]
async fn a_refused_token_wants_a_new_login() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/user/info/"))
        .respond_with(json(401, TOKEN_ERROR))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v2/video/list/"))
        .respond_with(json(200, SCOPE_ERROR))
        .mount(&server)
        .await;
    let tiktok = tiktok(&server);
    let error = tiktok.user().await.unwrap_err();
    assert_eq!(
        error,
        ProviderError::Refused(
            "TikTok no longer accepts the creator's login: The access token is invalid or not found in the request."
                .to_owned()
        )
    );
    assert!(!error.to_string().contains(TOKEN));
    let error = tiktok.videos(None, 20).await.unwrap_err();
    assert!(
        matches!(&error, ProviderError::Refused(why) if why.contains("did not authorize the scope")),
        "{error:?}"
    );
    assert!(
        !format!("{tiktok:?}").contains(TOKEN),
        "nor in the client's"
    );
    assert!(matches!(
        TikTok::new(http_client(), None, "").unwrap_err(),
        ProviderError::Refused(_)
    ));
}

#[tokio::test]
async fn videos_are_read_page_by_page_while_there_are_more() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/video/list/"))
        .and(query_param("fields", VIDEO_FIELDS))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(body_json(body!({"max_count": 20})))
        .respond_with(json(200, VIDEOS_1))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v2/video/list/"))
        .and(body_json(
            body!({"max_count": 20, "cursor": 1_794_556_800_000_i64}),
        ))
        .respond_with(json(200, VIDEOS_2))
        .expect(1)
        .mount(&server)
        .await;
    let tiktok = tiktok(&server);
    // More than TikTok's most is asked as its most.
    let first = tiktok.videos(None, 50).await.unwrap();
    assert_eq!(first.next, Some(1_794_556_800_000));
    assert_eq!(first.items.len(), 2);
    assert_eq!(
        first.items[0],
        TikTokVideo {
            id: "7301234567890123457".to_owned(),
            title: Some("Sourdough at 6am".to_owned()),
            description: Some("sourdough + slow mornings #brandbake #sourdough".to_owned()),
            created_at: Some(Utc.with_ymd_and_hms(2026, 11, 18, 8, 0, 0).unwrap()),
            cover: Some("https://p16.example/cover-1.jpeg".to_owned()),
            link: Some("https://www.tiktok.com/@ava.bakes/video/7301234567890123457".to_owned()),
            likes: Some(15_230),
            comments: Some(412),
            views: Some(201_344),
            shares: Some(988),
        }
    );
    // An empty title is none.
    assert_eq!(first.items[1].title, None);
    let second = tiktok.videos(first.next, 20).await.unwrap();
    assert_eq!(second.next, None, "has_more is false: the last page");
    assert_eq!(second.items.len(), 1);
    let oldest = &second.items[0];
    assert_eq!(oldest.cover, None);
    assert_eq!(oldest.comments, None);
    assert_eq!(oldest.views, Some(30_110));
    assert_eq!(
        oldest.created_at,
        Some(Utc.with_ymd_and_hms(2026, 10, 13, 8, 0, 0).unwrap())
    );
}

#[tokio::test]
async fn rate_limits_wait_and_outages_are_unavailable() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/user/info/"))
        .respond_with(json(429, RATE_LIMIT).insert_header("retry-after", "12"))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v2/video/list/"))
        .and(body_json(body!({"max_count": 5})))
        .respond_with(json(200, RATE_LIMIT))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v2/video/list/"))
        .and(body_json(body!({"max_count": 6})))
        .respond_with(json(503, "upstream unavailable"))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v2/video/list/"))
        .and(body_json(body!({"max_count": 7})))
        .respond_with(json(
            400,
            r#"{"data":{},"error":{"code":"invalid_params","message":"max_count is invalid","log_id":"x"}}"#,
        ))
        .mount(&server)
        .await;
    let tiktok = tiktok(&server);
    assert_eq!(
        tiktok.user().await.unwrap_err(),
        ProviderError::RateLimited {
            retry_after: Some(Duration::from_secs(12))
        }
    );
    assert_eq!(
        tiktok.videos(None, 5).await.unwrap_err(),
        ProviderError::RateLimited { retry_after: None }
    );
    assert_eq!(
        tiktok.videos(None, 6).await.unwrap_err(),
        ProviderError::Unavailable("TikTok answered 503.".to_owned())
    );
    assert_eq!(
        tiktok.videos(None, 7).await.unwrap_err(),
        ProviderError::Unexpected("TikTok refused a request: max_count is invalid".to_owned())
    );
}
