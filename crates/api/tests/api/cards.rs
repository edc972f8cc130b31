//! Cards: adding (one or many), one card per influencer per board, moves and their order.

use serde_json::json;

use crate::on_both_backends;
use crate::support::{Backend, TestApp};

fn strings(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| (*n).to_owned()).collect()
}

async fn one_card_per_influencer_per_board(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mia = app.signup("mia@example.com").await;
    let (board, columns) = app.board(&mia, "Launch", &["A", "B"]).await;
    let card = app
        .card(&mia, &board, &columns[0], "https://www.instagram.com/ada/")
        .await;
    let influencer = app
        .get(&format!("/api/v1/cards/{card}"), &mia.token)
        .await
        .str("/influencer_id");
    let path = format!("/api/v1/boards/{board}/cards");
    let duplicate = app
        .post(
            &path,
            Some(&mia.token),
            json!({"column_id": columns[1], "influencer_id": influencer}),
        )
        .await
        .expect_problem(409, "card_exists");
    assert_eq!(duplicate.str("/existing_id"), card);
    app.post(
        &path,
        Some(&mia.token),
        json!({"column_id": columns[1], "profile": "@ADA", "platform": "instagram"}),
    )
    .await
    .expect_problem(409, "card_exists");
    // The same influencer on another board is fine.
    let (other, other_columns) = app.board(&mia, "Other", &["X"]).await;
    app.post(
        &format!("/api/v1/boards/{other}/cards"),
        Some(&mia.token),
        json!({"column_id": other_columns[0], "influencer_id": influencer}),
    )
    .await
    .expect(201);
    app.post(
        &path,
        Some(&mia.token),
        json!({"column_id": other_columns[0], "profile": "instagram.com/new"}),
    )
    .await
    .expect_problem(422, "column_not_in_board");
    app.post(
        &path,
        Some(&mia.token),
        json!({"column_id": columns[0], "profile": "https://vm.tiktok.com/ZMabc/"}),
    )
    .await
    .expect_problem(422, "validation_failed");
    app.post(&path, Some(&mia.token), json!({"column_id": columns[0]}))
        .await
        .expect_problem(422, "validation_failed");
}

async fn many_influencers_are_added_with_a_result_each(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mia = app.signup("mia@example.com").await;
    let (board, columns) = app.board(&mia, "Launch", &["A"]).await;
    app.card(&mia, &board, &columns[0], "instagram.com/ada")
        .await;
    let reply = app
        .post(
            &format!("/api/v1/boards/{board}/cards/bulk"),
            Some(&mia.token),
            json!({"column_id": columns[0], "items": [
                {"profile": "tiktok.com/@sam"},
                {"profile": "instagram.com/ada"},
                {"profile": "https://www.instagram.com/p/Cx123/"},
                {"influencer_id": "01890000-0000-7000-8000-000000000000"},
                {"profile": "kai", "platform": "youtube"}
            ]}),
        )
        .await
        .expect(200);
    let statuses: Vec<&str> = reply.body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        ["added", "already_on_board", "invalid", "invalid", "added"]
    );
    assert_eq!(
        reply.body["results"][2]["error"]["field"],
        "items[2].profile"
    );
    assert_eq!(reply.body["results"][2]["error"]["code"], "not_a_profile");
    assert_eq!(reply.body["results"][3]["error"]["code"], "not_found");
    assert_eq!(
        app.board_order(&mia, &board).await,
        [("A".to_owned(), strings(&["ada", "sam", "@kai"]))]
    );
    let too_many: Vec<_> = (0..101)
        .map(|i| json!({"profile": format!("user{i}"), "platform": "instagram"}))
        .collect();
    app.post(
        &format!("/api/v1/boards/{board}/cards/bulk"),
        Some(&mia.token),
        json!({"column_id": columns[0], "items": too_many}),
    )
    .await
    .expect_problem(422, "validation_failed");
}

