//! Facebook Login and the Graph API against a local mock server answering in their documented
//! formats (the shared fixtures): the code exchange, the pages, tags, media, comments, profile
//! lookups, and the errors (a revoked token, rate limits, an outage).

use chrono::TimeZone;
use wiremock::matchers::{method, path, query_param, query_param_contains, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::*;
use crate::list_providers::http_client;

const TOKEN: &str = include_str!("../../tests/fixtures/facebook/oauth-access-token.json");
const ACCOUNTS: &str = include_str!("../../tests/fixtures/facebook/me-accounts.json");
const EXPIRED: &str = include_str!("../../tests/fixtures/facebook/error-expired-token.json");
const TAGS: &str = include_str!("../../tests/fixtures/instagram/tags.json");
const MEDIA: &str = include_str!("../../tests/fixtures/instagram/media-list.json");
const COMMENTS: &str = include_str!("../../tests/fixtures/instagram/media-comments.json");
const DISCOVERY: &str = include_str!("../../tests/fixtures/instagram/business-discovery.json");
const NOT_BUSINESS: &str =
    include_str!("../../tests/fixtures/instagram/business-discovery-not-business.json");
const RATE_LIMITED: &str = include_str!("../../tests/fixtures/instagram/rate-limited.json");

fn json(status: u16, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), "application/json")
}

fn app(server: &MockServer) -> FacebookApp {
    FacebookApp::new("app-1", "secret-1", &server.uri(), &server.uri()).unwrap()
}

#[test]
fn the_authorize_link_names_the_app_the_return_and_the_state() {
    let app = FacebookApp::new(
        "app-1",
        "s",
        "https://www.facebook.com",
        "https://graph.facebook.com",
    )
    .unwrap();
    let link =
        url::Url::parse(&app.authorize_url("https://rapport.example/sources/facebook", "st-1"))
            .unwrap();
    assert_eq!(link.path(), "/v21.0/dialog/oauth");
    let query: std::collections::HashMap<_, _> = link.query_pairs().into_owned().collect();
    assert_eq!(query["client_id"], "app-1");
    assert_eq!(
        query["redirect_uri"],
        "https://rapport.example/sources/facebook"
    );
    assert_eq!(query["state"], "st-1");
    assert_eq!(query["response_type"], "code");
    assert!(query["scope"].contains("instagram_manage_comments"));
}

