//! The creator side: signing up as a creator, becoming one too, the profile, claimed accounts.

use serde_json::json;

use crate::on_both_backends;
use crate::support::{Backend, TestApp};

/// Signs up a creator; answers their access token.
async fn creator(app: &TestApp, email: &str, name: &str) -> String {
    let reply = app
        .post(
            "/api/v1/auth/signup",
            None,
            json!({"email": email, "password": "password-123", "name": name, "kind": "creator"}),
        )
        .await
        .expect(201);
    reply.str("/access_token")
}

async fn a_creator_signs_up_and_fills_their_profile(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = creator(&app, "mia@creators.example", "Mia Lens").await;
    let me = app.get("/api/v1/me", &token).await.expect(200);
    assert_eq!(me.body["teams"], json!([]), "a creator gets no team");
    let creator_id = me.str("/creator_id");

    let profile = app.get("/api/v1/creator", &token).await.expect(200);
    assert_eq!(profile.str("/id"), creator_id);
    assert_eq!(profile.body["display_name"], "Mia Lens");
    assert_eq!(profile.body["discoverable"], true);
    assert_eq!(profile.body["categories"], json!([]));

    let changed = app
        .patch(
            "/api/v1/creator",
            &token,
            json!({
                "bio": "Slow food, fast bikes.",
                "country": "fr",
                "city": "Lyon",
                "languages": ["fr", "EN"],
                "categories": ["food", "sports"],
                "discoverable": false,
            }),
        )
        .await
        .expect(200);
    assert_eq!(changed.body["country"], "FR");
    assert_eq!(changed.body["languages"], json!(["fr", "en"]));
    assert_eq!(changed.body["categories"], json!(["food", "sports"]));
    assert_eq!(changed.body["discoverable"], false);

    // Lists are replaced whole, in the order given; null clears.
    let again = app
        .patch(
            "/api/v1/creator",
            &token,
            json!({"categories": ["travel", "food"], "city": null}),
        )
        .await
        .expect(200);
    assert_eq!(again.body["categories"], json!(["travel", "food"]));
    assert_eq!(again.body["languages"], json!(["fr", "en"]), "left alone");
    assert!(again.body.get("city").is_none());
    assert_eq!(again.body["bio"], "Slow food, fast bikes.");

    let bad = app
        .patch(
            "/api/v1/creator",
            &token,
            json!({"country": "Atlantis", "languages": ["elvish"]}),
        )
        .await
        .expect_problem(422, "validation_failed");
    let fields: Vec<&str> = bad.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["country", "languages[0]"]);
    app.patch(
        "/api/v1/creator",
        &token,
        json!({"categories": ["knitting"]}),
    )
    .await
    .expect(422);
}

async fn accounts_are_claimed_once_in_the_network(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mia = creator(&app, "mia@creators.example", "Mia").await;
    let sam = creator(&app, "sam@creators.example", "Sam").await;
    let claimed = app
        .post(
            "/api/v1/creator/accounts",
            Some(&mia),
            json!({"profile": "https://www.instagram.com/Mia.Lens/", "followers": 48200}),
        )
        .await
        .expect(201);
    let account = &claimed.body["accounts"][0];
    assert_eq!(account["platform"], "instagram");
    assert_eq!(account["handle"], "mia.lens");
    assert_eq!(account["followers"], 48200);
    assert_eq!(account["self_reported"], true);
    let account_id = account["id"].as_str().unwrap().to_owned();

    app.post(
        "/api/v1/creator/accounts",
        Some(&sam),
        json!({"profile": "mia.lens", "platform": "instagram"}),
    )
    .await
    .expect_problem(409, "account_claimed");
    app.post(
        "/api/v1/creator/accounts",
        Some(&sam),
        json!({"profile": "mia.lens", "followers": -5}),
    )
    .await
    .expect_problem(422, "validation_failed");
    let tiktok = app
        .post(
            "/api/v1/creator/accounts",
            Some(&sam),
            json!({"profile": "tiktok.com/@sam.rides"}),
        )
        .await
        .expect(201);
    assert_eq!(tiktok.body["accounts"][0]["self_reported"], false);
    assert!(tiktok.body["accounts"][0].get("followers").is_none());

    // Someone else's account is not theirs to release: 404; released, it can be claimed again.
    app.delete(&format!("/api/v1/creator/accounts/{account_id}"), &sam)
        .await
        .expect_problem(404, "not_found");
    app.delete(&format!("/api/v1/creator/accounts/{account_id}"), &mia)
        .await
        .expect(204);
    let profile = app.get("/api/v1/creator", &mia).await.expect(200);
    assert_eq!(profile.body["accounts"], json!([]));
    app.post(
        "/api/v1/creator/accounts",
        Some(&sam),
        json!({"profile": "mia.lens", "platform": "instagram"}),
    )
    .await
    .expect(201);
}

async fn a_brand_member_becomes_a_creator_too(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mia = app.signup("mia@brand.example").await;
    app.get("/api/v1/creator", &mia.token)
        .await
        .expect_problem(404, "not_found");
    app.patch("/api/v1/creator", &mia.token, json!({"bio": "hi"}))
        .await
        .expect_problem(404, "not_found");
    let made = app
        .post("/api/v1/creator", Some(&mia.token), json!({}))
        .await
        .expect(201);
    assert_eq!(made.body["display_name"], "mia");
    app.post("/api/v1/creator", Some(&mia.token), json!({}))
        .await
        .expect_problem(409, "creator_exists");
    let me = app.get("/api/v1/me", &mia.token).await.expect(200);
    assert_eq!(me.str("/creator_id"), made.str("/id"));
    assert_eq!(me.str("/teams/0/id"), mia.team_id, "still in their team");
}

on_both_backends!(
    a_creator_signs_up_and_fills_their_profile,
    accounts_are_claimed_once_in_the_network,
    a_brand_member_becomes_a_creator_too,
);