async fn cards_move_within_and_across_columns(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mia = app.signup("mia@example.com").await;
    let (board, columns) = app.board(&mia, "Launch", &["A", "B"]).await;
    let mut cards = Vec::new();
    for name in ["a1", "a2", "a3", "a4"] {
        cards.push(
            app.card(&mia, &board, &columns[0], &format!("instagram.com/{name}"))
                .await,
        );
    }
    let b1 = app
        .card(&mia, &board, &columns[1], "instagram.com/b1")
        .await;
    let positions_before: Vec<String> = futures_positions(&app, &mia.token, &cards).await;
    let moved = app
        .post(
            &format!("/api/v1/cards/{}/move", cards[3]),
            Some(&mia.token),
            json!({"before": cards[0]}),
        )
        .await
        .expect(200);
    assert_eq!(moved.body["column_id"], columns[0]);
    // One row written: the other cards kept their keys.
    let positions_after = futures_positions(&app, &mia.token, &cards).await;
    assert_eq!(positions_before[..3], positions_after[..3]);
    assert_eq!(
        app.board_order(&mia, &board).await[0].1,
        strings(&["a4", "a1", "a2", "a3"])
    );

    app.post(
        &format!("/api/v1/cards/{}/move", cards[0]),
        Some(&mia.token),
        json!({"column_id": columns[1], "after": b1}),
    )
    .await
    .expect(200);
    app.post(
        &format!("/api/v1/cards/{}/move", cards[1]),
        Some(&mia.token),
        json!({"column_id": columns[1], "before": b1}),
    )
    .await
    .expect(200);
    app.post(
        &format!("/api/v1/cards/{}/move", cards[2]),
        Some(&mia.token),
        json!({"column_id": columns[1]}),
    )
    .await
    .expect(200);
    app.post(
        &format!("/api/v1/cards/{}/move", cards[3]),
        Some(&mia.token),
        json!({"column_id": columns[1], "after": b1, "before": cards[0]}),
    )
    .await
    .expect(200);
    assert_eq!(
        app.board_order(&mia, &board).await,
        [
            ("A".to_owned(), vec![]),
            ("B".to_owned(), strings(&["a2", "b1", "a4", "a1", "a3"]))
        ]
    );

    let (_, other_columns) = app.board(&mia, "Other", &["X"]).await;
    app.post(
        &format!("/api/v1/cards/{b1}/move"),
        Some(&mia.token),
        json!({"column_id": other_columns[0]}),
    )
    .await
    .expect_problem(422, "column_not_in_board");
    app.post(
        &format!("/api/v1/cards/{b1}/move"),
        Some(&mia.token),
        json!({"column_id": columns[0], "before": cards[0]}),
    )
    .await
    .expect_problem(422, "card_not_in_column");
    app.post(
        &format!("/api/v1/cards/{b1}/move"),
        Some(&mia.token),
        json!({"before": b1}),
    )
    .await
    .expect_problem(422, "card_not_in_column");
    app.post(
        &format!("/api/v1/cards/{b1}/move"),
        Some(&mia.token),
        json!({"before": "01890000-0000-7000-8000-000000000000"}),
    )
    .await
    .expect_unknown("before");
}

async fn futures_positions(app: &TestApp, token: &str, cards: &[String]) -> Vec<String> {
    let mut positions = Vec::new();
    for card in cards {
        positions.push(
            app.get(&format!("/api/v1/cards/{card}"), token)
                .await
                .str("/position"),
        );
    }
    positions
}

async fn concurrent_moves_both_succeed_in_one_order(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mia = app.signup("mia@example.com").await;
    let (board, columns) = app.board(&mia, "Launch", &["A"]).await;
    let mut cards = Vec::new();
    for name in ["c1", "c2", "c3", "c4", "c5", "c6"] {
        cards.push(
            app.card(&mia, &board, &columns[0], &format!("instagram.com/{name}"))
                .await,
        );
    }
    // Two users put different cards into the same spot at once.
    for _ in 0..5 {
        let (first, second) = (
            format!("/api/v1/cards/{}/move", cards[4]),
            format!("/api/v1/cards/{}/move", cards[5]),
        );
        let (a, b) = tokio::join!(
            app.post(&first, Some(&mia.token), json!({"after": cards[0]})),
            app.post(&second, Some(&mia.token), json!({"after": cards[0]}))
        );
        assert_eq!((a.status.as_u16(), b.status.as_u16()), (200, 200));
        let order = app.board_order(&mia, &board).await[0].1.clone();
        assert_eq!(order.len(), 6);
        assert_eq!(order[0], "c1");
        let mut spot: Vec<&str> = order[1..3].iter().map(String::as_str).collect();
        spot.sort_unstable();
        assert_eq!(spot, ["c5", "c6"], "{order:?}");
        assert_eq!(
            order,
            app.board_order(&mia, &board).await[0].1,
            "everyone reads one order"
        );
    }
}

async fn removed_cards_are_gone_and_influencers_stay(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mia = app.signup("mia@example.com").await;
    let (board, columns) = app.board(&mia, "Launch", &["A"]).await;
    let card = app
        .card(&mia, &board, &columns[0], "instagram.com/ada")
        .await;
    let influencer = app
        .get(&format!("/api/v1/cards/{card}"), &mia.token)
        .await
        .str("/influencer_id");
    app.delete(&format!("/api/v1/cards/{card}"), &mia.token)
        .await
        .expect(204);
    app.get(&format!("/api/v1/cards/{card}"), &mia.token)
        .await
        .expect_problem(404, "not_found");
    app.delete(&format!("/api/v1/cards/{card}"), &mia.token)
        .await
        .expect_problem(404, "not_found");
    app.get(&format!("/api/v1/influencers/{influencer}"), &mia.token)
        .await
        .expect(200);
}

on_both_backends!(
    one_card_per_influencer_per_board,
    many_influencers_are_added_with_a_result_each,
    cards_move_within_and_across_columns,
    concurrent_moves_both_succeed_in_one_order,
    removed_cards_are_gone_and_influencers_stay,
);
