//! The YouTube client against a local mock server answering in the Data API's documented format
//! (the shared fixtures and a few more of the same shape): channels by handle and id, uploads
//! page by page, video statistics 50 ids a call, quota units, and the errors (a spent quota, a
//! refused key, an outage).

use chrono::TimeZone;
use wiremock::matchers::{header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::*;
use crate::list_providers::http_client;

const CHANNEL: &str = include_str!("../../tests/fixtures/youtube/channels-for-handle.json");
const NO_MATCH: &str = include_str!("../../tests/fixtures/youtube/channels-no-match.json");
const HIDDEN: &str = include_str!("../../tests/fixtures/youtube/channels-hidden-subscribers.json");
const UPLOADS_1: &str = include_str!("../../tests/fixtures/youtube/playlist-items-uploads.json");
const UPLOADS_2: &str =
    include_str!("../../tests/fixtures/youtube/playlist-items-uploads-page-2.json");
const STATS: &str = include_str!("../../tests/fixtures/youtube/videos-statistics.json");
const HIDDEN_LIKES: &str =
    include_str!("../../tests/fixtures/youtube/videos-statistics-hidden-likes.json");
const QUOTA: &str = include_str!("../../tests/fixtures/youtube/error-quota.json");
const KEY_INVALID: &str = include_str!("../../tests/fixtures/youtube/error-key-invalid.json");

const KEY: &str = "AIzaSy-test-key-0123456789";
const LEO: &str = "UCx3l9H1z4Yd0bQv6Tqk2AbC";

fn json(status: u16, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), "application/json")
}

fn youtube(server: &MockServer) -> YouTube {
    YouTube::new(http_client(), Some(&server.uri()), KEY).unwrap()
}

#[tokio::test]
async fn a_channel_is_found_by_handle_with_its_counts() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/youtube/v3/channels"))
        .and(query_param("part", "snippet,statistics"))
        .and(query_param("forHandle", "@leoruns"))
        .and(query_param_is_missing("id"))
        .and(query_param("key", KEY))
        .respond_with(json(200, CHANNEL))
        .expect(2)
        .mount(&server)
        .await;
    let youtube = youtube(&server);
    let leo = youtube
        .channel(&ChannelRef::Handle("@leoruns".to_owned()))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        leo,
        Channel {
            id: LEO.to_owned(),
            title: "Leo Runs".to_owned(),
            custom_url: Some("@leoruns".to_owned()),
            thumbnail: Some("https://yt3.example/leo.jpg".to_owned()),
            country: Some("EE".to_owned()),
            subscribers: Some(128_000),
            views: Some(10_423_311),
            videos: Some(412),
        }
    );
    // Without the `@`, the same question.
    let again = youtube
        .channel(&ChannelRef::Handle(" leoruns ".to_owned()))
        .await
        .unwrap();
    assert_eq!(again, Some(leo));
}

#[tokio::test]
async fn a_channel_is_found_by_id_and_unknown_ones_are_none() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/youtube/v3/channels"))
        .and(query_param("part", "snippet,statistics"))
        .and(query_param("id", LEO))
        .and(query_param_is_missing("forHandle"))
        .and(query_param("key", KEY))
        .respond_with(json(200, CHANNEL))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/youtube/v3/channels"))
        .and(query_param("forHandle", "@nobody.here"))
        .respond_with(json(200, NO_MATCH))
        .expect(1)
        .mount(&server)
        .await;
    let youtube = youtube(&server);
    let leo = youtube
        .channel(&ChannelRef::Id(LEO.to_owned()))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(leo.id, LEO);
    assert_eq!(leo.subscribers, Some(128_000));
    assert_eq!(
        youtube
            .channel(&ChannelRef::Handle("nobody.here".to_owned()))
            .await
            .unwrap(),
        None
    );
    // What cannot be a handle or an id is not asked (and costs nothing).
    assert_eq!(
        youtube
            .channel(&ChannelRef::Handle("no such/../handle".to_owned()))
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        youtube
            .channel(&ChannelRef::Id("UC&part=x".to_owned()))
            .await
            .unwrap(),
        None
    );
    assert_eq!(youtube.units_used(), 2);
}

