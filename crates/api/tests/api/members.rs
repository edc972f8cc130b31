//! Members: roles, removal, leaving, and the last owner.

use serde_json::json;

use crate::on_both_backends;
use crate::support::{Backend, TestApp, TestUser};

/// An owner with a member who joined through an invitation.
async fn team_of_two(app: &TestApp) -> (TestUser, TestUser) {
    let owner = app.signup("owner@example.com").await;
    let member = app.add_member(&owner, "member@example.com", "member").await;
    (owner, member)
}

async fn members_are_listed_with_roles(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (owner, member) = team_of_two(&app).await;
    let list = app
        .get(
            &format!("/api/v1/teams/{}/members", owner.team_id),
            &member.token,
        )
        .await
        .expect(200);
    let members: Vec<(&str, &str)> = list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["email"].as_str().unwrap(), m["role"].as_str().unwrap()))
        .collect();
    assert_eq!(
        members,
        [
            ("owner@example.com", "owner"),
            ("member@example.com", "member")
        ]
    );
}

async fn owners_change_roles_and_members_cannot(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (owner, member) = team_of_two(&app).await;
    let path = format!("/api/v1/teams/{}/members/{}", owner.team_id, member.id);
    app.patch(
        &format!("/api/v1/teams/{}/members/{}", owner.team_id, owner.id),
        &member.token,
        json!({"role": "member"}),
    )
    .await
    .expect_problem(403, "forbidden");
    let promoted = app
        .patch(&path, &owner.token, json!({"role": "owner"}))
        .await
        .expect(200);
    assert_eq!(promoted.body["role"], "owner");
    // Two owners now: the first may step down.
    app.patch(
        &format!("/api/v1/teams/{}/members/{}", owner.team_id, owner.id),
        &owner.token,
        json!({"role": "member"}),
    )
    .await
    .expect(200);
    app.patch(&path, &member.token, json!({"role": "superuser"}))
        .await
        .expect_problem(422, "validation_failed");
    let stranger = format!("/api/v1/teams/{}/members/{}", owner.team_id, uuid_like());
    app.patch(&stranger, &member.token, json!({"role": "admin"}))
        .await
        .expect_problem(404, "not_found");
}

async fn the_last_owner_can_neither_leave_nor_step_down(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (owner, _member) = team_of_two(&app).await;
    let own = format!("/api/v1/teams/{}/members/{}", owner.team_id, owner.id);
    app.patch(&own, &owner.token, json!({"role": "admin"}))
        .await
        .expect_problem(409, "last_owner");
    app.delete(&own, &owner.token)
        .await
        .expect_problem(409, "last_owner");
}

async fn members_leave_and_owners_remove(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (owner, member) = team_of_two(&app).await;
    let member_path = format!("/api/v1/teams/{}/members/{}", owner.team_id, member.id);
    let owner_path = format!("/api/v1/teams/{}/members/{}", owner.team_id, owner.id);
    app.delete(&owner_path, &member.token)
        .await
        .expect_problem(403, "forbidden");
    app.delete(&member_path, &member.token).await.expect(204);
    // Gone: the team is now invisible to them.
    app.get(&format!("/api/v1/teams/{}", owner.team_id), &member.token)
        .await
        .expect_problem(404, "not_found");

    let again = app.invite(&owner, "member@example.com", "member").await;
    app.post(
        &format!("/api/v1/invites/{again}/accept"),
        Some(&member.token),
        json!({}),
    )
    .await
    .expect(200);
    app.delete(&member_path, &owner.token).await.expect(204);
    app.delete(&member_path, &owner.token)
        .await
        .expect_problem(404, "not_found");
}

fn uuid_like() -> String {
    "01890000-0000-7000-8000-000000000000".to_owned()
}

on_both_backends!(
    members_are_listed_with_roles,
    owners_change_roles_and_members_cannot,
    the_last_owner_can_neither_leave_nor_step_down,
    members_leave_and_owners_remove,
);
