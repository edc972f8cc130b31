//! Invitations to connect, connections, and notifications, on both backends; expiry and the
//! decline cooldown with the server's clock moved forward.

use chrono::Duration;
use reqwest::Method;
use serde_json::{json, Value};

use crate::network::creator;
use crate::on_both_backends;
use crate::support::smtp::{Behaviour, SmtpServer};
use crate::support::{connect_tokens, Backend, TestApp, TestDatabase, TestUser};

/// A creator with an Instagram account; answers (token, creator id).
async fn ada(app: &TestApp) -> (String, String) {
    let (token, id) = creator(app, "ada@creators.example", "Ada Cooks").await;
    app.post(
        "/api/v1/creator/accounts",
        Some(&token),
        json!({"profile": "instagram.com/ada.cooks", "followers": 12000}),
    )
    .await
    .expect(201);
    (token, id)
}

/// `by` invites the creator on behalf of `team`.
async fn invite_as(
    app: &TestApp,
    by: &TestUser,
    team: &str,
    creator: &str,
    message: Option<&str>,
) -> Value {
    app.post(
        &format!("/api/v1/teams/{team}/connection-invites"),
        Some(&by.token),
        json!({"creator_id": creator, "message": message}),
    )
    .await
    .expect(201)
    .body
}

/// The brand's owner invites the creator for the brand's team.
async fn invite(app: &TestApp, brand: &TestUser, creator: &str, message: Option<&str>) -> Value {
    invite_as(app, brand, &brand.team_id, creator, message).await
}

async fn notifications(app: &TestApp, token: &str) -> Value {
    app.get("/api/v1/notifications", token)
        .await
        .expect(200)
        .body
}

fn items(body: &Value) -> &Vec<Value> {
    body["items"].as_array().unwrap()
}

