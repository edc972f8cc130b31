//! Influencers: profiles from links and usernames, details, accounts, history.

use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::{Backend, TestApp};

async fn influencers_come_from_links_without_duplicates(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mia = app.signup("mia@example.com").await;
    let path = format!("/api/v1/teams/{}/influencers", mia.team_id);
    let created = app
        .post(
            &path,
            Some(&mia.token),
            json!({"profile": "https://www.instagram.com/Mia.Lens/?hl=en"}),
        )
        .await
        .expect(201);
    assert_eq!(created.body["display_name"], "mia.lens");
    assert_eq!(created.body["accounts"][0]["platform"], "instagram");
    assert_eq!(created.body["accounts"][0]["handle"], "mia.lens");
    assert_eq!(
        created.body["accounts"][0]["url"],
        "https://www.instagram.com/mia.lens/"
    );
    assert_eq!(
        created.body["accounts"][0]["followers"],
        Value::Null,
        "unknown until an integration fills it"
    );
    let id = created.str("/id");
    // The same account in another shape: the existing influencer, not a duplicate.
    let again = app
        .post(
            &path,
            Some(&mia.token),
            json!({"profile": "@MIA.LENS", "platform": "instagram"}),
        )
        .await
        .expect(200);
    assert_eq!(again.str("/id"), id);
    let named = app
        .post(
            &path,
            Some(&mia.token),
            json!({"profile": "youtube.com/@SamCooks", "display_name": "Sam Cooks"}),
        )
        .await
        .expect(201);
    assert_eq!(named.body["display_name"], "Sam Cooks");

    let reply = app
        .post(
            &path,
            Some(&mia.token),
            json!({"profile": "https://youtu.be/dQw4w9WgXcQ"}),
        )
        .await
        .expect_problem(422, "validation_failed");
    assert_eq!(reply.body["errors"][0]["field"], "profile");
    assert_eq!(reply.body["errors"][0]["code"], "not_a_profile");
    app.post(&path, Some(&mia.token), json!({"profile": "mia"}))
        .await
        .expect_problem(422, "validation_failed");
    app.post(&path, Some(&mia.token), json!({"profile": "tiktok.com/@x"}))
        .await
        .expect_problem(422, "validation_failed");

    let all = app.get(&path, &mia.token).await.expect(200);
    assert_eq!(all.body["items"].as_array().unwrap().len(), 2);
    let by_handle = app
        .get(&format!("{path}?q=LENS"), &mia.token)
        .await
        .expect(200);
    assert_eq!(by_handle.body["items"].as_array().unwrap().len(), 1);
    let by_name = app
        .get(&format!("{path}?q=cooks"), &mia.token)
        .await
        .expect(200);
    assert_eq!(by_name.str("/items/0/display_name"), "Sam Cooks");
    let nothing = app
        .get(&format!("{path}?q=%25"), &mia.token)
        .await
        .expect(200);
    assert_eq!(
        nothing.body["items"],
        json!([]),
        "wildcards are matched literally"
    );
    let first = app
        .get(&format!("{path}?limit=1"), &mia.token)
        .await
        .expect(200);
    let cursor = first.str("/next_cursor");
    let second = app
        .get(&format!("{path}?limit=1&cursor={cursor}"), &mia.token)
        .await
        .expect(200);
    assert_eq!(second.str("/items/0/display_name"), "Sam Cooks");
}

async fn details_are_edited_and_cleared(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mia = app.signup("mia@example.com").await;
    let created = app
        .post(
            &format!("/api/v1/teams/{}/influencers", mia.team_id),
            Some(&mia.token),
            json!({"profile": "tiktok.com/@ada.bakes"}),
        )
        .await
        .expect(201);
    let path = format!("/api/v1/influencers/{}", created.str("/id"));
    let updated = app
        .patch(
            &path,
            &mia.token,
            json!({
                "display_name": "Ada Bakes",
                "email": " Ada@Example.com ",
                "phone": "+372 5555 0101",
                "shipping_address": {"name": "Ada", "line1": "Pikk 1", "city": "Tallinn", "postal_code": "10123", "country": "EE"},
                "tags": ["baking", " Baking ", "vegan"]
            }),
        )
        .await
        .expect(200);
    assert_eq!(updated.body["email"], "ada@example.com");
    assert_eq!(updated.body["shipping_address"]["country"], "EE");
    assert_eq!(updated.body["shipping_address"]["line2"], Value::Null);
    assert_eq!(updated.body["tags"], json!(["baking", "vegan"]));
    let cleared = app
        .patch(&path, &mia.token, json!({"email": null, "phone": ""}))
        .await
        .expect(200);
    assert_eq!(cleared.body["email"], Value::Null);
    assert_eq!(cleared.body["phone"], Value::Null);
    assert_eq!(
        cleared.body["display_name"], "Ada Bakes",
        "untouched fields stay"
    );
    let bad = app
        .patch(
            &path,
            &mia.token,
            json!({"email": "nope", "phone": "call me", "shipping_address": {"country": "XX"}, "display_name": "\u{0}"}),
        )
        .await
        .expect_problem(422, "validation_failed");
    let fields: Vec<&str> = bad.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        ["display_name", "email", "phone", "shipping_address.country"]
    );
    let read = app.get(&path, &mia.token).await.expect(200);
    assert_eq!(
        read.body["display_name"], "Ada Bakes",
        "a refused update changes nothing"
    );
}

