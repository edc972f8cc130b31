//! Notes and team comments: on the influencer (so on every board), author rules.

use serde_json::json;

use crate::on_both_backends;
use crate::support::{Backend, TestApp};

async fn notes_follow_the_influencer_across_boards(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let owner = app.signup("owner@example.com").await;
    let (one, one_columns) = app.board(&owner, "One", &["A"]).await;
    let (two, two_columns) = app.board(&owner, "Two", &["A"]).await;
    let card = app
        .card(&owner, &one, &one_columns[0], "instagram.com/ada")
        .await;
    let other_card = app
        .card(&owner, &two, &two_columns[0], "instagram.com/ada")
        .await;
    let influencer = app
        .get(&format!("/api/v1/cards/{card}"), &owner.token)
        .await
        .str("/influencer_id");
    let same = app
        .get(&format!("/api/v1/cards/{other_card}"), &owner.token)
        .await
        .str("/influencer_id");
    assert_eq!(influencer, same, "one influencer on two boards");
    let notes = format!("/api/v1/influencers/{influencer}/notes");
    let note = app
        .post(
            &notes,
            Some(&owner.token),
            json!({"body": " Loves cold brew.\nPrefers DMs. "}),
        )
        .await
        .expect(201);
    assert_eq!(note.body["body"], "Loves cold brew.\nPrefers DMs.");
    assert_eq!(note.body["author_name"], "owner");
    app.post(&notes, Some(&owner.token), json!({"body": "second"}))
        .await
        .expect(201);
    let listed = app.get(&notes, &owner.token).await.expect(200);
    let bodies: Vec<&str> = listed.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["body"].as_str().unwrap())
        .collect();
    assert_eq!(bodies, ["second", "Loves cold brew.\nPrefers DMs."]);
    app.post(&notes, Some(&owner.token), json!({"body": "  "}))
        .await
        .expect_problem(422, "validation_failed");
    app.post(
        &notes,
        Some(&owner.token),
        json!({"body": "x".repeat(10_001)}),
    )
    .await
    .expect_problem(422, "validation_failed");
    app.post(&notes, Some(&owner.token), json!({"body": "a\u{0}b"}))
        .await
        .expect_problem(422, "validation_failed");
}

async fn authors_edit_and_admins_delete(backend: Backend) {
    for kind in ["notes", "comments"] {
        let app = TestApp::spawn(backend).await;
        let owner = app.signup("owner@example.com").await;
        let member = app.add_member(&owner, "member@example.com", "member").await;
        let other = app.add_member(&owner, "other@example.com", "member").await;
        let influencer = app
            .post(
                &format!("/api/v1/teams/{}/influencers", owner.team_id),
                Some(&owner.token),
                json!({"profile": "instagram.com/ada"}),
            )
            .await
            .str("/id");
        let written = app
            .post(
                &format!("/api/v1/influencers/{influencer}/{kind}"),
                Some(&member.token),
                json!({"body": "draft"}),
            )
            .await
            .expect(201);
        let path = format!("/api/v1/{kind}/{}", written.str("/id"));
        let edited = app
            .patch(&path, &member.token, json!({"body": "final"}))
            .await
            .expect(200);
        assert_eq!(edited.body["body"], "final");
        app.patch(&path, &owner.token, json!({"body": "not mine"}))
            .await
            .expect_problem(403, "forbidden");
        app.delete(&path, &other.token)
            .await
            .expect_problem(403, "forbidden");
        app.delete(&path, &owner.token).await.expect(204);
        app.patch(&path, &member.token, json!({"body": "gone"}))
            .await
            .expect_problem(404, "not_found");
        let history = app
            .get(
                &format!("/api/v1/influencers/{influencer}/activity"),
                &owner.token,
            )
            .await;
        let kinds: Vec<&str> = history.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["kind"].as_str().unwrap())
            .collect();
        let noun = kind.trim_end_matches('s');
        assert_eq!(
            kinds[..3],
            [
                format!("{noun}.deleted"),
                format!("{noun}.edited"),
                format!("{noun}.added")
            ]
        );
    }
}

async fn a_note_id_is_not_a_comment_id(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let owner = app.signup("owner@example.com").await;
    let influencer = app
        .post(
            &format!("/api/v1/teams/{}/influencers", owner.team_id),
            Some(&owner.token),
            json!({"profile": "instagram.com/ada"}),
        )
        .await
        .str("/id");
    let note = app
        .post(
            &format!("/api/v1/influencers/{influencer}/notes"),
            Some(&owner.token),
            json!({"body": "note"}),
        )
        .await
        .str("/id");
    app.patch(
        &format!("/api/v1/comments/{note}"),
        &owner.token,
        json!({"body": "x"}),
    )
    .await
    .expect_problem(404, "not_found");
    let comments = app
        .get(
            &format!("/api/v1/influencers/{influencer}/comments"),
            &owner.token,
        )
        .await
        .expect(200);
    assert_eq!(comments.body["items"], json!([]));
}

on_both_backends!(
    notes_follow_the_influencer_across_boards,
    authors_edit_and_admins_delete,
    a_note_id_is_not_a_comment_id,
);