async fn a_brand_invites_and_the_creator_accepts_in_the_app(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let brand = app.signup("mia@brand.example").await;
    let teammate = app.add_member(&brand, "sam@brand.example", "member").await;
    let (ada_token, ada_id) = ada(&app).await;
    let sent = invite_as(
        &app,
        &teammate,
        &brand.team_id,
        &ada_id,
        Some("  Loved your recipes!  "),
    )
    .await;
    assert_eq!(sent["status"], "pending");
    assert_eq!(sent["message"], "Loved your recipes!");
    assert_eq!(sent["creator"]["display_name"], "Ada Cooks");
    assert!(
        !sent.to_string().contains("creators.example"),
        "no e-mail before connecting"
    );
    let invite_id = sent["id"].as_str().unwrap().to_owned();

    // The team sees it pending, and explore shows the clock.
    let pending = app
        .get(
            &format!("/api/v1/teams/{}/connection-invites", brand.team_id),
            &brand.token,
        )
        .await
        .expect(200);
    assert_eq!(items(&pending.body).len(), 1);
    assert_eq!(pending.body["items"][0]["invited_by_name"], "sam");
    let explored = app
        .get(
            &format!("/api/v1/network/creators?team_id={}", brand.team_id),
            &brand.token,
        )
        .await
        .expect(200);
    assert_eq!(explored.body["items"][0]["invite_id"], invite_id.as_str());

    // The creator: a mail, a notification, the invitation in the app.
    let mail = app.wait_for_mail("ada@creators.example").await;
    assert_eq!(
        mail["subject"],
        "mia's team wants to connect with you on Rapport"
    );
    let bell = notifications(&app, &ada_token).await;
    assert_eq!(bell["unread"], 1);
    assert_eq!(bell["items"][0]["kind"], "connection_invite");
    assert_eq!(bell["items"][0]["invite_id"], invite_id.as_str());
    let received = app
        .get("/api/v1/creator/connection-invites", &ada_token)
        .await
        .expect(200);
    assert_eq!(
        received.body["items"][0]["team"]["id"],
        brand.team_id.as_str()
    );
    assert_eq!(received.body["items"][0]["message"], "Loved your recipes!");

    // Another creator cannot act on it; the team cannot accept for the creator.
    let (other_token, _) = creator(&app, "eve@creators.example", "Eve").await;
    app.post(
        &format!("/api/v1/creator/connection-invites/{invite_id}/accept"),
        Some(&other_token),
        json!({}),
    )
    .await
    .expect_problem(404, "not_found");
    app.post(
        &format!("/api/v1/creator/connection-invites/{invite_id}/accept"),
        Some(&brand.token),
        json!({}),
    )
    .await
    .expect_problem(404, "not_found");

    let connection = app
        .post(
            &format!("/api/v1/creator/connection-invites/{invite_id}/accept"),
            Some(&ada_token),
            json!({}),
        )
        .await
        .expect(200);
    assert_eq!(connection.body["team"]["id"], brand.team_id.as_str());
    app.post(
        &format!("/api/v1/creator/connection-invites/{invite_id}/accept"),
        Some(&ada_token),
        json!({}),
    )
    .await
    .expect_problem(409, "invite_not_pending");

    // The team: the connection with the e-mail address, an influencer with the account, a
    // notification for every member.
    let connected = app
        .get(
            &format!("/api/v1/teams/{}/connections", brand.team_id),
            &brand.token,
        )
        .await
        .expect(200);
    let first = &connected.body["items"][0];
    assert_eq!(first["email"], "ada@creators.example");
    assert_eq!(first["creator"]["id"], ada_id.as_str());
    let influencer_id = first["influencer_id"].as_str().unwrap();
    // The creator never sees the team's side: its influencer (notes, labels...), its boards.
    app.get(&format!("/api/v1/influencers/{influencer_id}"), &ada_token)
        .await
        .expect_problem(404, "not_found");
    app.get(
        &format!("/api/v1/teams/{}/boards", brand.team_id),
        &ada_token,
    )
    .await
    .expect_problem(404, "not_found");
    let influencer = app
        .get(
            &format!("/api/v1/influencers/{influencer_id}"),
            &brand.token,
        )
        .await
        .expect(200);
    assert_eq!(influencer.body["display_name"], "Ada Cooks");
    assert_eq!(influencer.body["email"], "ada@creators.example");
    assert_eq!(influencer.body["accounts"][0]["handle"], "ada.cooks");
    for member in [&brand, &teammate] {
        let bell = notifications(&app, &member.token).await;
        assert_eq!(bell["unread"], 1);
        assert_eq!(bell["items"][0]["kind"], "invite_accepted");
        assert_eq!(
            bell["items"][0]["text"],
            "Ada Cooks accepted your invitation to connect"
        );
    }
    let explored = app
        .get(
            &format!(
                "/api/v1/network/creators/{ada_id}?team_id={}",
                brand.team_id
            ),
            &brand.token,
        )
        .await
        .expect(200);
    assert!(explored.body.get("invite_id").is_none());
    assert_eq!(explored.body["connection_id"], first["id"]);
    app.post(
        &format!("/api/v1/teams/{}/connection-invites", brand.team_id),
        Some(&brand.token),
        json!({"creator_id": ada_id}),
    )
    .await
    .expect_problem(409, "already_connected");

    // A hidden creator keeps their connections; the creator ends it, the team is told.
    app.patch(
        "/api/v1/creator",
        &ada_token,
        json!({"discoverable": false}),
    )
    .await
    .expect(200);
    let still = app
        .get(
            &format!("/api/v1/teams/{}/connections", brand.team_id),
            &brand.token,
        )
        .await
        .expect(200);
    assert_eq!(items(&still.body).len(), 1);
    let mine = app
        .get("/api/v1/creator/connections", &ada_token)
        .await
        .expect(200);
    let connection_id = mine.body["items"][0]["id"].as_str().unwrap().to_owned();
    app.delete(
        &format!("/api/v1/creator/connections/{connection_id}"),
        &other_token,
    )
    .await
    .expect_problem(404, "not_found");
    app.delete(
        &format!("/api/v1/creator/connections/{connection_id}"),
        &ada_token,
    )
    .await
    .expect(204);
    let gone = app
        .get(
            &format!("/api/v1/teams/{}/connections", brand.team_id),
            &brand.token,
        )
        .await
        .expect(200);
    assert!(items(&gone.body).is_empty());
    let bell = notifications(&app, &brand.token).await;
    assert_eq!(bell["items"][0]["kind"], "connection_ended");
    assert_eq!(bell["unread"], 2);

    // Read markers: one, then all; someone else's is 404.
    let newest = bell["items"][0]["id"].as_str().unwrap().to_owned();
    app.post(
        &format!("/api/v1/notifications/{newest}/read"),
        Some(&brand.token),
        json!({}),
    )
    .await
    .expect(204);
    assert_eq!(notifications(&app, &brand.token).await["unread"], 1);
    app.post(
        &format!("/api/v1/notifications/{newest}/read"),
        Some(&ada_token),
        json!({}),
    )
    .await
    .expect_problem(404, "not_found");
    app.post("/api/v1/notifications/read", Some(&brand.token), json!({}))
        .await
        .expect(204);
    let read = notifications(&app, &brand.token).await;
    assert_eq!(read["unread"], 0);
    assert!(items(&read).iter().all(|n| n["read"] == true));
}

