//! Teams: create, list with pages, read, rename.

use serde_json::json;

use crate::on_both_backends;
use crate::support::{Backend, TestApp};

async fn teams_are_created_listed_and_renamed(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mia = app.signup("mia@example.com").await;
    let created = app
        .post(
            "/api/v1/teams",
            Some(&mia.token),
            json!({"name": " Second Brand "}),
        )
        .await
        .expect(201);
    assert_eq!(created.body["name"], "Second Brand");
    assert_eq!(created.body["my_role"], "owner");
    let team_id = created.str("/id");

    let all = app.get("/api/v1/teams", &mia.token).await.expect(200);
    assert_eq!(all.body["items"].as_array().unwrap().len(), 2);
    assert_eq!(all.body["next_cursor"], serde_json::Value::Null);

    let first = app
        .get("/api/v1/teams?limit=1", &mia.token)
        .await
        .expect(200);
    assert_eq!(first.body["items"][0]["id"].as_str().unwrap(), mia.team_id);
    let cursor = first.str("/next_cursor");
    let second = app
        .get(
            &format!("/api/v1/teams?limit=1&cursor={cursor}"),
            &mia.token,
        )
        .await
        .expect(200);
    assert_eq!(second.str("/items/0/id"), team_id);
    assert_eq!(second.body["next_cursor"], serde_json::Value::Null);

    let renamed = app
        .patch(
            &format!("/api/v1/teams/{team_id}"),
            &mia.token,
            json!({"name": "Renamed"}),
        )
        .await
        .expect(200);
    assert_eq!(renamed.body["name"], "Renamed");
    let read = app
        .get(&format!("/api/v1/teams/{team_id}"), &mia.token)
        .await
        .expect(200);
    assert_eq!(read.body["name"], "Renamed");
    // An empty patch changes nothing.
    app.patch(&format!("/api/v1/teams/{team_id}"), &mia.token, json!({}))
        .await
        .expect(200);
}

async fn team_names_are_validated(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mia = app.signup("mia@example.com").await;
    for name in ["", "   ", "tab\there", &"x".repeat(101)] {
        app.post("/api/v1/teams", Some(&mia.token), json!({"name": name}))
            .await
            .expect_problem(422, "validation_failed");
    }
    app.get("/api/v1/teams?limit=0", &mia.token)
        .await
        .expect_problem(400, "invalid_parameter");
    app.get("/api/v1/teams?limit=201", &mia.token)
        .await
        .expect_problem(400, "invalid_parameter");
}

async fn only_owners_and_admins_rename_a_team(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let owner = app.signup("owner@example.com").await;
    let member = app.add_member(&owner, "member@example.com", "member").await;
    app.patch(
        &format!("/api/v1/teams/{}", owner.team_id),
        &member.token,
        json!({"name": "Mine now"}),
    )
    .await
    .expect_problem(403, "forbidden");
    app.patch(
        &format!("/api/v1/teams/{}/members/{}", owner.team_id, member.id),
        &owner.token,
        json!({"role": "admin"}),
    )
    .await
    .expect(200);
    app.patch(
        &format!("/api/v1/teams/{}", owner.team_id),
        &member.token,
        json!({"name": "Admin's"}),
    )
    .await
    .expect(200);
}

on_both_backends!(
    teams_are_created_listed_and_renamed,
    team_names_are_validated,
    only_owners_and_admins_rename_a_team,
);
