//! Exploring the network: filters, orders, facets, pages, and the index following every change.

use serde_json::{json, Value};

use crate::network::creator;
use crate::on_both_backends;
use crate::support::{Backend, TestApp};

fn names(body: &Value) -> Vec<String> {
    body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["display_name"].as_str().unwrap().to_owned())
        .collect()
}

fn facet(body: &Value, facet: &str, value: &str) -> u64 {
    body["facets"][facet]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["value"] == value)
        .map_or(0, |f| f["count"].as_u64().unwrap())
}

/// A creator with a profile and accounts (profile links with follower figures).
async fn seeded(
    app: &TestApp,
    name: &str,
    profile: Value,
    accounts: &[(&str, i64)],
) -> (String, String) {
    let local: String = name
        .to_lowercase()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let email = format!("{local}@creators.example");
    let (token, id) = creator(app, &email, name).await;
    app.patch("/api/v1/creator", &token, profile)
        .await
        .expect(200);
    for (link, followers) in accounts {
        app.post(
            "/api/v1/creator/accounts",
            Some(&token),
            json!({"profile": link, "followers": followers}),
        )
        .await
        .expect(201);
    }
    (token, id)
}

async fn brands_filter_sort_and_count_the_network(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let brand = app.signup("mia@brand.example").await;
    let (_, ada) = seeded(
        &app,
        "Ada Cooks",
        json!({"country": "FR", "categories": ["food"], "languages": ["fr", "en"],
               "bio": "Recettes de Provence", "city": "Marseille"}),
        &[
            ("instagram.com/ada.cooks", 12_000),
            ("tiktok.com/@adacooks", 250_000),
        ],
    )
    .await;
    seeded(
        &app,
        "Ben Lifts",
        json!({"country": "US", "categories": ["fitness", "wellness"], "languages": ["en"]}),
        &[("instagram.com/benlifts", 80_000)],
    )
    .await;
    seeded(
        &app,
        "Chloé Glow",
        json!({"country": "FR", "categories": ["beauty"], "languages": ["fr"]}),
        &[("youtube.com/@chloeglow", 3_000)],
    )
    .await;
    let (dan_token, _) = seeded(
        &app,
        "Dan Hidden",
        json!({"country": "FR", "categories": ["food"], "discoverable": false}),
        &[("instagram.com/danhidden", 1_000_000)],
    )
    .await;
    let explore =
        |query: &str| format!("/api/v1/network/creators?team_id={}{query}", brand.team_id);

    // No filter: the discoverable creators, largest audience first, every facet counted.
    let all = app.get(&explore(""), &brand.token).await.expect(200);
    assert_eq!(names(&all.body), ["Ada Cooks", "Ben Lifts", "Chloé Glow"]);
    assert_eq!(all.body["total"], 3);
    assert_eq!(facet(&all.body, "platforms", "instagram"), 2);
    assert_eq!(facet(&all.body, "countries", "FR"), 2);
    assert_eq!(facet(&all.body, "categories", "food"), 1);
    assert_eq!(
        all.body["facets"]["categories"].as_array().unwrap().len(),
        20
    );
    assert_eq!(all.body["items"][0]["favourite"], false);
    assert!(!all.body.to_string().contains("creators.example"));

    // A platform: ranked and ranged on that platform's accounts.
    let instagram = app
        .get(
            &explore("&platform=instagram&followers_min=50000"),
            &brand.token,
        )
        .await
        .expect(200);
    assert_eq!(names(&instagram.body), ["Ben Lifts"]);
    assert_eq!(facet(&instagram.body, "platforms", "tiktok"), 1);
    let two = app
        .get(
            &explore("&platform=youtube&platform=instagram&sort=newest"),
            &brand.token,
        )
        .await
        .expect(200);
    assert_eq!(names(&two.body), ["Chloé Glow", "Ben Lifts", "Ada Cooks"]);

    // Two filters and the facets they leave.
    let french_food = app
        .get(&explore("&country=FR&category=food"), &brand.token)
        .await
        .expect(200);
    assert_eq!(names(&french_food.body), ["Ada Cooks"]);
    assert_eq!(facet(&french_food.body, "categories", "beauty"), 1);
    assert_eq!(facet(&french_food.body, "countries", "US"), 0);
    let english = app
        .get(&explore("&language=en&followers_max=100000"), &brand.token)
        .await
        .expect(200);
    assert_eq!(names(&english.body), ["Ben Lifts"]);

    // Text: name, handle, bio or city, any case, every word.
    for (q, expected) in [
        ("provence", vec!["Ada Cooks"]),
        ("%40benlifts", vec!["Ben Lifts"]),
        ("CHLOÉ", vec!["Chloé Glow"]),
        ("marseille+ada", vec!["Ada Cooks"]),
        ("marseille+ben", vec![]),
    ] {
        let found = app
            .get(&explore(&format!("&q={q}")), &brand.token)
            .await
            .expect(200);
        assert_eq!(names(&found.body), expected, "q={q}");
    }

    // Pages: a cursor continues where the last page stopped.
    let first = app
        .get(&explore("&limit=2&sort=followers"), &brand.token)
        .await
        .expect(200);
    assert_eq!(names(&first.body), ["Ada Cooks", "Ben Lifts"]);
    assert_eq!(first.body["total"], 3);
    let cursor = first.str("/next_cursor");
    let second = app
        .get(&explore(&format!("&limit=2&cursor={cursor}")), &brand.token)
        .await
        .expect(200);
    assert_eq!(names(&second.body), ["Chloé Glow"]);
    assert!(second.body.get("next_cursor").is_none());

    // Stars show; a change is seen at once: Dan shows himself, Ada hides.
    app.call(
        reqwest::Method::PUT,
        &format!("/api/v1/teams/{}/favourites/{ada}", brand.team_id),
        Some(&brand.token),
        None,
    )
    .await
    .expect(200);
    app.patch("/api/v1/creator", &dan_token, json!({"discoverable": true}))
        .await
        .expect(200);
    let food = app
        .get(&explore("&category=food"), &brand.token)
        .await
        .expect(200);
    assert_eq!(names(&food.body), ["Dan Hidden", "Ada Cooks"]);
    assert_eq!(food.body["items"][1]["favourite"], true);
    app.patch("/api/v1/creator", &dan_token, json!({"country": "US"}))
        .await
        .expect(200);
    let american = app
        .get(&explore("&country=US"), &brand.token)
        .await
        .expect(200);
    assert_eq!(names(&american.body), ["Dan Hidden", "Ben Lifts"]);
}

