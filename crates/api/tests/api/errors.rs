//! The error envelope: every failure, actix's own included, is problem+json with a stable code.

use reqwest::Method;
use serde_json::json;

use crate::on_both_backends;
use crate::support::{Backend, TestApp};

async fn the_problem_shape_is_pinned(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let reply = app
        .post(
            "/api/v1/auth/signup",
            None,
            json!({"email": "bad", "password": "password-123", "name": "A"}),
        )
        .await
        .expect_problem(422, "validation_failed");
    assert_eq!(
        reply.body,
        json!({
            "type": "urn:rapport:problem:validation_failed",
            "title": "Unprocessable Entity",
            "status": 422,
            "detail": "The request has invalid fields.",
            "code": "validation_failed",
            "errors": [{"field": "email", "code": "invalid_email", "message": "is not a valid e-mail address"}]
        })
    );
}

async fn actix_failures_use_the_same_envelope(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let url = |path: &str| format!("{}{path}", app.address);

    let malformed = app
        .client
        .post(url("/api/v1/auth/login"))
        .header("content-type", "application/json")
        .body("{\"email\": ")
        .send()
        .await
        .unwrap();
    assert_problem(malformed, 400, "malformed_json").await;

    let wrong_type = app
        .client
        .post(url("/api/v1/auth/login"))
        .header("content-type", "text/plain")
        .body("hello")
        .send()
        .await
        .unwrap();
    assert_problem(wrong_type, 415, "unsupported_media_type").await;

    let huge = format!(
        "{{\"email\": \"{}\", \"password\": \"x\"}}",
        "a".repeat(1024 * 1024 + 10)
    );
    let too_large = app
        .client
        .post(url("/api/v1/auth/login"))
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_problem(too_large, 413, "payload_too_large").await;

    let missing_field = app
        .client
        .post(url("/api/v1/auth/login"))
        .json(&json!({"email": "a@example.com"}))
        .send()
        .await
        .unwrap();
    assert_problem(missing_field, 422, "validation_failed").await;

    let unknown_field = app
        .client
        .post(url("/api/v1/auth/login"))
        .json(&json!({"email": "a@example.com", "password": "x", "admin": true}))
        .send()
        .await
        .unwrap();
    assert_problem(unknown_field, 422, "validation_failed").await;

    let unknown_route = app
        .client
        .get(url("/api/v1/nothing-here"))
        .send()
        .await
        .unwrap();
    assert_problem(unknown_route, 404, "not_found").await;

    let wrong_method = app.client.put(url("/api/v1/teams")).send().await.unwrap();
    assert_eq!(wrong_method.headers()["allow"], "GET, POST");
    assert_problem(wrong_method, 405, "method_not_allowed").await;

    let user = app.signup("mia@example.com").await;
    app.get("/api/v1/teams/not-a-uuid", &user.token)
        .await
        .expect_problem(400, "invalid_parameter");
    app.get("/api/v1/teams?limit=abc", &user.token)
        .await
        .expect_problem(400, "invalid_parameter");
    let wrong_method_with_id = app
        .call(
            Method::DELETE,
            &format!("/api/v1/teams/{}", user.team_id),
            Some(&user.token),
            None,
        )
        .await
        .expect_problem(405, "method_not_allowed");
    assert_eq!(wrong_method_with_id.headers["allow"], "GET, PATCH");
}

async fn nul_bytes_and_odd_text_never_reach_the_database_as_errors(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let user = app.signup("mia@example.com").await;
    app.post(
        "/api/v1/auth/login",
        None,
        json!({"email": "mia\u{0}@example.com", "password": "password-123"}),
    )
    .await
    .expect_problem(401, "invalid_credentials");
    app.post(
        "/api/v1/auth/refresh",
        None,
        json!({"refresh_token": "a\u{0}b"}),
    )
    .await
    .expect_problem(401, "invalid_refresh_token");
    app.get("/api/v1/teams?cursor=a%00b", &user.token)
        .await
        .expect_problem(400, "invalid_parameter");
    let mailbox = app
        .call(Method::GET, "/api/v1/dev/mailbox?to=a%00b", None, None)
        .await
        .expect(200);
    assert_eq!(mailbox.body["items"], json!([]));
    app.post("/api/v1/invites/a%00b/accept", Some(&user.token), json!({}))
        .await
        .expect_problem(404, "not_found");
}

async fn assert_problem(response: reqwest::Response, status: u16, code: &str) {
    assert_eq!(response.status().as_u16(), status);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["code"], code, "{body:#}");
    assert_eq!(body["status"], status);
    assert_eq!(body["type"], format!("urn:rapport:problem:{code}"));
    assert!(body["title"].is_string() && body["detail"].is_string());
}

on_both_backends!(
    the_problem_shape_is_pinned,
    actix_failures_use_the_same_envelope,
    nul_bytes_and_odd_text_never_reach_the_database_as_errors,
);