#[tokio::test]
async fn hidden_subscribers_are_none_and_the_largest_thumbnail_wins() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/youtube/v3/channels"))
        .and(query_param("forHandle", "@quietkitchen"))
        .respond_with(json(200, HIDDEN))
        .mount(&server)
        .await;
    let quiet = youtube(&server)
        .channel(&ChannelRef::Handle("@quietkitchen".to_owned()))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(quiet.subscribers, None);
    assert_eq!(quiet.views, Some(5_120_934));
    assert_eq!(quiet.videos, Some(96));
    assert_eq!(quiet.country, None);
    assert_eq!(
        quiet.thumbnail.as_deref(),
        Some("https://yt3.example/quiet-800.jpg")
    );
}

#[tokio::test]
async fn uploads_are_read_from_the_uu_playlist_page_by_page() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/youtube/v3/playlistItems"))
        .and(query_param("part", "snippet,contentDetails"))
        .and(query_param("playlistId", "UUx3l9H1z4Yd0bQv6Tqk2AbC"))
        .and(query_param("maxResults", "2"))
        .and(query_param("key", KEY))
        .and(query_param_is_missing("pageToken"))
        .respond_with(json(200, UPLOADS_1))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/youtube/v3/playlistItems"))
        .and(query_param("playlistId", "UUx3l9H1z4Yd0bQv6Tqk2AbC"))
        .and(query_param("pageToken", "EAAaBlBUOkNBVQ"))
        .respond_with(json(200, UPLOADS_2))
        .expect(1)
        .mount(&server)
        .await;
    let youtube = youtube(&server);
    let first = youtube.uploads(LEO, None, 2).await.unwrap();
    assert_eq!(first.next.as_deref(), Some("EAAaBlBUOkNBVQ"));
    assert_eq!(first.items.len(), 2);
    assert_eq!(
        first.items[0],
        Upload {
            video_id: "a1B2c3D4e5F".to_owned(),
            title: "Trail shoes tested #BrandRun".to_owned(),
            description: "Thanks to @brand for the gear. #BrandRun #trailrunning".to_owned(),
            published_at: Some(Utc.with_ymd_and_hms(2026, 11, 15, 16, 0, 0).unwrap()),
            thumbnail: None,
        }
    );
    assert_eq!(first.items[1].video_id, "z9Y8x7W6v5U");
    let second = youtube
        .uploads(LEO, first.next.as_deref(), 2)
        .await
        .unwrap();
    assert_eq!(second.next, None);
    assert_eq!(second.items.len(), 1);
    let last = &second.items[0];
    assert_eq!(last.video_id, "k3J4h5G6f7D");
    // The video's own publication, not its joining the playlist.
    assert_eq!(
        last.published_at,
        Some(Utc.with_ymd_and_hms(2026, 10, 31, 18, 0, 0).unwrap())
    );
    assert_eq!(
        last.thumbnail.as_deref(),
        Some("https://i.ytimg.example/vi/k3J4h5G6f7D/mqdefault.jpg")
    );
    assert_eq!(youtube.units_used(), 2);
    // An id that is not a channel's is not asked.
    assert!(matches!(
        youtube.uploads("PLabc", None, 50).await.unwrap_err(),
        ProviderError::Unexpected(_)
    ));
    assert_eq!(youtube.units_used(), 2);
}