async fn bad_filters_are_refused_and_teams_are_checked(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let brand = app.signup("mia@brand.example").await;
    let team = &brand.team_id;
    for query in [
        "&platform=myspace",
        "&country=ZZ",
        "&category=knitting",
        "&language=xx",
        "&followers_min=-5",
        "&engagement_min=2",
        "&sort=oldest",
        "&limit=0",
        "&cursor=nonsense",
        "&followers_min=many",
    ] {
        app.get(
            &format!("/api/v1/network/creators?team_id={team}{query}"),
            &brand.token,
        )
        .await
        .expect_problem(400, "invalid_parameter");
    }
    app.get("/api/v1/network/creators", &brand.token)
        .await
        .expect_problem(400, "invalid_parameter");
    let other = app.signup("sam@other.example").await;
    app.get(
        &format!("/api/v1/network/creators?team_id={}", other.team_id),
        &brand.token,
    )
    .await
    .expect_problem(404, "not_found");
    app.call(
        reqwest::Method::GET,
        &format!("/api/v1/network/creators?team_id={team}"),
        None,
        None,
    )
    .await
    .expect_problem(401, "unauthorized");
}

/// Two servers on one database, each with its own search index: a change made through one is
/// seen by the next explore on the other.
async fn every_instance_sees_every_change(backend: Backend) {
    let database = crate::support::TestDatabase::new(backend);
    let second = database.shared();
    let one = TestApp::spawn_with(database, &[]).await;
    let two = TestApp::spawn_with(second, &[]).await;
    let brand = one.signup("mia@brand.example").await;
    let (ada, _) = seeded(
        &two,
        "Ada Cooks",
        json!({"country": "FR", "categories": ["food"]}),
        &[("instagram.com/ada.cooks", 12_000)],
    )
    .await;
    let explore =
        |query: &str| format!("/api/v1/network/creators?team_id={}{query}", brand.team_id);
    let french = one
        .get(&explore("&country=FR"), &brand.token)
        .await
        .expect(200);
    assert_eq!(names(&french.body), ["Ada Cooks"]);
    two.patch("/api/v1/creator", &ada, json!({"country": "BE"}))
        .await
        .expect(200);
    let french = one
        .get(&explore("&country=FR"), &brand.token)
        .await
        .expect(200);
    assert!(names(&french.body).is_empty());
    let belgian = one
        .get(&explore("&country=BE"), &brand.token)
        .await
        .expect(200);
    assert_eq!(names(&belgian.body), ["Ada Cooks"]);
    two.patch("/api/v1/creator", &ada, json!({"discoverable": false}))
        .await
        .expect(200);
    let all = one.get(&explore(""), &brand.token).await.expect(200);
    assert_eq!(all.body["total"], 0);
    let _ = two.stop().await;
}

on_both_backends!(
    every_instance_sees_every_change,
    brands_filter_sort_and_count_the_network,
    bad_filters_are_refused_and_teams_are_checked,
);
