//! Sign-up, log-in, refresh rotation, log-out, `/me`, rate limits.

use reqwest::Method;
use serde_json::json;

use crate::on_both_backends;
use crate::support::{Backend, TestApp, TestDatabase};

async fn signup_creates_the_user_and_their_team(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let reply = app
        .post(
            "/api/v1/auth/signup",
            None,
            json!({"email": "  Mia.Lens@Example.COM ", "password": "password-123", "name": " Mia ", "team_name": "Acme Coffee"}),
        )
        .await
        .expect(201);
    assert_eq!(reply.body["token_type"], "Bearer");
    assert_eq!(reply.body["expires_in"], 900);
    assert_eq!(reply.body["user"]["email"], "mia.lens@example.com");
    let me = app
        .get("/api/v1/me", &reply.str("/access_token"))
        .await
        .expect(200);
    assert_eq!(me.body["user"]["name"], "Mia");
    assert_eq!(me.body["teams"].as_array().unwrap().len(), 1);
    assert_eq!(me.body["teams"][0]["name"], "Acme Coffee");
    assert_eq!(me.body["teams"][0]["my_role"], "owner");
}

async fn signup_refuses_a_taken_address_in_any_case(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.signup("mia@example.com").await;
    app.post(
        "/api/v1/auth/signup",
        None,
        json!({"email": "MIA@example.com", "password": "password-123", "name": "Other"}),
    )
    .await
    .expect_problem(409, "email_taken");
}

async fn signup_reports_every_invalid_field(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let reply = app
        .post(
            "/api/v1/auth/signup",
            None,
            json!({"email": "not-an-address", "password": "short", "name": "Mi\u{0}a", "team_name": "  "}),
        )
        .await
        .expect_problem(422, "validation_failed");
    let fields: Vec<(&str, &str)> = reply.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        fields,
        [
            ("email", "invalid_email"),
            ("password", "too_short"),
            ("name", "control_characters"),
            ("team_name", "required")
        ]
    );
    let long = "x".repeat(1025);
    app.post(
        "/api/v1/auth/signup",
        None,
        json!({"email": "a@example.com", "password": long, "name": "A"}),
    )
    .await
    .expect_problem(422, "validation_failed");
}

async fn login_checks_the_password(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let user = app.signup("sam@example.com").await;
    let reply = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({"email": " SAM@example.com", "password": "password-123"}),
        )
        .await
        .expect(200);
    assert_eq!(reply.str("/user/id"), user.id);
    app.get("/api/v1/me", &reply.str("/access_token"))
        .await
        .expect(200);
    app.post(
        "/api/v1/auth/login",
        None,
        json!({"email": "sam@example.com", "password": "wrong-password"}),
    )
    .await
    .expect_problem(401, "invalid_credentials");
    app.post(
        "/api/v1/auth/login",
        None,
        json!({"email": "nobody@example.com", "password": "password-123"}),
    )
    .await
    .expect_problem(401, "invalid_credentials");
}

async fn refresh_rotates_and_a_reused_token_revokes_the_session(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let user = app.signup("ada@example.com").await;
    let first = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refresh_token": user.refresh_token}),
        )
        .await
        .expect(200);
    let second_token = first.str("/refresh_token");
    assert_ne!(second_token, user.refresh_token);
    app.get("/api/v1/me", &first.str("/access_token"))
        .await
        .expect(200);
    // The first token again: reuse, so the whole family goes.
    app.post(
        "/api/v1/auth/refresh",
        None,
        json!({"refresh_token": user.refresh_token}),
    )
    .await
    .expect_problem(401, "refresh_token_reused");
    app.post(
        "/api/v1/auth/refresh",
        None,
        json!({"refresh_token": second_token}),
    )
    .await
    .expect_problem(401, "invalid_refresh_token");
    app.post(
        "/api/v1/auth/refresh",
        None,
        json!({"refresh_token": "made-up"}),
    )
    .await
    .expect_problem(401, "invalid_refresh_token");
}

async fn concurrent_refreshes_of_one_token_let_exactly_one_win(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let user = app.signup("kai@example.com").await;
    let body = json!({"refresh_token": user.refresh_token});
    let (a, b) = tokio::join!(
        app.post("/api/v1/auth/refresh", None, body.clone()),
        app.post("/api/v1/auth/refresh", None, body.clone())
    );
    let mut statuses = [a.status.as_u16(), b.status.as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 401], "{a:?} {b:?}");
}

async fn logout_revokes_the_refresh_token(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let user = app.signup("eli@example.com").await;
    app.post(
        "/api/v1/auth/logout",
        None,
        json!({"refresh_token": user.refresh_token}),
    )
    .await
    .expect(204);
    app.post(
        "/api/v1/auth/refresh",
        None,
        json!({"refresh_token": user.refresh_token}),
    )
    .await
    .expect_problem(401, "invalid_refresh_token");
    // Logging out twice is harmless.
    app.post(
        "/api/v1/auth/logout",
        None,
        json!({"refresh_token": user.refresh_token}),
    )
    .await
    .expect(204);
}

async fn me_needs_a_valid_access_token(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let reply = app
        .call(Method::GET, "/api/v1/me", None, None)
        .await
        .expect_problem(401, "unauthorized");
    assert_eq!(reply.headers["www-authenticate"], "Bearer");
    app.get("/api/v1/me", "garbage")
        .await
        .expect_problem(401, "unauthorized");
}

async fn login_is_rate_limited_per_account(backend: Backend) {
    let app = TestApp::spawn_with(
        TestDatabase::new(backend),
        &[
            "--login-limit-per-account",
            "3",
            "--login-limit-per-address",
            "100",
        ],
    )
    .await;
    app.signup("ivy@example.com").await;
    for _ in 0..3 {
        app.post(
            "/api/v1/auth/login",
            None,
            json!({"email": "ivy@example.com", "password": "wrong-password"}),
        )
        .await
        .expect(401);
    }
    let limited = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({"email": "IVY@example.com", "password": "password-123"}),
        )
        .await
        .expect_problem(429, "rate_limited");
    let retry_after: u64 = limited.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry_after));
    // Another account from the same address is not affected.
    app.post(
        "/api/v1/auth/login",
        None,
        json!({"email": "other@example.com", "password": "password-123"}),
    )
    .await
    .expect(401);
}

async fn login_is_rate_limited_per_address(backend: Backend) {
    let app = TestApp::spawn_with(
        TestDatabase::new(backend),
        &[
            "--login-limit-per-account",
            "100",
            "--login-limit-per-address",
            "2",
        ],
    )
    .await;
    for email in ["a@example.com", "b@example.com"] {
        app.post(
            "/api/v1/auth/login",
            None,
            json!({"email": email, "password": "password-123"}),
        )
        .await
        .expect(401);
    }
    app.post(
        "/api/v1/auth/login",
        None,
        json!({"email": "c@example.com", "password": "password-123"}),
    )
    .await
    .expect_problem(429, "rate_limited");
}

on_both_backends!(
    signup_creates_the_user_and_their_team,
    signup_refuses_a_taken_address_in_any_case,
    signup_reports_every_invalid_field,
    login_checks_the_password,
    refresh_rotates_and_a_reused_token_revokes_the_session,
    concurrent_refreshes_of_one_token_let_exactly_one_win,
    logout_revokes_the_refresh_token,
    me_needs_a_valid_access_token,
    login_is_rate_limited_per_account,
    login_is_rate_limited_per_address,
);