#[tokio::test]
async fn a_code_becomes_a_long_lived_token_and_reads_the_pages() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v21.0/oauth/access_token"))
        .and(query_param("code", "good-code"))
        .and(query_param("client_secret", "secret-1"))
        .and(query_param("redirect_uri", "https://r.example/cb"))
        .respond_with(json(200, TOKEN))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v21.0/oauth/access_token"))
        .and(query_param("grant_type", "fb_exchange_token"))
        .and(query_param(
            "fb_exchange_token",
            "EAAGm0PX4ZCpsBAFakeUserToken",
        ))
        .respond_with(json(
            200,
            r#"{"access_token":"long-token","token_type":"bearer"}"#,
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v21.0/me/accounts"))
        .and(query_param("access_token", "long-token"))
        .respond_with(json(200, ACCOUNTS))
        .mount(&server)
        .await;
    let app = app(&server);
    let http = http_client();
    let token = app
        .exchange_code(&http, "good-code", "https://r.example/cb")
        .await
        .unwrap();
    assert_eq!(token, "long-token");
    let pages = app.graph(http, &token).pages().await.unwrap();
    assert_eq!(pages.len(), 2);
    assert_eq!(pages[0].name, "Demo Coffee Co.");
    assert_eq!(
        pages[0]
            .instagram_business_account
            .as_ref()
            .map(|a| a.id.as_str()),
        Some("17841400000000001")
    );
    assert_eq!(pages[1].instagram_business_account, None);
}

#[tokio::test]
async fn a_refused_code_wants_a_new_login_and_a_revoked_token_is_refused() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v21.0/oauth/access_token"))
        .respond_with(json(
            400,
            r#"{"error":{"message":"This authorization code has been used.","type":"OAuthException","code":100}}"#,
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v21.0/me/accounts"))
        .respond_with(json(400, EXPIRED))
        .mount(&server)
        .await;
    let app = app(&server);
    let error = app
        .exchange_code(&http_client(), "used", "https://r.example/cb")
        .await
        .unwrap_err();
    assert!(matches!(&error, ProviderError::Refused(why) if why.contains("has been used")));
    let error = app
        .graph(http_client(), "revoked")
        .pages()
        .await
        .unwrap_err();
    assert!(matches!(&error, ProviderError::Refused(why) if why.contains("Session has expired")));
    assert!(
        !error.to_string().contains("revoked"),
        "the token stays out of the words"
    );
}

#[tokio::test]
async fn tags_media_and_comments_page_by_their_after_cursor() {
    let server = MockServer::start().await;
    // The fixture's paging has cursors but no `next`: the last page.
    Mock::given(method("GET"))
        .and(path("/v21.0/17841400000000001/tags"))
        .and(query_param_is_missing("after"))
        .respond_with(json(200, TAGS))
        .mount(&server)
        .await;
    let with_next = MEDIA.replacen(
        r#""after": "QVFIUmNk"}"#,
        r#""after": "QVFIUmNk"}, "next": "https://graph.facebook.com/v21.0/x/media?after=QVFIUmNk""#,
        1,
    );
    Mock::given(method("GET"))
        .and(path("/v21.0/17841400000000001/media"))
        .and(query_param_is_missing("after"))
        .respond_with(json(200, &with_next))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v21.0/17841400000000001/media"))
        .and(query_param("after", "QVFIUmNk"))
        .respond_with(json(200, r#"{"data":[]}"#))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v21.0/17950000000000201/comments"))
        .respond_with(json(200, COMMENTS))
        .mount(&server)
        .await;
    let graph = app(&server).graph(http_client(), "page-token");
    let tags = graph.tags("17841400000000001", None).await.unwrap();
    assert_eq!(tags.items.len(), 2);
    assert_eq!(tags.next, None);
    assert_eq!(tags.items[0].username.as_deref(), Some("ava.bakes"));
    assert_eq!(
        tags.items[0].timestamp,
        Some(Utc.with_ymd_and_hms(2026, 11, 10, 9, 0, 0).unwrap())
    );
    let media = graph.media("17841400000000001", None).await.unwrap();
    assert_eq!(media.next.as_deref(), Some("QVFIUmNk"));
    assert_eq!(media.items[0].comments_count, Some(2));
    let rest = graph
        .media("17841400000000001", media.next.as_deref())
        .await
        .unwrap();
    assert!(rest.items.is_empty() && rest.next.is_none());
    let comments = graph.comments("17950000000000201", None).await.unwrap();
    assert_eq!(comments.items[0].username.as_deref(), Some("mia.lens"));
}

#[tokio::test]
async fn profiles_are_looked_up_and_private_ones_are_none() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v21.0/17841400000000001"))
        .and(query_param(
            "fields",
            "business_discovery.username(mia.lens){username,name,followers_count,media_count,profile_picture_url}",
        ))
        .respond_with(json(200, DISCOVERY))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v21.0/17841400000000001"))
        .and(query_param(
            "fields",
            "business_discovery.username(private.person){username,name,followers_count,media_count,profile_picture_url}",
        ))
        .respond_with(json(400, NOT_BUSINESS))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v21.0/17841400000000001"))
        .and(query_param(
            "fields",
            "business_discovery.username(busy.one){username,name,followers_count,media_count,profile_picture_url}",
        ))
        .respond_with(json(400, RATE_LIMITED))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v21.0/17841400000000001"))
        .and(query_param("fields", "username"))
        .respond_with(json(500, "oops"))
        .mount(&server)
        .await;
    let graph = app(&server).graph(http_client(), "page-token");
    let mia = graph
        .business_discovery("17841400000000001", "mia.lens")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(mia.followers_count, Some(48_210));
    assert_eq!(mia.name.as_deref(), Some("Mia | Film photography"));
    assert_eq!(
        graph
            .business_discovery("17841400000000001", "private.person")
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        graph
            .business_discovery("17841400000000001", "busy.one")
            .await
            .unwrap_err(),
        ProviderError::RateLimited { retry_after: None }
    );
    assert_eq!(
        graph
            .business_discovery("17841400000000001", "not a handle/../x")
            .await
            .unwrap(),
        None,
        "a name that cannot be a handle is not asked"
    );
    assert!(matches!(
        graph.username("17841400000000001").await.unwrap_err(),
        ProviderError::Unavailable(_)
    ));
}

const DISCOVERY_FIELDS: &str = "business_discovery.username(mia.lens){username,name,biography,followers_count,follows_count,media_count,profile_picture_url,media.limit(3){id,caption,media_type,permalink,timestamp,like_count,comments_count,thumbnail_url,media_url}}";

#[tokio::test]
async fn profiles_are_looked_up_with_their_posts_and_metrics() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v21.0/17841400000000001"))
        .and(query_param("fields", DISCOVERY_FIELDS))
        .and(query_param("access_token", "page-token"))
        .respond_with(json(200, DISCOVERY))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v21.0/17841400000000001"))
        .and(query_param(
            "fields",
            "business_discovery.username(mia.lens){username,name,biography,followers_count,follows_count,media_count,profile_picture_url,media.after(QVFIUmFmdA).limit(3){id,caption,media_type,permalink,timestamp,like_count,comments_count,thumbnail_url,media_url}}",
        ))
        .respond_with(json(
            200,
            r#"{"business_discovery":{"username":"mia.lens","media":{"data":[],"paging":{"cursors":{"before":"QVFIUmFmdA"}}}},"id":"17841405309211844"}"#,
        ))
        .expect(1)
        .mount(&server)
        .await;
    let graph = app(&server).graph(http_client(), "page-token");
    let mia = graph
        .business_discovery_media("17841400000000001", "mia.lens", 3, None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(mia.profile.username, "mia.lens");
    assert_eq!(mia.profile.followers_count, Some(48_210));
    assert_eq!(mia.profile.media_count, Some(734));
    assert_eq!(mia.follows_count, Some(612));
    assert_eq!(
        mia.biography.as_deref(),
        Some("35mm, travel, coffee. Collabs: mia.lens@example.com")
    );
    // Nested media carry cursors without a `next` link: a page of posts with an `after` goes on.
    assert_eq!(mia.next.as_deref(), Some("QVFIUmFmdA"));
    assert_eq!(mia.posts.len(), 3);
    assert_eq!(
        mia.posts[0],
        Post {
            id: "17900000000000001".to_owned(),
            caption: Some("Morning light with @brand #brandxmia #film".to_owned()),
            media_type: Some("IMAGE".to_owned()),
            permalink: Some("https://www.instagram.com/p/AAA111/".to_owned()),
            timestamp: Some(Utc.with_ymd_and_hms(2026, 11, 1, 8, 10, 0).unwrap()),
            like_count: Some(2_310),
            comments_count: Some(88),
            thumbnail_url: None,
            media_url: None,
        }
    );
    assert_eq!(mia.posts[1].media_type.as_deref(), Some("CAROUSEL_ALBUM"));
    assert_eq!(mia.posts[1].like_count, Some(1_904));
    assert_eq!(mia.posts[2].comments_count, Some(240));
    assert_eq!(
        mia.posts[2].timestamp,
        Some(Utc.with_ymd_and_hms(2026, 10, 20, 12, 0, 0).unwrap())
    );
    let rest = graph
        .business_discovery_media("17841400000000001", "mia.lens", 3, mia.next.as_deref())
        .await
        .unwrap()
        .unwrap();
    assert!(rest.posts.is_empty());
    assert_eq!(rest.next, None);
    assert_eq!(rest.profile.followers_count, None);
    // A cursor that would break out of the field expression is not asked.
    assert!(matches!(
        graph
            .business_discovery_media("17841400000000001", "mia.lens", 3, Some("x){id}"))
            .await
            .unwrap_err(),
        ProviderError::Unexpected(_)
    ));
}

#[tokio::test]
async fn profiles_with_media_of_private_accounts_are_none() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v21.0/17841400000000001"))
        .and(query_param_contains(
            "fields",
            "business_discovery.username(private.person)",
        ))
        .respond_with(json(400, NOT_BUSINESS))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v21.0/17841400000000001"))
        .and(query_param_contains(
            "fields",
            "business_discovery.username(busy.one)",
        ))
        .respond_with(json(400, RATE_LIMITED))
        .mount(&server)
        .await;
    let graph = app(&server).graph(http_client(), "page-token");
    assert_eq!(
        graph
            .business_discovery_media("17841400000000001", "private.person", 10, None)
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        graph
            .business_discovery_media("17841400000000001", "busy.one", 10, None)
            .await
            .unwrap_err(),
        ProviderError::RateLimited { retry_after: None }
    );
    assert_eq!(
        graph
            .business_discovery_media("17841400000000001", "no/handle", 10, None)
            .await
            .unwrap(),
        None
    );
}

#[tokio::test]
async fn the_usage_headers_of_the_last_answer_are_recorded() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v21.0/17841400000000001"))
        .and(query_param("fields", "username"))
        .respond_with(
            json(
                200,
                r#"{"username":"demo.coffee","id":"17841400000000001"}"#,
            )
            .insert_header(
                "X-App-Usage",
                r#"{"call_count":85,"total_cputime":10,"total_time":12}"#,
            ),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v21.0/17841400000000001/tags"))
        .respond_with(json(200, TAGS))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v21.0/17841400000000001/media"))
        .respond_with(json(400, RATE_LIMITED).insert_header(
            "X-Business-Use-Case-Usage",
            r#"{"17841400000000001":[{"type":"instagram","call_count":100,"total_cputime":20,"total_time":30,"estimated_time_to_regain_access":12}]}"#,
        ))
        .mount(&server)
        .await;
    let graph = app(&server).graph(http_client(), "page-token");
    let shared = graph.clone();
    assert_eq!(graph.usage_percent(), None, "nothing told yet");
    assert_eq!(
        graph
            .username("17841400000000001")
            .await
            .unwrap()
            .as_deref(),
        Some("demo.coffee")
    );
    assert_eq!(graph.usage_percent(), Some(85));
    assert_eq!(shared.usage_percent(), Some(85), "clones share it");
    // An answer without the headers leaves the last word standing.
    graph.tags("17841400000000001", None).await.unwrap();
    assert_eq!(graph.usage_percent(), Some(85));
    // Refusals carry it too.
    shared.media("17841400000000001", None).await.unwrap_err();
    assert_eq!(graph.usage_percent(), Some(100));
}

#[test]
fn usage_is_the_highest_percentage_of_either_header() {
    let app = r#"{"call_count":28,"total_cputime":25,"total_time":31}"#;
    let business = r#"{"1234":[{"type":"pages","call_count":5,"total_cputime":40,"total_time":2,"estimated_time_to_regain_access":0}],"5678":[{"type":"instagram","call_count":44,"total_cputime":1,"total_time":1,"estimated_time_to_regain_access":90}]}"#;
    assert_eq!(parse_usage(Some(app), None), Some(31));
    assert_eq!(parse_usage(None, Some(business)), Some(44));
    assert_eq!(parse_usage(Some(app), Some(business)), Some(44));
    assert_eq!(parse_usage(None, None), None);
    // Fractions round up, past 100 is 100, below 0 is 0.
    assert_eq!(parse_usage(Some(r#"{"call_count":12.2}"#), None), Some(13));
    assert_eq!(parse_usage(Some(r#"{"call_count":250}"#), None), Some(100));
    assert_eq!(parse_usage(Some(r#"{"call_count":-3}"#), None), Some(0));
}

#[test]
fn malformed_usage_headers_are_none() {
    for bad in [
        "",
        "85",
        "not json",
        "{",
        "[]",
        "null",
        r#"{"call_count":"85"}"#,
        r#"{"something":1}"#,
        r#"{"1234":{"call_count":85}}"#,
        r#"{"1234":[85, "x", null]}"#,
        r#"{"call_count":1e999}"#,
    ] {
        assert_eq!(parse_usage(Some(bad), Some(bad)), None, "{bad:?}");
    }
    // One good header is enough.
    assert_eq!(
        parse_usage(Some("garbage"), Some(r#"{"1":[{"total_time":7}]}"#)),
        Some(7)
    );
}