async fn accepting_links_the_influencer_the_team_already_has(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let brand = app.signup("mia@brand.example").await;
    let existing = app
        .post(
            &format!("/api/v1/teams/{}/influencers", brand.team_id),
            Some(&brand.token),
            json!({"display_name": "Ada (from our list)", "profile": "https://www.instagram.com/Ada.Cooks/"}),
        )
        .await
        .expect(201)
        .str("/id");
    let (ada_token, ada_id) = ada(&app).await;
    let invite_id = invite(&app, &brand, &ada_id, None).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.post(
        &format!("/api/v1/creator/connection-invites/{invite_id}/accept"),
        Some(&ada_token),
        json!({}),
    )
    .await
    .expect(200);
    let connected = app
        .get(
            &format!("/api/v1/teams/{}/connections", brand.team_id),
            &brand.token,
        )
        .await
        .expect(200);
    assert_eq!(
        connected.body["items"][0]["influencer_id"],
        existing.as_str()
    );
    let all = app
        .get(
            &format!("/api/v1/teams/{}/influencers", brand.team_id),
            &brand.token,
        )
        .await
        .expect(200);
    assert_eq!(items(&all.body).len(), 1, "no duplicate: {:#}", all.body);
}

async fn mail_links_show_on_get_and_decide_only_on_post(database: TestDatabase) {
    let smtp = SmtpServer::start(Behaviour::Accept);
    let url = format!("smtp://127.0.0.1:{}", smtp.port);
    let app = TestApp::spawn_with(
        database,
        &[
            "--smtp-url",
            &url,
            "--mail-from",
            "Rapport <team@rapport.test>",
        ],
    )
    .await;
    let brand = app.signup("mia@brand.example").await;
    let (ada_token, ada_id) = ada(&app).await;
    invite(&app, &brand, &ada_id, Some("Hello Ada")).await;
    let received = smtp.wait_for(1).await;
    assert_eq!(received[0]["to"], json!(["ada@creators.example"]));
    let text = received[0]["text"].as_str().unwrap();
    assert!(text.contains("> Hello Ada"), "{text}");
    let (accept, decline) = connect_tokens(text);

    // Following either link (as scanners and previews do) changes nothing.
    for token in [&accept, &decline, &accept] {
        let shown = app
            .call(
                Method::GET,
                &format!("/api/v1/connection-links/{token}"),
                None,
                None,
            )
            .await
            .expect(200);
        assert_eq!(shown.body["invite"]["status"], "pending");
        assert_eq!(shown.body["creator_name"], "Ada Cooks");
    }
    let shown = app
        .call(
            Method::GET,
            &format!("/api/v1/connection-links/{decline}"),
            None,
            None,
        )
        .await
        .expect(200);
    assert_eq!(shown.body["decision"], "decline");
    assert_eq!(shown.body["invite"]["message"], "Hello Ada");
    let received = app
        .get("/api/v1/creator/connection-invites", &ada_token)
        .await
        .expect(200);
    assert_eq!(items(&received.body).len(), 1);

    // Confirming decides, without signing in; each link works once, and only one decision wins.
    let decided = app
        .call(
            Method::POST,
            &format!("/api/v1/connection-links/{decline}"),
            None,
            None,
        )
        .await
        .expect(200);
    assert_eq!(decided.body["invite"]["status"], "declined");
    for token in [&accept, &decline] {
        app.call(
            Method::POST,
            &format!("/api/v1/connection-links/{token}"),
            None,
            None,
        )
        .await
        .expect_problem(409, "invite_not_pending");
    }
    app.call(
        Method::GET,
        "/api/v1/connection-links/not-a-token",
        None,
        None,
    )
    .await
    .expect_problem(404, "not_found");
    let bell = notifications(&app, &brand.token).await;
    assert_eq!(bell["items"][0]["kind"], "invite_declined");

    // Declined: not again for 30 days (the server's clock moves; nothing sleeps).
    let again = app
        .post(
            &format!("/api/v1/teams/{}/connection-invites", brand.team_id),
            Some(&brand.token),
            json!({"creator_id": ada_id}),
        )
        .await
        .expect_problem(409, "declined_recently");
    assert!(again.body["detail"].as_str().unwrap().contains("UTC"));
    app.clock.advance(Duration::days(29));
    app.post(
        &format!("/api/v1/teams/{}/connection-invites", brand.team_id),
        Some(&brand.token),
        json!({"creator_id": ada_id}),
    )
    .await
    .expect_problem(409, "declined_recently");
    app.clock.advance(Duration::days(1) + Duration::seconds(1));
    invite(&app, &brand, &ada_id, None).await;
    let second = smtp.wait_for(2).await;
    let (accept, _) = connect_tokens(second[1]["text"].as_str().unwrap());
    let accepted = app
        .call(
            Method::POST,
            &format!("/api/v1/connection-links/{accept}"),
            None,
            None,
        )
        .await
        .expect(200);
    assert_eq!(accepted.body["invite"]["status"], "accepted");
    let connected = app
        .get("/api/v1/creator/connections", &ada_token)
        .await
        .expect(200);
    assert_eq!(items(&connected.body).len(), 1);
}

