//! Boards and columns: create, list, read whole, rename, archive, delete; column order and deletion.

use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::{Backend, TestApp};

fn names(order: &[(String, Vec<String>)]) -> Vec<&str> {
    order.iter().map(|(name, _)| name.as_str()).collect()
}

async fn boards_are_created_listed_archived_and_deleted(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let owner = app.signup("owner@example.com").await;
    let member = app.add_member(&owner, "member@example.com", "member").await;
    let (board, columns) = app
        .board(
            &owner,
            "Summer launch",
            &["Contacted", "Negotiating", "Live"],
        )
        .await;
    app.card(&owner, &board, &columns[0], "instagram.com/ada")
        .await;
    let boards_path = format!("/api/v1/teams/{}/boards", owner.team_id);
    let list = app.get(&boards_path, &member.token).await.expect(200);
    assert_eq!(list.body["items"][0]["column_count"], 3);
    assert_eq!(list.body["items"][0]["card_count"], 1);

    let path = format!("/api/v1/boards/{board}");
    let renamed = app
        .patch(&path, &member.token, json!({"name": "Autumn launch"}))
        .await
        .expect(200);
    assert_eq!(renamed.body["name"], "Autumn launch");
    let archived = app
        .patch(&path, &member.token, json!({"archived": true}))
        .await
        .expect(200);
    assert!(archived.body["archived_at"].is_string());
    assert_eq!(
        app.get(&boards_path, &owner.token).await.body["items"],
        json!([])
    );
    let archived_list = app
        .get(&format!("{boards_path}?archived=true"), &owner.token)
        .await
        .expect(200);
    assert_eq!(archived_list.str("/items/0/id"), board);
    let restored = app
        .patch(&path, &owner.token, json!({"archived": false}))
        .await
        .expect(200);
    assert_eq!(restored.body["archived_at"], Value::Null);

    app.delete(&path, &member.token)
        .await
        .expect_problem(403, "forbidden");
    app.delete(&path, &owner.token).await.expect(204);
    app.get(&path, &owner.token)
        .await
        .expect_problem(404, "not_found");
    // The influencer stays.
    let influencers = app
        .get(
            &format!("/api/v1/teams/{}/influencers", owner.team_id),
            &owner.token,
        )
        .await;
    assert_eq!(influencers.body["items"].as_array().unwrap().len(), 1);
}

async fn the_whole_board_reads_in_one_response(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mia = app.signup("mia@example.com").await;
    let (board, columns) = app.board(&mia, "Launch", &["Contacted", "Live"]).await;
    app.card(&mia, &board, &columns[0], "instagram.com/ada")
        .await;
    app.card(&mia, &board, &columns[0], "tiktok.com/@sam").await;
    app.card(&mia, &board, &columns[1], "youtube.com/@KaiRuns")
        .await;
    let label = app
        .post(
            &format!("/api/v1/boards/{board}/labels"),
            Some(&mia.token),
            json!({"name": "Gifted", "color": "#2F9E44"}),
        )
        .await
        .expect(201);
    let view = app
        .get(&format!("/api/v1/boards/{board}"), &mia.token)
        .await
        .expect(200);
    assert_eq!(
        view.body["labels"],
        json!([{"id": label.str("/id"), "name": "Gifted", "color": "#2f9e44"}])
    );
    let first = &view.body["columns"][0]["cards"][0];
    assert_eq!(first["influencer"]["display_name"], "ada");
    assert_eq!(
        first["influencer"]["accounts"],
        json!([{"platform": "instagram", "handle": "ada"}])
    );
    assert_eq!(first["label_ids"], json!([]));
    assert!(
        first.get("board_id").is_none() && first.get("column_id").is_none(),
        "nothing the board says once"
    );
    assert_eq!(
        app.board_order(&mia, &board).await,
        [
            (
                "Contacted".to_owned(),
                vec!["ada".to_owned(), "sam".to_owned()]
            ),
            ("Live".to_owned(), vec!["@KaiRuns".to_owned()])
        ]
    );
}

