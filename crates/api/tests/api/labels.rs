//! Labels: per board, applied to cards, filtering the board.

use serde_json::json;

use crate::on_both_backends;
use crate::support::{Backend, TestApp};

async fn labels_are_managed_applied_and_filter_the_board(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mia = app.signup("mia@example.com").await;
    let (board, columns) = app.board(&mia, "Launch", &["A", "B"]).await;
    let ada = app
        .card(&mia, &board, &columns[0], "instagram.com/ada")
        .await;
    let sam = app
        .card(&mia, &board, &columns[0], "tiktok.com/@sam.cooks")
        .await;
    let kai = app
        .card(&mia, &board, &columns[1], "youtube.com/@KaiRuns")
        .await;
    let labels = format!("/api/v1/boards/{board}/labels");
    let gifted = app
        .post(
            &labels,
            Some(&mia.token),
            json!({"name": "Gifted", "color": "#2f9e44"}),
        )
        .await
        .expect(201)
        .str("/id");
    let paid = app
        .post(
            &labels,
            Some(&mia.token),
            json!({"name": "Paid", "color": "#e03131"}),
        )
        .await
        .expect(201)
        .str("/id");
    app.post(
        &labels,
        Some(&mia.token),
        json!({"name": "GIFTED", "color": "#000000"}),
    )
    .await
    .expect_problem(409, "label_exists");
    app.post(
        &labels,
        Some(&mia.token),
        json!({"name": "Red", "color": "red"}),
    )
    .await
    .expect_problem(422, "validation_failed");

    let applied = app
        .call(
            reqwest::Method::PUT,
            &format!("/api/v1/cards/{ada}/labels/{gifted}"),
            Some(&mia.token),
            None,
        )
        .await
        .expect(200);
    assert_eq!(applied.body["label_ids"], json!([gifted]));
    app.call(
        reqwest::Method::PUT,
        &format!("/api/v1/cards/{ada}/labels/{gifted}"),
        Some(&mia.token),
        None,
    )
    .await
    .expect(200);
    app.call(
        reqwest::Method::PUT,
        &format!("/api/v1/cards/{kai}/labels/{paid}"),
        Some(&mia.token),
        None,
    )
    .await
    .expect(200);
    app.call(
        reqwest::Method::PUT,
        &format!("/api/v1/cards/{sam}/labels/{paid}"),
        Some(&mia.token),
        None,
    )
    .await
    .expect(200);
    let removed = app
        .delete(&format!("/api/v1/cards/{sam}/labels/{paid}"), &mia.token)
        .await
        .expect(200);
    assert_eq!(removed.body["label_ids"], json!([]));

    let view = |query: String| {
        let app = &app;
        let token = mia.token.clone();
        let board = board.clone();
        async move {
            let view = app
                .get(&format!("/api/v1/boards/{board}?{query}"), &token)
                .await
                .expect(200);
            view.body["columns"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|c| {
                    c["cards"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|card| card["id"].as_str().unwrap().to_owned())
                })
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(view(format!("label_ids={gifted}")).await, vec![ada.clone()]);
    assert_eq!(
        view(format!("label_ids={gifted},{paid}")).await,
        [ada.clone(), kai.clone()]
    );
    assert_eq!(
        view("q=SAM".to_owned()).await,
        vec![sam.clone()],
        "by handle"
    );
    assert_eq!(view("q=kai".to_owned()).await, vec![kai.clone()], "by name");
    assert_eq!(
        view(format!("q=ada&label_ids={paid}")).await,
        Vec::<String>::new()
    );
    app.get(
        &format!("/api/v1/boards/{board}?label_ids=nope"),
        &mia.token,
    )
    .await
    .expect_problem(400, "invalid_parameter");

    let renamed = app
        .patch(
            &format!("/api/v1/labels/{paid}"),
            &mia.token,
            json!({"name": "Paid deal", "color": "#1971C2"}),
        )
        .await
        .expect(200);
    assert_eq!(renamed.body["color"], "#1971c2");
    app.patch(
        &format!("/api/v1/labels/{paid}"),
        &mia.token,
        json!({"name": "gifted"}),
    )
    .await
    .expect_problem(409, "label_exists");
    let (other, _) = app.board(&mia, "Other", &["X"]).await;
    let foreign = app
        .post(
            &format!("/api/v1/boards/{other}/labels"),
            Some(&mia.token),
            json!({"name": "Gifted", "color": "#2f9e44"}),
        )
        .await
        .expect(201)
        .str("/id");
    app.call(
        reqwest::Method::PUT,
        &format!("/api/v1/cards/{ada}/labels/{foreign}"),
        Some(&mia.token),
        None,
    )
    .await
    .expect_problem(422, "label_not_in_board");
    app.delete(&format!("/api/v1/labels/{gifted}"), &mia.token)
        .await
        .expect(204);
    let card = app
        .get(&format!("/api/v1/cards/{ada}"), &mia.token)
        .await
        .expect(200);
    assert_eq!(card.body["label_ids"], json!([]));
    let listed = app.get(&labels, &mia.token).await.expect(200);
    assert_eq!(listed.body.as_array().unwrap().len(), 1);
}

on_both_backends!(labels_are_managed_applied_and_filter_the_board);
