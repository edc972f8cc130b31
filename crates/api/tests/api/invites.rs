//! Invitations: the mail, the single-use link, expiry, revocation, and who may accept.

use reqwest::Method;
use serde_json::json;

use crate::on_both_backends;
use crate::support::{Backend, TestApp};

async fn an_invitation_is_mailed_and_accepted_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let owner = app.signup("owner@example.com").await;
    let created = app
        .post(
            &format!("/api/v1/teams/{}/invites", owner.team_id),
            Some(&owner.token),
            json!({"email": " Sam@Example.com ", "role": "admin"}),
        )
        .await
        .expect(201);
    assert_eq!(created.body["email"], "sam@example.com");
    assert_eq!(created.body["status"], "pending");
    assert!(
        created.body.get("token").is_none(),
        "the token is only in the mail"
    );

    let pending = app
        .get(
            &format!("/api/v1/teams/{}/invites", owner.team_id),
            &owner.token,
        )
        .await
        .expect(200);
    assert_eq!(pending.body["items"].as_array().unwrap().len(), 1);

    let mail = app.wait_for_mail("sam@example.com").await;
    assert_eq!(
        mail["subject"],
        "owner invited you to owner's team on Rapport"
    );
    let token = crate::support::invite_token(mail["text"].as_str().unwrap());
    assert_eq!(token.len(), 43);

    let preview = app
        .call(Method::GET, &format!("/api/v1/invites/{token}"), None, None)
        .await
        .expect(200);
    assert_eq!(preview.body["team_name"], "owner's team");
    assert_eq!(preview.body["invited_by_name"], "owner");
    assert_eq!(preview.body["role"], "admin");

    let sam = app.signup("sam@example.com").await;
    let joined = app
        .post(
            &format!("/api/v1/invites/{token}/accept"),
            Some(&sam.token),
            json!({}),
        )
        .await
        .expect(200);
    assert_eq!(joined.str("/id"), owner.team_id);
    assert_eq!(joined.body["my_role"], "admin");
    let me = app.get("/api/v1/me", &sam.token).await.expect(200);
    assert_eq!(me.body["teams"].as_array().unwrap().len(), 2);

    app.post(
        &format!("/api/v1/invites/{token}/accept"),
        Some(&sam.token),
        json!({}),
    )
    .await
    .expect_problem(410, "invite_accepted");
    let after = app
        .get(
            &format!("/api/v1/teams/{}/invites", owner.team_id),
            &owner.token,
        )
        .await
        .expect(200);
    assert_eq!(after.body["items"].as_array().unwrap().len(), 0);
}

async fn revoked_and_expired_links_say_so(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let owner = app.signup("owner@example.com").await;
    let revoked = app.invite(&owner, "rev@example.com", "member").await;
    let invite_id = app
        .get(
            &format!("/api/v1/teams/{}/invites", owner.team_id),
            &owner.token,
        )
        .await
        .str("/items/0/id");
    let path = format!("/api/v1/teams/{}/invites/{invite_id}", owner.team_id);
    app.delete(&path, &owner.token).await.expect(204);
    app.delete(&path, &owner.token)
        .await
        .expect_problem(409, "invite_not_pending");
    let rev = app.signup("rev@example.com").await;
    app.post(
        &format!("/api/v1/invites/{revoked}/accept"),
        Some(&rev.token),
        json!({}),
    )
    .await
    .expect_problem(410, "invite_revoked");

    let expired = app.invite(&owner, "old@example.com", "member").await;
    let past = match app.database.backend {
        Backend::Sqlite => "datetime('now', '-1 day')",
        Backend::Postgres => "(now() AT TIME ZONE 'UTC') - INTERVAL '1 day'",
    };
    app.sql(&format!(
        "UPDATE invites SET expires_at = {past} WHERE email = 'old@example.com'"
    ));
    let old = app.signup("old@example.com").await;
    app.post(
        &format!("/api/v1/invites/{expired}/accept"),
        Some(&old.token),
        json!({}),
    )
    .await
    .expect_problem(410, "invite_expired");
    let listed = app
        .get(
            &format!("/api/v1/teams/{}/invites", owner.team_id),
            &owner.token,
        )
        .await
        .expect(200);
    assert_eq!(listed.body["items"][0]["status"], "expired");
    app.post(
        "/api/v1/invites/unknown-token/accept",
        Some(&old.token),
        json!({}),
    )
    .await
    .expect_problem(404, "not_found");
}

async fn only_the_invited_address_can_accept(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let owner = app.signup("owner@example.com").await;
    let token = app.invite(&owner, "sam@example.com", "member").await;
    let eve = app.signup("eve@example.com").await;
    app.post(
        &format!("/api/v1/invites/{token}/accept"),
        Some(&eve.token),
        json!({}),
    )
    .await
    .expect_problem(403, "invite_email_mismatch");
    app.call(
        Method::POST,
        &format!("/api/v1/invites/{token}/accept"),
        None,
        None,
    )
    .await
    .expect_problem(401, "unauthorized");
}

async fn invitations_refuse_duplicates_members_and_non_admins(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let owner = app.signup("owner@example.com").await;
    let invites = format!("/api/v1/teams/{}/invites", owner.team_id);
    let token = app.invite(&owner, "sam@example.com", "member").await;
    app.post(
        &invites,
        Some(&owner.token),
        json!({"email": "SAM@example.com"}),
    )
    .await
    .expect_problem(409, "invite_pending");
    app.post(
        &invites,
        Some(&owner.token),
        json!({"email": "owner@example.com"}),
    )
    .await
    .expect_problem(409, "already_member");
    app.post(&invites, Some(&owner.token), json!({"email": "nope"}))
        .await
        .expect_problem(422, "validation_failed");
    app.post(
        &invites,
        Some(&owner.token),
        json!({"email": "x@example.com", "role": "owner"}),
    )
    .await
    .expect_problem(422, "validation_failed");
    let sam = app.signup("sam@example.com").await;
    app.post(
        &format!("/api/v1/invites/{token}/accept"),
        Some(&sam.token),
        json!({}),
    )
    .await
    .expect(200);
    app.post(
        &invites,
        Some(&sam.token),
        json!({"email": "kai@example.com"}),
    )
    .await
    .expect_problem(403, "forbidden");
}

on_both_backends!(
    an_invitation_is_mailed_and_accepted_once,
    revoked_and_expired_links_say_so,
    only_the_invited_address_can_accept,
    invitations_refuse_duplicates_members_and_non_admins,
);
