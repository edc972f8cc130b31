//! The network as brands see it: a creator's public profile, and a team's favourites.

use reqwest::Method;
use serde_json::json;

use crate::on_both_backends;
use crate::support::{Backend, TestApp};

/// Signs up a creator with a filled profile; answers (token, creator id).
pub(crate) async fn creator(app: &TestApp, email: &str, name: &str) -> (String, String) {
    let token = app
        .post(
            "/api/v1/auth/signup",
            None,
            json!({"email": email, "password": "password-123", "name": name, "kind": "creator"}),
        )
        .await
        .expect(201)
        .str("/access_token");
    let profile = app
        .patch(
            "/api/v1/creator",
            &token,
            json!({"country": "FR", "categories": ["food"], "languages": ["fr"]}),
        )
        .await
        .expect(200);
    (token, profile.str("/id"))
}

/// A new creator whom `brand`'s team invites and who accepts; answers (the creator's token, the
/// team's influencer id for them).
pub(crate) async fn connect_creator(
    app: &TestApp,
    brand: &crate::support::TestUser,
    email: &str,
    name: &str,
) -> (String, String) {
    let (token, id) = creator(app, email, name).await;
    let influencer = connect(app, brand, &token, &id).await;
    (token, influencer)
}

/// `brand`'s team invites the creator `id` (signed in with `token`), who accepts; answers the
/// team's influencer id for them.
pub(crate) async fn connect(
    app: &TestApp,
    brand: &crate::support::TestUser,
    token: &str,
    id: &str,
) -> String {
    let invite = app
        .post(
            &format!("/api/v1/teams/{}/connection-invites", brand.team_id),
            Some(&brand.token),
            json!({"creator_id": id}),
        )
        .await
        .expect(201)
        .str("/id");
    app.post(
        &format!("/api/v1/creator/connection-invites/{invite}/accept"),
        Some(token),
        json!({}),
    )
    .await
    .expect(200);
    let connections = app
        .get(
            &format!("/api/v1/teams/{}/connections", brand.team_id),
            &brand.token,
        )
        .await
        .expect(200);
    connections.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["creator"]["id"] == id)
        .and_then(|c| c["influencer_id"].as_str())
        .expect("the creator's influencer")
        .to_owned()
}

async fn brands_see_discoverable_creators_without_their_e_mail(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let brand = app.signup("mia@brand.example").await;
    let (mia, mia_id) = creator(&app, "mia.lens@creators.example", "Mia Lens").await;
    app.post(
        "/api/v1/creator/accounts",
        Some(&mia),
        json!({"profile": "instagram.com/mia.lens", "followers": 1200}),
    )
    .await
    .expect(201);
    let path = format!(
        "/api/v1/network/creators/{mia_id}?team_id={}",
        brand.team_id
    );
    let seen = app.get(&path, &brand.token).await.expect(200);
    assert_eq!(seen.body["display_name"], "Mia Lens");
    assert_eq!(seen.body["country"], "FR");
    assert_eq!(seen.body["accounts"][0]["handle"], "mia.lens");
    assert_eq!(seen.body["favourite"], false);
    let text = seen.body.to_string();
    assert!(
        !text.contains("creators.example"),
        "no e-mail address: {text}"
    );

    // Another team's id is not the caller's: 404. A hidden creator: 404.
    let other = app.signup("sam@other.example").await;
    app.get(
        &format!(
            "/api/v1/network/creators/{mia_id}?team_id={}",
            other.team_id
        ),
        &brand.token,
    )
    .await
    .expect_problem(404, "not_found");
    app.patch("/api/v1/creator", &mia, json!({"discoverable": false}))
        .await
        .expect(200);
    app.get(&path, &brand.token)
        .await
        .expect_problem(404, "not_found");
    app.get(&format!("/api/v1/network/creators/{mia_id}"), &brand.token)
        .await
        .expect(400);
}

async fn a_team_stars_creators_and_lists_them_newest_first(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let owner = app.signup("mia@brand.example").await;
    let teammate = app.add_member(&owner, "sam@brand.example", "member").await;
    let (_, ada) = creator(&app, "ada@creators.example", "Ada").await;
    let (kai_token, kai) = creator(&app, "kai@creators.example", "Kai").await;
    let (_, lu) = creator(&app, "lu@creators.example", "Lu").await;
    let team = &owner.team_id;
    for id in [&ada, &kai, &lu] {
        let starred = app
            .call(
                Method::PUT,
                &format!("/api/v1/teams/{team}/favourites/{id}"),
                Some(&owner.token),
                None,
            )
            .await
            .expect(200);
        assert_eq!(starred.body["favourite"], true);
    }
    // Starring twice changes nothing; the teammate sees the same list.
    app.call(
        Method::PUT,
        &format!("/api/v1/teams/{team}/favourites/{ada}"),
        Some(&teammate.token),
        None,
    )
    .await
    .expect(200);
    let first = app
        .get(
            &format!("/api/v1/teams/{team}/favourites?limit=2"),
            &teammate.token,
        )
        .await
        .expect(200);
    let names: Vec<&str> = first.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["display_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Lu", "Kai"]);
    let cursor = first.str("/next_cursor");
    let second = app
        .get(
            &format!("/api/v1/teams/{team}/favourites?limit=2&cursor={cursor}"),
            &teammate.token,
        )
        .await
        .expect(200);
    assert_eq!(second.body["items"][0]["display_name"], "Ada");
    assert_eq!(second.body["next_cursor"], serde_json::Value::Null);
    let viewed = app
        .get(
            &format!("/api/v1/network/creators/{kai}?team_id={team}"),
            &owner.token,
        )
        .await
        .expect(200);
    assert_eq!(viewed.body["favourite"], true);

    // A creator who hides leaves the list (and comes back when they show again).
    app.patch(
        "/api/v1/creator",
        &kai_token,
        json!({"discoverable": false}),
    )
    .await
    .expect(200);
    let all = app
        .get(&format!("/api/v1/teams/{team}/favourites"), &owner.token)
        .await
        .expect(200);
    assert_eq!(all.body["items"].as_array().unwrap().len(), 2);
    app.call(
        Method::PUT,
        &format!("/api/v1/teams/{team}/favourites/{kai}"),
        Some(&owner.token),
        None,
    )
    .await
    .expect_problem(404, "not_found");

    app.delete(
        &format!("/api/v1/teams/{team}/favourites/{lu}"),
        &owner.token,
    )
    .await
    .expect(204);
    app.delete(
        &format!("/api/v1/teams/{team}/favourites/{lu}"),
        &owner.token,
    )
    .await
    .expect_problem(404, "not_found");
    let outsider = app.signup("eve@else.example").await;
    app.get(&format!("/api/v1/teams/{team}/favourites"), &outsider.token)
        .await
        .expect_problem(404, "not_found");
    app.get(
        &format!("/api/v1/teams/{team}/favourites?cursor=nonsense"),
        &owner.token,
    )
    .await
    .expect_problem(400, "invalid_parameter");
}

on_both_backends!(
    brands_see_discoverable_creators_without_their_e_mail,
    a_team_stars_creators_and_lists_them_newest_first,
);