async fn columns_are_placed_renamed_and_moved(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mia = app.signup("mia@example.com").await;
    let (board, columns) = app.board(&mia, "Launch", &["A", "C"]).await;
    let path = format!("/api/v1/boards/{board}/columns");
    app.post(
        &path,
        Some(&mia.token),
        json!({"name": "B", "after": columns[0]}),
    )
    .await
    .expect(201);
    app.post(
        &path,
        Some(&mia.token),
        json!({"name": "Start", "before": columns[0]}),
    )
    .await
    .expect(201);
    let end = app
        .post(&path, Some(&mia.token), json!({"name": "End"}))
        .await
        .expect(201)
        .str("/id");
    assert_eq!(
        names(&app.board_order(&mia, &board).await),
        ["Start", "A", "B", "C", "End"]
    );
    app.patch(
        &format!("/api/v1/columns/{end}"),
        &mia.token,
        json!({"name": "Done"}),
    )
    .await
    .expect(200);
    app.post(
        &format!("/api/v1/columns/{end}/move"),
        Some(&mia.token),
        json!({"before": columns[0]}),
    )
    .await
    .expect(200);
    assert_eq!(
        names(&app.board_order(&mia, &board).await),
        ["Start", "Done", "A", "B", "C"]
    );
    app.post(
        &format!("/api/v1/columns/{}/move", columns[0]),
        Some(&mia.token),
        json!({}),
    )
    .await
    .expect(200);
    assert_eq!(
        names(&app.board_order(&mia, &board).await),
        ["Start", "Done", "B", "C", "A"]
    );
    app.post(
        &format!("/api/v1/columns/{}/move", columns[0]),
        Some(&mia.token),
        json!({"after": columns[1], "before": end}),
    )
    .await
    .expect_problem(422, "invalid_placement");

    let (other, other_columns) = app.board(&mia, "Other", &["X"]).await;
    app.post(
        &format!("/api/v1/columns/{end}/move"),
        Some(&mia.token),
        json!({"after": other_columns[0]}),
    )
    .await
    .expect_problem(422, "column_not_in_board");
    app.post(
        &format!("/api/v1/boards/{other}/columns"),
        Some(&mia.token),
        json!({"name": "Y", "before": columns[1]}),
    )
    .await
    .expect_problem(422, "column_not_in_board");
    app.post(&path, Some(&mia.token), json!({"name": ""}))
        .await
        .expect_problem(422, "validation_failed");
    app.post(&path, Some(&mia.token), json!({"name": "x".repeat(101)}))
        .await
        .expect_problem(422, "validation_failed");
}

async fn deleting_a_column_with_cards_needs_a_decision(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mia = app.signup("mia@example.com").await;
    let (board, columns) = app.board(&mia, "Launch", &["A", "B", "C"]).await;
    app.card(&mia, &board, &columns[0], "instagram.com/ada")
        .await;
    app.card(&mia, &board, &columns[0], "instagram.com/sam")
        .await;
    app.card(&mia, &board, &columns[1], "instagram.com/kai")
        .await;
    let a = format!("/api/v1/columns/{}", columns[0]);
    app.delete(&a, &mia.token)
        .await
        .expect_problem(409, "column_not_empty");
    assert_eq!(app.board_order(&mia, &board).await.len(), 3, "nothing lost");
    app.delete(&format!("{a}?move_cards_to={}", columns[0]), &mia.token)
        .await
        .expect_problem(422, "column_not_in_board");
    app.delete(&format!("{a}?move_cards_to={}", columns[1]), &mia.token)
        .await
        .expect(204);
    assert_eq!(
        app.board_order(&mia, &board).await,
        [
            (
                "B".to_owned(),
                vec!["kai".to_owned(), "ada".to_owned(), "sam".to_owned()]
            ),
            ("C".to_owned(), vec![])
        ]
    );
    app.delete(
        &format!("/api/v1/columns/{}?delete_cards=true", columns[1]),
        &mia.token,
    )
    .await
    .expect(204);
    app.delete(&format!("/api/v1/columns/{}", columns[2]), &mia.token)
        .await
        .expect(204);
    assert_eq!(app.board_order(&mia, &board).await, []);
    let influencers = app
        .get(
            &format!("/api/v1/teams/{}/influencers", mia.team_id),
            &mia.token,
        )
        .await;
    assert_eq!(
        influencers.body["items"].as_array().unwrap().len(),
        3,
        "influencers stay"
    );
}