async fn accounts_are_added_and_removed(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mia = app.signup("mia@example.com").await;
    let team_path = format!("/api/v1/teams/{}/influencers", mia.team_id);
    let ada = app
        .post(
            &team_path,
            Some(&mia.token),
            json!({"profile": "instagram.com/ada"}),
        )
        .await
        .str("/id");
    let sam = app
        .post(
            &team_path,
            Some(&mia.token),
            json!({"profile": "instagram.com/sam"}),
        )
        .await
        .str("/id");
    let accounts = format!("/api/v1/influencers/{ada}/accounts");
    let added = app
        .post(
            &accounts,
            Some(&mia.token),
            json!({"profile": "https://www.tiktok.com/@ada/video/123"}),
        )
        .await
        .expect(201);
    assert_eq!(added.body["accounts"].as_array().unwrap().len(), 2);
    app.post(
        &accounts,
        Some(&mia.token),
        json!({"profile": "@ADA", "platform": "tiktok"}),
    )
    .await
    .expect(200);
    let taken = app
        .post(
            &accounts,
            Some(&mia.token),
            json!({"profile": "instagram.com/sam"}),
        )
        .await
        .expect_problem(409, "account_taken");
    assert_eq!(taken.str("/existing_id"), sam);
    let tiktok = added.str("/accounts/1/id");
    app.delete(&format!("{accounts}/{tiktok}"), &mia.token)
        .await
        .expect(204);
    let instagram = added.str("/accounts/0/id");
    app.delete(&format!("{accounts}/{instagram}"), &mia.token)
        .await
        .expect_problem(409, "last_account");
    app.delete(&format!("{accounts}/{tiktok}"), &mia.token)
        .await
        .expect_problem(404, "not_found");
}

async fn deleting_an_influencer_takes_everything_attached(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mia = app.signup("mia@example.com").await;
    let (board, columns) = app.board(&mia, "Launch", &["Contacted"]).await;
    let card = app
        .card(&mia, &board, &columns[0], "instagram.com/ada")
        .await;
    let influencer = app
        .get(&format!("/api/v1/cards/{card}"), &mia.token)
        .await
        .str("/influencer_id");
    app.post(
        &format!("/api/v1/influencers/{influencer}/notes"),
        Some(&mia.token),
        json!({"body": "hi"}),
    )
    .await
    .expect(201);
    app.delete(&format!("/api/v1/influencers/{influencer}"), &mia.token)
        .await
        .expect(204);
    app.get(&format!("/api/v1/influencers/{influencer}"), &mia.token)
        .await
        .expect_problem(404, "not_found");
    app.get(&format!("/api/v1/cards/{card}"), &mia.token)
        .await
        .expect_problem(404, "not_found");
    assert_eq!(
        app.board_order(&mia, &board).await,
        [("Contacted".to_owned(), vec![])]
    );
}

async fn every_change_is_in_the_history_newest_first(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mia = app.signup("mia@example.com").await;
    let (board, columns) = app.board(&mia, "Launch", &["Contacted", "Live"]).await;
    let card = app
        .card(&mia, &board, &columns[0], "instagram.com/ada")
        .await;
    let influencer = app
        .get(&format!("/api/v1/cards/{card}"), &mia.token)
        .await
        .str("/influencer_id");
    app.post(
        &format!("/api/v1/cards/{card}/move"),
        Some(&mia.token),
        json!({"column_id": columns[1]}),
    )
    .await
    .expect(200);
    app.patch(
        &format!("/api/v1/influencers/{influencer}"),
        &mia.token,
        json!({"tags": ["x"]}),
    )
    .await
    .expect(200);
    let history = app
        .get(
            &format!("/api/v1/influencers/{influencer}/activity"),
            &mia.token,
        )
        .await
        .expect(200);
    let kinds: Vec<&str> = history.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "influencer.updated",
            "card.moved",
            "card.added",
            "influencer.created"
        ]
    );
    assert_eq!(history.body["items"][0]["actor_name"], "mia");
    assert_eq!(history.body["items"][1]["data"]["from"], "Contacted");
    assert_eq!(history.body["items"][1]["data"]["to"], "Live");
    let page = app
        .get(
            &format!("/api/v1/influencers/{influencer}/activity?limit=3"),
            &mia.token,
        )
        .await
        .expect(200);
    let rest = app
        .get(
            &format!(
                "/api/v1/influencers/{influencer}/activity?cursor={}",
                page.str("/next_cursor")
            ),
            &mia.token,
        )
        .await
        .expect(200);
    assert_eq!(rest.body["items"][0]["kind"], "influencer.created");
}

on_both_backends!(
    influencers_come_from_links_without_duplicates,
    details_are_edited_and_cleared,
    accounts_are_added_and_removed,
    deleting_an_influencer_takes_everything_attached,
    every_change_is_in_the_history_newest_first,
);
