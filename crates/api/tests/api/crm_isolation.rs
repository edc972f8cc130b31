//! Isolation of the CRM: a member of team A gets 404 on every team B resource, as for unknown ids,
//! and cannot reach team B's things through ids in a request body either.

use reqwest::Method;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::{Backend, TestApp};

async fn another_teams_crm_answers_404(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let alice = app.signup("alice@example.com").await;
    let bob = app.signup("bob@example.com").await;
    let (board, columns) = app.board(&bob, "Bob's", &["A", "B"]).await;
    let card = app
        .card(&bob, &board, &columns[0], "instagram.com/ada")
        .await;
    let influencer = app
        .get(&format!("/api/v1/cards/{card}"), &bob.token)
        .await
        .str("/influencer_id");
    let account = app
        .get(&format!("/api/v1/influencers/{influencer}"), &bob.token)
        .await
        .str("/accounts/0/id");
    let label = app
        .post(
            &format!("/api/v1/boards/{board}/labels"),
            Some(&bob.token),
            json!({"name": "L", "color": "#000000"}),
        )
        .await
        .str("/id");
    let note = app
        .post(
            &format!("/api/v1/influencers/{influencer}/notes"),
            Some(&bob.token),
            json!({"body": "n"}),
        )
        .await
        .str("/id");
    let comment = app
        .post(
            &format!("/api/v1/influencers/{influencer}/comments"),
            Some(&bob.token),
            json!({"body": "c"}),
        )
        .await
        .str("/id");
    let reminder = app
        .post(
            &format!("/api/v1/influencers/{influencer}/reminders"),
            Some(&bob.token),
            json!({"text": "r", "due_at": "2026-12-01T00:00:00Z"}),
        )
        .await
        .str("/id");

    let requests: Vec<(Method, String, Option<Value>)> = vec![
        (
            Method::GET,
            format!("/api/v1/teams/{}/influencers", bob.team_id),
            None,
        ),
        (
            Method::POST,
            format!("/api/v1/teams/{}/influencers", bob.team_id),
            Some(json!({"profile": "instagram.com/x"})),
        ),
        (
            Method::GET,
            format!("/api/v1/influencers/{influencer}"),
            None,
        ),
        (
            Method::PATCH,
            format!("/api/v1/influencers/{influencer}"),
            Some(json!({"display_name": "x"})),
        ),
        (
            Method::DELETE,
            format!("/api/v1/influencers/{influencer}"),
            None,
        ),
        (
            Method::POST,
            format!("/api/v1/influencers/{influencer}/accounts"),
            Some(json!({"profile": "tiktok.com/@xy"})),
        ),
        (
            Method::DELETE,
            format!("/api/v1/influencers/{influencer}/accounts/{account}"),
            None,
        ),
        (
            Method::GET,
            format!("/api/v1/influencers/{influencer}/activity"),
            None,
        ),
        (
            Method::GET,
            format!("/api/v1/influencers/{influencer}/notes"),
            None,
        ),
        (
            Method::POST,
            format!("/api/v1/influencers/{influencer}/notes"),
            Some(json!({"body": "x"})),
        ),
        (
            Method::PATCH,
            format!("/api/v1/notes/{note}"),
            Some(json!({"body": "x"})),
        ),
        (Method::DELETE, format!("/api/v1/notes/{note}"), None),
        (
            Method::GET,
            format!("/api/v1/influencers/{influencer}/comments"),
            None,
        ),
        (
            Method::POST,
            format!("/api/v1/influencers/{influencer}/comments"),
            Some(json!({"body": "x"})),
        ),
        (
            Method::PATCH,
            format!("/api/v1/comments/{comment}"),
            Some(json!({"body": "x"})),
        ),
        (Method::DELETE, format!("/api/v1/comments/{comment}"), None),
        (
            Method::GET,
            format!("/api/v1/influencers/{influencer}/reminders"),
            None,
        ),
        (
            Method::POST,
            format!("/api/v1/influencers/{influencer}/reminders"),
            Some(json!({"text": "x", "due_at": "2026-12-01T00:00:00Z"})),
        ),
        (
            Method::PATCH,
            format!("/api/v1/reminders/{reminder}"),
            Some(json!({"done": true})),
        ),
        (
            Method::DELETE,
            format!("/api/v1/reminders/{reminder}"),
            None,
        ),
        (
            Method::GET,
            format!("/api/v1/teams/{}/reminders", bob.team_id),
            None,
        ),
        (
            Method::GET,
            format!("/api/v1/teams/{}/boards", bob.team_id),
            None,
        ),
        (
            Method::POST,
            format!("/api/v1/teams/{}/boards", bob.team_id),
            Some(json!({"name": "x"})),
        ),
        (Method::GET, format!("/api/v1/boards/{board}"), None),
        (
            Method::PATCH,
            format!("/api/v1/boards/{board}"),
            Some(json!({"name": "x"})),
        ),
        (Method::DELETE, format!("/api/v1/boards/{board}"), None),
        (
            Method::POST,
            format!("/api/v1/boards/{board}/columns"),
            Some(json!({"name": "x"})),
        ),
        (
            Method::PATCH,
            format!("/api/v1/columns/{}", columns[0]),
            Some(json!({"name": "x"})),
        ),
        (
            Method::POST,
            format!("/api/v1/columns/{}/move", columns[0]),
            Some(json!({})),
        ),
        (
            Method::DELETE,
            format!("/api/v1/columns/{}", columns[1]),
            None,
        ),
        (
            Method::POST,
            format!("/api/v1/boards/{board}/cards"),
            Some(json!({"column_id": columns[0], "profile": "instagram.com/x"})),
        ),
        (
            Method::POST,
            format!("/api/v1/boards/{board}/cards/bulk"),
            Some(json!({"column_id": columns[0], "items": [{"profile": "instagram.com/x"}]})),
        ),
        (Method::GET, format!("/api/v1/cards/{card}"), None),
        (
            Method::POST,
            format!("/api/v1/cards/{card}/move"),
            Some(json!({"column_id": columns[1]})),
        ),
        (Method::DELETE, format!("/api/v1/cards/{card}"), None),
        (
            Method::PUT,
            format!("/api/v1/cards/{card}/labels/{label}"),
            None,
        ),
        (
            Method::DELETE,
            format!("/api/v1/cards/{card}/labels/{label}"),
            None,
        ),
        (Method::GET, format!("/api/v1/boards/{board}/labels"), None),
        (
            Method::POST,
            format!("/api/v1/boards/{board}/labels"),
            Some(json!({"name": "x", "color": "#000000"})),
        ),
        (
            Method::PATCH,
            format!("/api/v1/labels/{label}"),
            Some(json!({"name": "x"})),
        ),
        (Method::DELETE, format!("/api/v1/labels/{label}"), None),
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

    // Bob's ids inside Alice's own requests are unknown ids too (422 naming the field: the
    // request's target is Alice's own).
    let (alice_board, alice_columns) = app.board(&alice, "Alice's", &["A"]).await;
    let alice_card = app
        .card(&alice, &alice_board, &alice_columns[0], "instagram.com/ada")
        .await;
    app.post(
        &format!("/api/v1/boards/{alice_board}/cards"),
        Some(&alice.token),
        json!({"column_id": alice_columns[0], "influencer_id": influencer}),
    )
    .await
    .expect_unknown("influencer_id");
    app.post(
        &format!("/api/v1/cards/{alice_card}/move"),
        Some(&alice.token),
        json!({"column_id": columns[0]}),
    )
    .await
    .expect_unknown("column_id");
    app.post(
        &format!("/api/v1/cards/{alice_card}/move"),
        Some(&alice.token),
        json!({"before": card}),
    )
    .await
    .expect_unknown("before");
    app.call(
        Method::PUT,
        &format!("/api/v1/cards/{alice_card}/labels/{label}"),
        Some(&alice.token),
        None,
    )
    .await
    .expect_problem(404, "not_found");
    app.post(
        &format!("/api/v1/columns/{}/move", alice_columns[0]),
        Some(&alice.token),
        json!({"before": columns[0]}),
    )
    .await
    .expect_unknown("before");
    // Alice's "instagram.com/ada" is her own influencer, not Bob's.
    let hers = app
        .get(&format!("/api/v1/cards/{alice_card}"), &alice.token)
        .await
        .str("/influencer_id");
    assert_ne!(hers, influencer);
    // Nothing of Bob's changed.
    assert_eq!(app.board_order(&bob, &board).await[0].1, ["ada"]);
}

on_both_backends!(another_teams_crm_answers_404);
