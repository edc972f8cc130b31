//! Reminders: per influencer, assigned to a team member, done and undone, "my open reminders".

use serde_json::json;

use crate::on_both_backends;
use crate::support::{Backend, TestApp};

async fn reminders_are_set_listed_by_due_time_and_done(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let owner = app.signup("owner@example.com").await;
    let member = app.add_member(&owner, "member@example.com", "member").await;
    let stranger = app.signup("stranger@example.com").await;
    let team_path = format!("/api/v1/teams/{}/influencers", owner.team_id);
    let ada = app
        .post(
            &team_path,
            Some(&owner.token),
            json!({"profile": "instagram.com/ada"}),
        )
        .await
        .str("/id");
    let sam = app
        .post(
            &team_path,
            Some(&owner.token),
            json!({"profile": "instagram.com/sam"}),
        )
        .await
        .str("/id");
    let set = |influencer: &str, text: &str, due: &str, assignee: Option<&str>| {
        let mut body = json!({"text": text, "due_at": due});
        if let Some(assignee) = assignee {
            body["assignee_id"] = json!(assignee);
        }
        let path = format!("/api/v1/influencers/{influencer}/reminders");
        let app = &app;
        let token = owner.token.clone();
        async move { app.post(&path, Some(&token), body).await }
    };
    let later = set(&ada, "Send contract", "2026-12-03T09:00:00Z", None)
        .await
        .expect(201);
    assert_eq!(later.str("/assignee_id"), owner.id);
    assert_eq!(later.body["influencer_name"], "ada");
    set(&sam, "Ship samples", "2026-12-01T09:00:00+02:00", None)
        .await
        .expect(201);
    set(&ada, "Follow up", "2026-12-02T09:00:00Z", Some(&member.id))
        .await
        .expect(201);
    set(&ada, "Nope", "2026-12-02T09:00:00Z", Some(&stranger.id))
        .await
        .expect_unknown("assignee_id");
    set(&ada, "", "2026-12-02T09:00:00Z", None)
        .await
        .expect_problem(422, "validation_failed");
    set(&ada, "When?", "next tuesday", None)
        .await
        .expect_problem(422, "validation_failed");

    let mine = app
        .get(
            &format!("/api/v1/teams/{}/reminders?mine=true", owner.team_id),
            &owner.token,
        )
        .await
        .expect(200);
    let texts: Vec<&str> = mine.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["Ship samples", "Send contract"]);
    assert_eq!(mine.body["items"][0]["due_at"], "2026-12-01T07:00:00Z");
    let all = app
        .get(
            &format!("/api/v1/teams/{}/reminders", owner.team_id),
            &member.token,
        )
        .await
        .expect(200);
    assert_eq!(all.body["items"].as_array().unwrap().len(), 3);
    let first = app
        .get(
            &format!("/api/v1/teams/{}/reminders?limit=2", owner.team_id),
            &member.token,
        )
        .await
        .expect(200);
    let rest = app
        .get(
            &format!(
                "/api/v1/teams/{}/reminders?limit=2&cursor={}",
                owner.team_id,
                first.str("/next_cursor")
            ),
            &member.token,
        )
        .await
        .expect(200);
    assert_eq!(rest.body["items"][0]["text"], "Send contract");
    assert_eq!(rest.body["next_cursor"], serde_json::Value::Null);

    let path = format!("/api/v1/reminders/{}", later.str("/id"));
    let done = app
        .patch(&path, &owner.token, json!({"done": true}))
        .await
        .expect(200);
    assert!(done.body["done_at"].is_string());
    let open = app
        .get(
            &format!("/api/v1/teams/{}/reminders?mine=true", owner.team_id),
            &owner.token,
        )
        .await;
    assert_eq!(open.body["items"].as_array().unwrap().len(), 1);
    let finished = app
        .get(
            &format!(
                "/api/v1/teams/{}/reminders?mine=true&status=done",
                owner.team_id
            ),
            &owner.token,
        )
        .await;
    assert_eq!(finished.str("/items/0/text"), "Send contract");
    app.patch(
        &path,
        &owner.token,
        json!({"done": false, "text": "Send the contract", "assignee_id": member.id}),
    )
    .await
    .expect(200);
    let members = app
        .get(
            &format!("/api/v1/teams/{}/reminders?mine=true", owner.team_id),
            &member.token,
        )
        .await;
    assert_eq!(members.body["items"].as_array().unwrap().len(), 2);
    let on_ada = app
        .get(
            &format!("/api/v1/influencers/{ada}/reminders"),
            &owner.token,
        )
        .await
        .expect(200);
    assert_eq!(on_ada.body["items"].as_array().unwrap().len(), 2);
    app.delete(&path, &owner.token).await.expect(204);
    app.delete(&path, &owner.token)
        .await
        .expect_problem(404, "not_found");
    let history = app
        .get(&format!("/api/v1/influencers/{ada}/activity"), &owner.token)
        .await;
    let kinds: Vec<&str> = history.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds[..3],
        ["reminder.deleted", "reminder.reopened", "reminder.done"]
    );
}

on_both_backends!(reminders_are_set_listed_by_due_time_and_done);
