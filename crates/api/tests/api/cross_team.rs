//! Isolation: a member of team A gets 404 on every team B resource, exactly as for unknown ids.

use reqwest::Method;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::{Backend, TestApp};

async fn another_teams_resources_answer_404_like_unknown_ids(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let alice = app.signup("alice@example.com").await;
    let bob = app.signup("bob@example.com").await;
    app.invite(&bob, "carol@example.com", "member").await;
    let bob_invite = app
        .get(
            &format!("/api/v1/teams/{}/invites", bob.team_id),
            &bob.token,
        )
        .await
        .str("/items/0/id");
    let unknown = "01890000-0000-7000-8000-000000000000";

    for team in [bob.team_id.as_str(), unknown] {
        let requests: Vec<(Method, String, Option<Value>)> = vec![
            (Method::GET, format!("/api/v1/teams/{team}"), None),
            (
                Method::PATCH,
                format!("/api/v1/teams/{team}"),
                Some(json!({"name": "x"})),
            ),
            (Method::GET, format!("/api/v1/teams/{team}/members"), None),
            (
                Method::PATCH,
                format!("/api/v1/teams/{team}/members/{}", bob.id),
                Some(json!({"role": "member"})),
            ),
            (
                Method::DELETE,
                format!("/api/v1/teams/{team}/members/{}", bob.id),
                None,
            ),
            (Method::GET, format!("/api/v1/teams/{team}/invites"), None),
            (
                Method::POST,
                format!("/api/v1/teams/{team}/invites"),
                Some(json!({"email": "x@example.com"})),
            ),
            (
                Method::DELETE,
                format!("/api/v1/teams/{team}/invites/{bob_invite}"),
                None,
            ),
        ];
        for (method, path, body) in requests {
            let reply = app
                .call(method.clone(), &path, Some(&alice.token), body)
                .await;
            assert_eq!(
                reply.status.as_u16(),
                404,
                "{method} {path}: {:#}",
                reply.body
            );
            assert_eq!(reply.body["code"], "not_found");
        }
    }
    // Alice's own invite path with Bob's invitation id: still 404.
    app.delete(
        &format!("/api/v1/teams/{}/invites/{bob_invite}", alice.team_id),
        &alice.token,
    )
    .await
    .expect_problem(404, "not_found");
    // And nothing of Bob's changed.
    let team = app
        .get(&format!("/api/v1/teams/{}", bob.team_id), &bob.token)
        .await
        .expect(200);
    assert_eq!(team.body["name"], "bob's team");
    let members = app
        .get(
            &format!("/api/v1/teams/{}/members", bob.team_id),
            &bob.token,
        )
        .await;
    assert_eq!(members.body["items"].as_array().unwrap().len(), 1);
}

on_both_backends!(another_teams_resources_answer_404_like_unknown_ids);
