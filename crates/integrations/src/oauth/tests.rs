//! Creators' OAuth logins against a local mock server answering in TikTok's and Google's
//! documented formats: the authorize links, the code exchanged for tokens, a refresh, and the
//! refusals (an expired code, a revoked refresh token) and outages.

use wiremock::matchers::{body_string_contains, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::*;
use crate::list_providers::http_client;

const TIKTOK_TOKEN: &str = include_str!("../../tests/fixtures/tiktok/oauth-token.json");
const TIKTOK_ERROR: &str = include_str!("../../tests/fixtures/tiktok/oauth-error.json");
const GOOGLE_TOKEN_ANSWER: &str = include_str!("../../tests/fixtures/google/oauth-token.json");
const GOOGLE_REFRESHED: &str = include_str!("../../tests/fixtures/google/oauth-refreshed.json");
const GOOGLE_ERROR: &str = include_str!("../../tests/fixtures/google/oauth-error.json");

const REDIRECT: &str = "https://rapport.example/creator/verify";

fn json(status: u16, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), "application/json")
}

fn tiktok(server: &MockServer) -> OAuthApp {
    OAuthApp::tiktok("aw1example", "tiktok-secret", None, Some(&server.uri())).unwrap()
}

fn google(server: &MockServer) -> OAuthApp {
    OAuthApp::google(
        "123-example.apps.googleusercontent.com",
        "google-secret",
        None,
        Some(&server.uri()),
    )
    .unwrap()
}

fn query(link: &str) -> Vec<(String, String)> {
    url::Url::parse(link)
        .unwrap()
        .query_pairs()
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect()
}

#[test]
fn the_authorize_links_ask_for_what_rapport_reads_and_carry_the_state() {
    let app = OAuthApp::tiktok("aw1example", "s", None, None).unwrap();
    let link = app.authorize_url(REDIRECT, "state-1");
    assert!(
        link.starts_with("https://www.tiktok.com/v2/auth/authorize/?"),
        "{link}"
    );
    let pairs = query(&link);
    for expected in [
        ("client_key", "aw1example"),
        ("scope", TIKTOK_SCOPES),
        ("response_type", "code"),
        ("redirect_uri", REDIRECT),
        ("state", "state-1"),
    ] {
        assert!(
            pairs.contains(&(expected.0.to_owned(), expected.1.to_owned())),
            "{expected:?} in {pairs:?}"
        );
    }

    let app = OAuthApp::google("cid", "s", None, None).unwrap();
    let link = app.authorize_url(REDIRECT, "state-2");
    assert!(
        link.starts_with("https://accounts.google.com/o/oauth2/v2/auth?"),
        "{link}"
    );
    let pairs = query(&link);
    for expected in [
        ("client_id", "cid"),
        ("scope", GOOGLE_SCOPES),
        ("access_type", "offline"),
        ("redirect_uri", REDIRECT),
        ("state", "state-2"),
    ] {
        assert!(
            pairs.contains(&(expected.0.to_owned(), expected.1.to_owned())),
            "{expected:?} in {pairs:?}"
        );
    }
}

#[tokio::test]
async fn a_tiktok_code_becomes_tokens() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/oauth/token/"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string_contains("client_key=aw1example"))
        .and(body_string_contains("client_secret=tiktok-secret"))
        .and(body_string_contains("grant_type=authorization_code"))
        .and(body_string_contains("code=code-1"))
        .and(body_string_contains(
            "redirect_uri=https%3A%2F%2Frapport.example%2Fcreator%2Fverify",
        ))
        .respond_with(json(200, TIKTOK_TOKEN))
        .expect(1)
        .mount(&server)
        .await;
    let tokens = tiktok(&server)
        .exchange_code(&http_client(), "code-1", REDIRECT)
        .await
        .unwrap();
    assert!(tokens.access_token.starts_with("act.1d10"));
    assert_eq!(tokens.expires_in, Some(86_400));
    assert!(tokens
        .refresh_token
        .as_deref()
        .is_some_and(|token| token.starts_with("rft.")));
    assert_eq!(tokens.refresh_expires_in, Some(31_536_000));
    assert_eq!(
        tokens.open_id.as_deref(),
        Some("-000a1b2c-3d4e-5f60-7182-93a4b5c6d7e8")
    );
    // The tokens stay out of logs.
    let shown = format!("{tokens:?} {:?}", tiktok(&server));
    assert!(
        !shown.contains("act.1d10") && !shown.contains("rft.") && !shown.contains("tiktok-secret")
    );
}

#[tokio::test]
async fn tiktok_tells_a_refused_code_in_the_body_of_a_200() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/oauth/token/"))
        .respond_with(json(200, TIKTOK_ERROR))
        .mount(&server)
        .await;
    let error = tiktok(&server)
        .exchange_code(&http_client(), "old", REDIRECT)
        .await
        .unwrap_err();
    assert_eq!(
        error,
        ProviderError::Refused(
            "TikTok refused the login: Authorization code is expired. Log in again.".to_owned()
        )
    );
}

#[tokio::test]
async fn a_google_code_becomes_tokens_and_a_refresh_keeps_the_refresh_token_unsaid() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .and(body_string_contains(
            "client_id=123-example.apps.googleusercontent.com",
        ))
        .and(body_string_contains("grant_type=authorization_code"))
        .respond_with(json(200, GOOGLE_TOKEN_ANSWER))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .and(body_string_contains("grant_type=refresh_token"))
        .and(body_string_contains(
            "refresh_token=1%2F%2F0gExampleRefreshToken",
        ))
        .respond_with(json(200, GOOGLE_REFRESHED))
        .expect(1)
        .mount(&server)
        .await;
    let app = google(&server);
    let tokens = app
        .exchange_code(&http_client(), "4/0Aexample", REDIRECT)
        .await
        .unwrap();
    assert_eq!(tokens.access_token, "ya29.a0AfB_byExampleAccessToken");
    assert_eq!(tokens.expires_in, Some(3599));
    let refresh = tokens.refresh_token.unwrap();
    assert_eq!(refresh, "1//0gExampleRefreshToken");
    let again = app.refresh(&http_client(), &refresh).await.unwrap();
    assert_eq!(again.access_token, "ya29.a0AfB_byRefreshedAccessToken");
    assert_eq!(again.refresh_token, None);
}

#[tokio::test]
async fn a_revoked_refresh_token_is_refused_and_an_outage_is_not() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .and(body_string_contains("refresh_token=revoked"))
        .respond_with(json(400, GOOGLE_ERROR))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .and(body_string_contains("refresh_token=busy"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .and(body_string_contains("refresh_token=slow"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "30"))
        .mount(&server)
        .await;
    let app = google(&server);
    let http = http_client();
    assert!(matches!(
        app.refresh(&http, "revoked").await,
        Err(ProviderError::Refused(why)) if why.contains("Bad Request")
    ));
    assert!(matches!(
        app.refresh(&http, "busy").await,
        Err(ProviderError::Unavailable(_))
    ));
    assert_eq!(
        app.refresh(&http, "slow").await,
        Err(ProviderError::RateLimited {
            retry_after: Some(std::time::Duration::from_secs(30))
        })
    );
}

#[tokio::test]
async fn an_unreachable_platform_is_told_without_the_url() {
    let app = OAuthApp::google("cid", "secret", None, Some("http://127.0.0.1:9")).unwrap();
    let error = app
        .exchange_code(&http_client(), "code-with-secret", REDIRECT)
        .await
        .unwrap_err();
    assert_eq!(
        error,
        ProviderError::Unavailable("Google could not be reached.".to_owned())
    );
}