async fn mail_links_over_smtp(backend: Backend) {
    mail_links_show_on_get_and_decide_only_on_post(TestDatabase::new(backend)).await;
}

async fn pending_invites_expire_after_30_days_and_can_be_revoked(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let brand = app.signup("mia@brand.example").await;
    let (ada_token, ada_id) = ada(&app).await;
    let first = invite(&app, &brand, &ada_id, None).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.post(
        &format!("/api/v1/teams/{}/connection-invites", brand.team_id),
        Some(&brand.token),
        json!({"creator_id": ada_id}),
    )
    .await
    .expect_problem(409, "invite_pending");
    let outsider = app.signup("eve@other.example").await;
    app.delete(
        &format!(
            "/api/v1/teams/{}/connection-invites/{first}",
            outsider.team_id
        ),
        &outsider.token,
    )
    .await
    .expect_problem(404, "not_found");
    app.delete(
        &format!("/api/v1/teams/{}/connection-invites/{first}", brand.team_id),
        &brand.token,
    )
    .await
    .expect(204);
    app.delete(
        &format!("/api/v1/teams/{}/connection-invites/{first}", brand.team_id),
        &brand.token,
    )
    .await
    .expect_problem(409, "invite_not_pending");
    app.post(
        &format!("/api/v1/creator/connection-invites/{first}/accept"),
        Some(&ada_token),
        json!({}),
    )
    .await
    .expect_problem(409, "invite_not_pending");

    // A new invitation expires unanswered after 30 days, and another may then be sent.
    let second = invite(&app, &brand, &ada_id, None).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.clock.advance(Duration::days(30) - Duration::seconds(5));
    let received = app
        .get("/api/v1/creator/connection-invites", &ada_token)
        .await
        .expect(200);
    assert_eq!(items(&received.body).len(), 1);
    app.clock.advance(Duration::seconds(10));
    let received = app
        .get("/api/v1/creator/connection-invites", &ada_token)
        .await
        .expect(200);
    assert!(items(&received.body).is_empty());
    let pending = app
        .get(
            &format!("/api/v1/teams/{}/connection-invites", brand.team_id),
            &brand.token,
        )
        .await
        .expect(200);
    assert!(items(&pending.body).is_empty());
    app.post(
        &format!("/api/v1/creator/connection-invites/{second}/decline"),
        Some(&ada_token),
        json!({}),
    )
    .await
    .expect_problem(409, "invite_not_pending");
    invite(&app, &brand, &ada_id, None).await;
}