#[tokio::test]
async fn video_stats_take_fifty_ids_a_call_and_read_string_counts() {
    let server = MockServer::start().await;
    let ids: Vec<String> = (0..60).map(|n| format!("vid{n:02}")).collect();
    Mock::given(method("GET"))
        .and(path("/youtube/v3/videos"))
        .and(query_param("part", "statistics"))
        .and(query_param("id", ids[..50].join(",")))
        .and(query_param("key", KEY))
        .respond_with(json(200, STATS))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/youtube/v3/videos"))
        .and(query_param("part", "statistics"))
        .and(query_param("id", ids[50..].join(",")))
        .respond_with(json(200, HIDDEN_LIKES))
        .expect(1)
        .mount(&server)
        .await;
    let youtube = youtube(&server);
    let stats = youtube.video_stats(&ids).await.unwrap();
    assert_eq!(youtube.units_used(), 2);
    assert_eq!(stats.len(), 4);
    assert_eq!(
        stats[0],
        VideoStats {
            id: "a1B2c3D4e5F".to_owned(),
            views: Some(48_211),
            likes: Some(3_120),
            comments: Some(214),
        }
    );
    assert_eq!(stats[1].views, Some(20_117));
    // Missing counts (likes hidden, comments off, no statistics at all) are none.
    assert_eq!(
        stats[2],
        VideoStats {
            id: "k3J4h5G6f7D".to_owned(),
            views: Some(9_120),
            likes: None,
            comments: None,
        }
    );
    assert_eq!(
        stats[3],
        VideoStats {
            id: "m1N2b3V4c5X".to_owned(),
            views: None,
            likes: None,
            comments: None,
        }
    );
    // Nothing to ask, nothing asked.
    assert!(youtube.video_stats(&[]).await.unwrap().is_empty());
    assert_eq!(youtube.units_used(), 2);
}

#[tokio::test]
async fn units_used_count_every_call_across_clones() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/youtube/v3/channels"))
        .respond_with(json(200, NO_MATCH))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/youtube/v3/videos"))
        .respond_with(json(500, "oops"))
        .mount(&server)
        .await;
    let youtube = youtube(&server);
    let clone = youtube.clone();
    assert_eq!(youtube.units_used(), 0);
    for _ in 0..3 {
        youtube
            .channel(&ChannelRef::Id(LEO.to_owned()))
            .await
            .unwrap();
    }
    // A failed call costs its unit too.
    clone
        .video_stats(&["a1B2c3D4e5F".to_owned()])
        .await
        .unwrap_err();
    assert_eq!(youtube.units_used(), 4);
    assert_eq!(clone.units_used(), 4);
    // A new client starts from nothing.
    assert_eq!(
        YouTube::new(http_client(), Some(&server.uri()), KEY)
            .unwrap()
            .units_used(),
        0
    );
}

#[tokio::test]
async fn a_spent_quota_is_a_rate_limit_and_so_is_a_429() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/youtube/v3/channels"))
        .respond_with(json(403, QUOTA))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/youtube/v3/videos"))
        .respond_with(json(429, "{}").insert_header("retry-after", "30"))
        .mount(&server)
        .await;
    let youtube = youtube(&server);
    assert_eq!(
        youtube
            .channel(&ChannelRef::Id(LEO.to_owned()))
            .await
            .unwrap_err(),
        ProviderError::RateLimited { retry_after: None }
    );
    assert_eq!(
        youtube
            .video_stats(&["a1B2c3D4e5F".to_owned()])
            .await
            .unwrap_err(),
        ProviderError::RateLimited {
            retry_after: Some(Duration::from_secs(30))
        }
    );
}

#[tokio::test]
async fn a_refused_key_is_refused_without_its_words() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/youtube/v3/channels"))
        .respond_with(json(400, KEY_INVALID))
        .mount(&server)
        .await;
    // Should YouTube ever repeat the key, it is blotted out.
    let echoing = format!(
        r#"{{"error":{{"code":403,"message":"The key {KEY} is blocked.","errors":[{{"message":"The key {KEY} is blocked.","domain":"usageLimits","reason":"keyInvalid"}}]}}}}"#
    );
    Mock::given(method("GET"))
        .and(path("/youtube/v3/videos"))
        .respond_with(json(403, &echoing))
        .mount(&server)
        .await;
    let youtube = youtube(&server);
    let error = youtube
        .channel(&ChannelRef::Id(LEO.to_owned()))
        .await
        .unwrap_err();
    assert_eq!(
        error,
        ProviderError::Refused(
            "YouTube refused the API key: API key not valid. Please pass a valid API key."
                .to_owned()
        )
    );
    let error = youtube
        .video_stats(&["a1B2c3D4e5F".to_owned()])
        .await
        .unwrap_err();
    assert!(matches!(&error, ProviderError::Refused(_)), "{error:?}");
    assert!(!error.to_string().contains(KEY), "{error}");
    assert!(!format!("{error:?}").contains(KEY));
    assert!(!format!("{youtube:?}").contains(KEY), "nor in the client's");
    assert!(matches!(
        YouTube::new(http_client(), None, " ").unwrap_err(),
        ProviderError::Refused(_)
    ));
}

