//! The list providers' clients against a local mock server answering in their documented
//! formats (the shared fixtures): paging, incremental reads, refused keys, rate limits, outages.

use std::time::Duration;

use chrono::TimeZone;
use rapport_domain::list_providers::ListProvider;
use wiremock::matchers::{header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::*;

const MAILCHIMP_LISTS: &str = include_str!("../../tests/fixtures/mailchimp/lists.json");
const MAILCHIMP_PAGE_1: &str = include_str!("../../tests/fixtures/mailchimp/members-page-1.json");
const MAILCHIMP_PAGE_2: &str = include_str!("../../tests/fixtures/mailchimp/members-page-2.json");
const MAILCHIMP_401: &str = include_str!("../../tests/fixtures/mailchimp/error-401.json");
const KLAVIYO_LISTS: &str = include_str!("../../tests/fixtures/klaviyo/lists.json");
const KLAVIYO_PAGE_1: &str = include_str!("../../tests/fixtures/klaviyo/profiles-page-1.json");
const KLAVIYO_PAGE_2: &str = include_str!("../../tests/fixtures/klaviyo/profiles-page-2.json");
const KLAVIYO_401: &str = include_str!("../../tests/fixtures/klaviyo/error-401.json");

fn json(body: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body.as_bytes().to_vec(), "application/json")
}

fn client(provider: ListProvider, server: &MockServer, key: &str) -> ListClient {
    let urls = ProviderUrls {
        mailchimp: Some(server.uri()),
        klaviyo: Some(server.uri()),
    };
    ListClient::new(provider, http_client(), &urls, key).unwrap()
}

#[tokio::test]
async fn mailchimp_lists_and_pages_of_members() {
    let server = MockServer::start().await;
    // "anystring:key-us14" in HTTP Basic.
    let auth = "Basic cmFwcG9ydDprZXktdXMxNA==";
    Mock::given(method("GET"))
        .and(path("/3.0/lists"))
        .and(header("authorization", auth))
        .respond_with(json(MAILCHIMP_LISTS))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/3.0/lists/a1b2c3d4e5/members"))
        .and(query_param("offset", "0"))
        .and(query_param("count", "1000"))
        .and(query_param_is_missing("since_last_changed"))
        .respond_with(json(MAILCHIMP_PAGE_1))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/3.0/lists/a1b2c3d4e5/members"))
        .and(query_param("offset", "2"))
        .respond_with(json(MAILCHIMP_PAGE_2))
        .mount(&server)
        .await;
    let mailchimp = client(ListProvider::Mailchimp, &server, "key-us14");
    let lists = mailchimp.lists().await.unwrap();
    assert_eq!(lists.len(), 2);
    assert_eq!(lists[0].name, "Newsletter");
    assert_eq!(lists[0].members, Some(4));
    let first = mailchimp.members("a1b2c3d4e5", None, None).await.unwrap();
    assert_eq!(first.total, Some(3));
    assert_eq!(first.next.as_deref(), Some("2"));
    assert_eq!(
        first.members[0].email.as_deref(),
        Some("Mia.Lens@Example.com")
    );
    assert!(first.members[0].subscribed);
    assert_eq!(
        first.members[0].detail,
        "Mailchimp subscriber since 2025-03-02"
    );
    // No sign-up time: the opt-in's.
    assert_eq!(
        first.members[1].detail,
        "Mailchimp subscriber since 2024-11-20"
    );
    let second = mailchimp
        .members("a1b2c3d4e5", None, first.next.as_deref())
        .await
        .unwrap();
    assert_eq!(second.next, None);
    assert!(!second.members[0].subscribed);
    assert_eq!(
        second.members[0].detail,
        "former Mailchimp subscriber (unsubscribed 2026-02-01)"
    );
}

#[tokio::test]
async fn mailchimp_reads_only_changes_since_a_time() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/3.0/lists/a1b2c3d4e5/members"))
        .and(query_param(
            "since_last_changed",
            "2026-01-01T00:00:00+00:00",
        ))
        .respond_with(json(MAILCHIMP_PAGE_2))
        .expect(1)
        .mount(&server)
        .await;
    let since = chrono::Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let page = client(ListProvider::Mailchimp, &server, "key-us14")
        .members("a1b2c3d4e5", Some(since), None)
        .await
        .unwrap();
    assert_eq!(page.members.len(), 1);
}