async fn repeated_board_reads_follow_every_change(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mia = app.signup("mia@example.com").await;
    let (board, columns) = app.board(&mia, "Launch", &["A"]).await;
    let card = app
        .card(&mia, &board, &columns[0], "instagram.com/ada")
        .await;
    let path = format!("/api/v1/boards/{board}");
    let read = || async { app.get(&path, &mia.token).await.expect(200).body };
    let first = read().await;
    assert_eq!(read().await, first, "an unchanged board reads the same");
    let influencer = app
        .get(&format!("/api/v1/cards/{card}"), &mia.token)
        .await
        .str("/influencer_id");
    app.patch(
        &format!("/api/v1/influencers/{influencer}"),
        &mia.token,
        json!({"display_name": "Ada L."}),
    )
    .await
    .expect(200);
    assert_eq!(
        read().await["columns"][0]["cards"][0]["influencer"]["display_name"],
        "Ada L."
    );
    app.post(
        &format!("/api/v1/influencers/{influencer}/accounts"),
        Some(&mia.token),
        json!({"profile": "tiktok.com/@ada"}),
    )
    .await
    .expect(201);
    assert_eq!(
        read().await["columns"][0]["cards"][0]["influencer"]["accounts"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    app.patch(
        &format!("/api/v1/columns/{}", columns[0]),
        &mia.token,
        json!({"name": "Contacted"}),
    )
    .await
    .expect(200);
    assert_eq!(read().await["columns"][0]["name"], "Contacted");
    let label = app
        .post(
            &format!("/api/v1/boards/{board}/labels"),
            Some(&mia.token),
            json!({"name": "Gifted", "color": "#000000"}),
        )
        .await
        .str("/id");
    app.call(
        reqwest::Method::PUT,
        &format!("/api/v1/cards/{card}/labels/{label}"),
        Some(&mia.token),
        None,
    )
    .await
    .expect(200);
    assert_eq!(
        read().await["columns"][0]["cards"][0]["label_ids"],
        json!([label])
    );
    app.patch(
        &format!("/api/v1/labels/{label}"),
        &mia.token,
        json!({"color": "#ffffff"}),
    )
    .await
    .expect(200);
    assert_eq!(read().await["labels"][0]["color"], "#ffffff");
    app.patch(&path, &mia.token, json!({"name": "Renamed"}))
        .await
        .expect(200);
    assert_eq!(read().await["name"], "Renamed");
    app.delete(&format!("/api/v1/influencers/{influencer}"), &mia.token)
        .await
        .expect(204);
    assert_eq!(read().await["columns"][0]["cards"], json!([]));
}

async fn dev_mode_seeds_a_demo_team_once(backend: Backend) {
    let app = TestApp::spawn_with(crate::support::TestDatabase::new(backend), &["--demo"]).await;
    let session = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({"email": "demo@rapport.localhost", "password": "demo-password"}),
        )
        .await
        .expect(200);
    let token = session.str("/access_token");
    let me = app.get("/api/v1/me", &token).await.expect(200);
    assert_eq!(me.body["teams"][0]["name"], "Demo Coffee Co.");
    let team = me.str("/teams/0/id");
    let boards = app
        .get(&format!("/api/v1/teams/{team}/boards"), &token)
        .await
        .expect(200);
    let counts: Vec<i64> = boards.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["card_count"].as_i64().unwrap())
        .collect();
    assert_eq!(counts, [7, 3]);
    let board = app
        .get(
            &format!("/api/v1/boards/{}", boards.str("/items/0/id")),
            &token,
        )
        .await
        .expect(200);
    assert_eq!(
        board.body["columns"][0]["cards"][0]["influencer"]["display_name"],
        "Ada Bakes"
    );
    assert_eq!(
        board.body["columns"][0]["cards"][0]["influencer"]["accounts"][0]["followers"],
        48_200
    );
    // Its analytics: a year of growth, recent posts; the board tracks #summerlaunch.
    let ada = board.str("/columns/0/cards/0/influencer/id");
    let insights = app
        .get(&format!("/api/v1/influencers/{ada}/insights"), &token)
        .await
        .expect(200);
    assert_eq!(insights.body["accounts"][0]["source"], "instagram");
    assert_eq!(
        insights.body["accounts"][0]["recent_posts"]
            .as_array()
            .unwrap()
            .len(),
        6
    );
    let account = insights.str("/accounts/0/account/id");
    let year = app
        .get(
            &format!("/api/v1/influencers/{ada}/accounts/{account}/snapshots?range=1y"),
            &token,
        )
        .await
        .expect(200);
    assert!(year.body["points"].as_array().unwrap().len() > 120);
    let content = app
        .get(
            &format!("/api/v1/boards/{}/content", boards.str("/items/0/id")),
            &token,
        )
        .await
        .expect(200);
    assert_eq!(content.body["tracking"]["hashtag"], "summerlaunch");
    assert_eq!(
        content.body["totals"]["posts"], 7,
        "one post of each of its influencers"
    );
    // The reminder due an hour ago has notified the demo account.
    let mut notified = false;
    for _ in 0..400 {
        let page = app.get("/api/v1/notifications", &token).await.expect(200);
        notified = page.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|item| item["kind"] == "reminder_due");
        if notified {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    assert!(notified, "the demo's due reminder notifies");
    // The network: 300 creators (a few hidden), three starred, one connected (a notification),
    // and the demo creator with the team's invitation waiting.
    let network = app
        .get(
            &format!("/api/v1/network/creators?team_id={team}&limit=1"),
            &token,
        )
        .await
        .expect(200);
    let total = network.body["total"].as_u64().unwrap();
    assert!((280..=301).contains(&total), "{total}");
    let favourites = app
        .get(&format!("/api/v1/teams/{team}/favourites"), &token)
        .await
        .expect(200);
    assert_eq!(favourites.body["items"].as_array().unwrap().len(), 3);
    let connections = app
        .get(&format!("/api/v1/teams/{team}/connections"), &token)
        .await
        .expect(200);
    assert_eq!(connections.body["items"].as_array().unwrap().len(), 1);
    let bell = app.get("/api/v1/notifications", &token).await.expect(200);
    assert!(bell.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|item| item["kind"] == "invite_accepted"));
    let creator = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({"email": "creator@rapport.localhost", "password": "demo-password"}),
        )
        .await
        .expect(200)
        .str("/access_token");
    let invites = app
        .get("/api/v1/creator/connection-invites", &creator)
        .await
        .expect(200);
    assert_eq!(invites.body["items"][0]["team"]["name"], "Demo Coffee Co.");
    // Their TikTok is verified, their Instagram waits for their login; some of the network's
    // creators verified theirs.
    let profile = app.get("/api/v1/creator", &creator).await.expect(200).body;
    let verified: Vec<(&str, bool)> = profile["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["platform"].as_str().unwrap(), a["verified"] == true))
        .collect();
    assert_eq!(verified, [("instagram", false), ("tiktok", true)]);
    let all = app
        .get(
            &format!("/api/v1/network/creators?team_id={team}&limit=100"),
            &token,
        )
        .await
        .expect(200);
    let verified_creators = all.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| {
            c["accounts"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["verified"] == true)
        })
        .count();
    assert!(verified_creators >= 3, "{verified_creators}");
    // A restart on the same database seeds nothing more.
    let database = app.stop().await;
    let again = TestApp::spawn_with(database, &["--demo"]).await;
    let boards = again
        .get(&format!("/api/v1/teams/{team}/boards"), &token)
        .await
        .expect(200);
    assert_eq!(boards.body["items"].as_array().unwrap().len(), 2);
}

on_both_backends!(
    dev_mode_seeds_a_demo_team_once,
    repeated_board_reads_follow_every_change,
    boards_are_created_listed_archived_and_deleted,
    the_whole_board_reads_in_one_response,
    columns_are_placed_renamed_and_moved,
    deleting_a_column_with_cards_needs_a_decision,
);