#[tokio::test]
async fn outages_are_unavailable_and_a_404_is_unexpected() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/youtube/v3/channels"))
        .respond_with(json(500, "oops"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/youtube/v3/playlistItems"))
        .respond_with(json(
            404,
            r#"{"error":{"code":404,"message":"The playlist identified with the request's <code>playlistId</code> parameter cannot be found.","errors":[{"message":"The playlist identified with the request's playlistId parameter cannot be found.","domain":"youtube.playlistItem","reason":"playlistNotFound"}]}}"#,
        ))
        .mount(&server)
        .await;
    let youtube = youtube(&server);
    let error = youtube
        .channel(&ChannelRef::Id(LEO.to_owned()))
        .await
        .unwrap_err();
    assert_eq!(
        error,
        ProviderError::Unavailable("YouTube answered 500.".to_owned())
    );
    let error = youtube.uploads(LEO, None, 50).await.unwrap_err();
    assert!(
        matches!(&error, ProviderError::Unexpected(why) if why.contains("cannot be found")),
        "{error:?}"
    );
    // No one listening: unavailable, and the URL (with the key) is not in the words.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let gone = YouTube::new(http_client(), Some(&format!("http://{closed}")), KEY).unwrap();
    let error = gone
        .channel(&ChannelRef::Id(LEO.to_owned()))
        .await
        .unwrap_err();
    assert_eq!(
        error,
        ProviderError::Unavailable("YouTube could not be reached.".to_owned())
    );
}

#[test]
fn the_quota_is_renewed_at_eight_utc() {
    let at = |h, m, s| Utc.with_ymd_and_hms(2026, 11, 21, h, m, s).unwrap();
    assert_eq!(
        quota_resets_after(at(7, 0, 0)),
        Duration::from_secs(60 * 60)
    );
    assert_eq!(
        quota_resets_after(at(0, 0, 0)),
        Duration::from_secs(8 * 60 * 60)
    );
    assert_eq!(quota_resets_after(at(7, 59, 59)), Duration::from_secs(1));
    assert_eq!(
        quota_resets_after(at(8, 0, 0)),
        Duration::from_secs(24 * 60 * 60)
    );
    assert_eq!(
        quota_resets_after(at(20, 30, 0)),
        Duration::from_secs(11 * 60 * 60 + 30 * 60)
    );
    let with_millis = at(7, 59, 59) + chrono::Duration::milliseconds(250);
    assert_eq!(quota_resets_after(with_millis), Duration::from_millis(750));
}

#[tokio::test]
async fn a_creators_token_reads_their_own_channel_with_a_bearer_header() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/youtube/v3/channels"))
        .and(query_param("mine", "true"))
        .and(query_param("part", "snippet,statistics"))
        .and(header("authorization", "Bearer ya29.creator-token"))
        .respond_with(json(200, CHANNEL))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/youtube/v3/channels"))
        .and(header("authorization", "Bearer ya29.revoked"))
        .respond_with(json(401, KEY_INVALID))
        .mount(&server)
        .await;
    let client =
        YouTube::with_token(http_client(), Some(&server.uri()), "ya29.creator-token").unwrap();
    let channel = client.channel(&ChannelRef::Mine).await.unwrap().unwrap();
    assert_eq!(channel.custom_url.as_deref(), Some("@leoruns"));
    assert_eq!(channel.subscribers, Some(128_000));
    let requests = server.received_requests().await.unwrap();
    assert!(requests
        .iter()
        .all(|request| !request.url.query().unwrap_or("").contains("key=")));

    let revoked = YouTube::with_token(http_client(), Some(&server.uri()), "ya29.revoked").unwrap();
    match revoked.channel(&ChannelRef::Mine).await {
        Err(ProviderError::Refused(why)) => {
            assert!(
                why.starts_with("YouTube no longer accepts the creator's login"),
                "{why}"
            );
            assert!(!why.contains("ya29.revoked"));
        }
        other => panic!("{other:?}"),
    }
}