#[tokio::test]
async fn mailchimp_errors_say_what_to_do() {
    let server = MockServer::start().await;
    Mock::given(path("/3.0/lists"))
        .respond_with(ResponseTemplate::new(401).set_body_raw(
            MAILCHIMP_401.as_bytes().to_vec(),
            "application/problem+json",
        ))
        .mount(&server)
        .await;
    Mock::given(path("/3.0/lists/slow/members"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "17"))
        .mount(&server)
        .await;
    Mock::given(path("/3.0/lists/down/members"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let mailchimp = client(ListProvider::Mailchimp, &server, "revoked-us14");
    let ProviderError::Refused(why) = mailchimp.lists().await.unwrap_err() else {
        panic!("a 401 refuses the key");
    };
    assert!(why.contains("Your API key may be invalid"), "{why}");
    assert!(!why.contains("revoked-us14"), "the key never shows: {why}");
    assert_eq!(
        mailchimp.members("slow", None, None).await.unwrap_err(),
        ProviderError::RateLimited {
            retry_after: Some(Duration::from_secs(17))
        }
    );
    assert!(matches!(
        mailchimp.members("down", None, None).await.unwrap_err(),
        ProviderError::Unavailable(_)
    ));
    // A key without a data centre, or one that would name another host, goes nowhere.
    for key in ["no-centre-", "abc", "abc-evil.example/x"] {
        assert!(matches!(
            mailchimp::Client::new(http_client(), None, key),
            Err(ProviderError::Refused(_))
        ));
    }
}

#[tokio::test]
async fn klaviyo_lists_and_pages_of_profiles() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/lists"))
        .and(header("authorization", "Klaviyo-API-Key pk_test"))
        .and(header("revision", klaviyo::REVISION))
        .respond_with(json(KLAVIYO_LISTS))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/lists/Y6nRLr/profiles"))
        .and(query_param_is_missing("page[cursor]"))
        .respond_with(json(KLAVIYO_PAGE_1))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/lists/Y6nRLr/profiles"))
        .and(query_param("page[cursor]", "bmV4dA"))
        .respond_with(json(KLAVIYO_PAGE_2))
        .mount(&server)
        .await;
    let klaviyo = client(ListProvider::Klaviyo, &server, "pk_test");
    let lists = klaviyo.lists().await.unwrap();
    assert_eq!(
        lists,
        vec![ListInfo {
            id: "Y6nRLr".into(),
            name: "Newsletter".into(),
            members: None
        }]
    );
    let first = klaviyo.members("Y6nRLr", None, None).await.unwrap();
    // The next page is asked of the configured server, not the link's host.
    assert_eq!(first.next.as_deref(), Some("bmV4dA"));
    assert_eq!(
        first.members[0].detail,
        "Klaviyo subscriber since 2025-06-01"
    );
    assert_eq!(
        first.members[1].email.as_deref(),
        Some("LEO.RUNS@EXAMPLE.COM ")
    );
    let second = klaviyo
        .members("Y6nRLr", None, first.next.as_deref())
        .await
        .unwrap();
    assert_eq!(second.next, None);
    assert_eq!(second.members[0].email, None, "a phone-only profile");
}

#[tokio::test]
async fn klaviyo_refusals_and_joined_since() {
    let server = MockServer::start().await;
    Mock::given(path("/api/lists"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_raw(KLAVIYO_401.as_bytes().to_vec(), "application/vnd.api+json"),
        )
        .mount(&server)
        .await;
    Mock::given(path("/api/lists/Y6nRLr/profiles"))
        .and(query_param(
            "filter",
            "greater-than(joined_group_at,2026-01-01T00:00:00+00:00)",
        ))
        .respond_with(json(KLAVIYO_PAGE_2))
        .expect(1)
        .mount(&server)
        .await;
    let klaviyo = client(ListProvider::Klaviyo, &server, "pk_bad");
    let ProviderError::Refused(why) = klaviyo.lists().await.unwrap_err() else {
        panic!("a 401 refuses the key");
    };
    assert!(why.contains("Missing or invalid private key"), "{why}");
    let since = chrono::Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let page = klaviyo.members("Y6nRLr", Some(since), None).await.unwrap();
    assert_eq!(page.members.len(), 1);
}

#[tokio::test]
async fn an_unreachable_provider_is_unavailable() {
    // A port nothing listens on.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let urls = ProviderUrls {
        mailchimp: Some(format!("http://{address}")),
        klaviyo: None,
    };
    let mailchimp =
        ListClient::new(ListProvider::Mailchimp, http_client(), &urls, "k-us1").unwrap();
    assert!(matches!(
        mailchimp.lists().await.unwrap_err(),
        ProviderError::Unavailable(_)
    ));
}