async fn a_team_sends_at_most_its_daily_limit(backend: Backend) {
    let app = TestApp::spawn_with(
        TestDatabase::new(backend),
        &["--connection-invites-per-day", "2"],
    )
    .await;
    let brand = app.signup("mia@brand.example").await;
    let mut creators = Vec::new();
    for name in ["Ada", "Ben", "Cleo"] {
        let email = format!("{}@creators.example", name.to_lowercase());
        creators.push(creator(&app, &email, name).await.1);
    }
    invite(&app, &brand, &creators[0], None).await;
    app.clock.advance(Duration::hours(1));
    invite(&app, &brand, &creators[1], None).await;
    let refused = app
        .post(
            &format!("/api/v1/teams/{}/connection-invites", brand.team_id),
            Some(&brand.token),
            json!({"creator_id": creators[2]}),
        )
        .await
        .expect_problem(429, "rate_limited");
    // The first invitation leaves the 24-hour window in 23 hours.
    let wait: i64 = refused.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((23 * 3600 - 5..=23 * 3600).contains(&wait), "{wait}");
    app.clock
        .advance(Duration::hours(23) + Duration::seconds(1));
    invite(&app, &brand, &creators[2], None).await;
}

async fn invitations_follow_the_rules(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let brand = app.signup("mia@brand.example").await;
    let (ada_token, ada_id) = ada(&app).await;
    let path = format!("/api/v1/teams/{}/connection-invites", brand.team_id);
    app.post(
        &path,
        Some(&brand.token),
        json!({"creator_id": ada_id, "message": "x".repeat(1001)}),
    )
    .await
    .expect_problem(422, "validation_failed");
    app.post(&path, Some(&brand.token), json!({"creator_id": brand.id}))
        .await
        .expect_unknown("creator_id");
    let outsider = app.signup("eve@other.example").await;
    app.post(&path, Some(&outsider.token), json!({"creator_id": ada_id}))
        .await
        .expect_problem(404, "not_found");
    app.patch(
        "/api/v1/creator",
        &ada_token,
        json!({"discoverable": false}),
    )
    .await
    .expect(200);
    app.post(&path, Some(&brand.token), json!({"creator_id": ada_id}))
        .await
        .expect_unknown("creator_id");
    // A brand user without a creator profile has no creator side.
    app.get("/api/v1/creator/connection-invites", &brand.token)
        .await
        .expect_problem(404, "not_found");
    app.get("/api/v1/creator/connections", &brand.token)
        .await
        .expect_problem(404, "not_found");
    app.get(
        &format!("/api/v1/teams/{}/connections", brand.team_id),
        &outsider.token,
    )
    .await
    .expect_problem(404, "not_found");
}

on_both_backends!(
    a_brand_invites_and_the_creator_accepts_in_the_app,
    accepting_links_the_influencer_the_team_already_has,
    mail_links_over_smtp,
    pending_invites_expire_after_30_days_and_can_be_revoked,
    a_team_sends_at_most_its_daily_limit,
    invitations_follow_the_rules,
);
