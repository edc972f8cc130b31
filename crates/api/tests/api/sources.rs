//! Data sources on both backends: uploading a list (what it held, who matched and why, replaced
//! by name, refused when unreadable with nothing stored), only keyed hashes of contacts kept, the
//! Influencers tab (matches with the source's words, dismissing), disconnecting, and access.

use diesel::RunQueryDsl;
use reqwest::Method;
use serde_json::{json, Value};

use crate::network::creator;
use crate::on_both_backends;
use crate::support::{read_reply, Backend, Reply, TestApp, TestUser};

async fn upload(app: &TestApp, user: &TestUser, name: &str, file: &[u8]) -> Reply {
    let response = app
        .client
        .post(format!(
            "{}/api/v1/teams/{}/sources/csv",
            app.address, user.team_id
        ))
        .query(&[("name", name)])
        .bearer_auth(&user.token)
        .header("content-type", "text/csv")
        .body(file.to_vec())
        .send()
        .await
        .expect("the upload is answered");
    read_reply(response).await
}

async fn influencer(app: &TestApp, user: &TestUser, profile: &str, email: Option<&str>) -> String {
    let id = app
        .post(
            &format!("/api/v1/teams/{}/influencers", user.team_id),
            Some(&user.token),
            json!({"profile": profile}),
        )
        .await
        .expect(201)
        .str("/id");
    if let Some(email) = email {
        app.patch(
            &format!("/api/v1/influencers/{id}"),
            &user.token,
            json!({"email": email}),
        )
        .await
        .expect(200);
    }
    id
}

async fn matches(app: &TestApp, user: &TestUser) -> Vec<Value> {
    app.get(
        &format!("/api/v1/teams/{}/source-matches", user.team_id),
        &user.token,
    )
    .await
    .expect(200)
    .body
    .as_array()
    .unwrap()
    .clone()
}

async fn sources_of(app: &TestApp, user: &TestUser) -> Value {
    app.get(
        &format!("/api/v1/teams/{}/sources", user.team_id),
        &user.token,
    )
    .await
    .expect(200)
    .body
}

const LIST: &str = "Customer ID;Email;Instagram\n\
    1;Ada@Creators.example ;\n\
    2;zoe@paints.example;\n\
    3;not-an-email;\n\
    4;ada@creators.example;\n\
    5;stranger@nowhere.example;@kai.runs\n\
    6;;\n";

async fn a_list_finds_creators_and_influencers(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let brand = app.signup("mia@brand.example").await;
    let (_, ada) = creator(&app, "ada@creators.example", "Ada Cooks").await;
    let zoe = influencer(
        &app,
        &brand,
        "tiktok.com/@zoe.paints",
        Some("zoe@paints.example"),
    )
    .await;
    let kai = influencer(&app, &brand, "instagram.com/kai.runs", None).await;

    let report = upload(&app, &brand, "VIP customers", LIST.as_bytes())
        .await
        .expect(200)
        .body;
    assert_eq!(report["email_column"], "Email");
    assert_eq!(
        (
            &report["rows"],
            &report["valid"],
            &report["duplicates"],
            &report["invalid"]
        ),
        (&json!(6), &json!(3), &json!(1), &json!(2))
    );
    assert_eq!(
        report["first_invalid"],
        json!([
            {"line": 4, "reason": "\"not-an-email\" is not an e-mail address"},
            {"line": 7, "reason": "no e-mail address"}
        ])
    );
    assert_eq!(report["matches"], 3);
    assert_eq!(report["source"]["kind"], "csv");
    assert_eq!(report["source"]["updates_itself"], false);
    assert_eq!(report["source"]["contacts"], 3);

    // The Influencers tab: who, matched by what, in the source's words.
    let mut found: Vec<(String, String, String)> = matches(&app, &brand)
        .await
        .iter()
        .map(|m| {
            let who = m["creator_id"]
                .as_str()
                .or(m["influencer_id"].as_str())
                .unwrap()
                .to_owned();
            (
                who,
                m["matched_by"].as_str().unwrap().to_owned(),
                m["detail"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    found.sort();
    let mut expected = vec![
        (
            ada,
            "email".to_owned(),
            "in VIP customers, line 2".to_owned(),
        ),
        (
            zoe,
            "email".to_owned(),
            "in VIP customers, line 3".to_owned(),
        ),
        (
            kai,
            "instagram".to_owned(),
            "in VIP customers, line 6".to_owned(),
        ),
    ];
    expected.sort();
    assert_eq!(found, expected);

    // Nothing readable of the contacts is kept: hashes and the line they were on.
    let mut conn = app.database.connect();
    let clear: i64 = diesel::sql_query(
        "SELECT COUNT(*) AS count FROM contacts WHERE email_hash LIKE '%@%' OR detail LIKE '%@%' OR email_hash LIKE '%stranger%'",
    )
    .get_result::<Count>(&mut conn)
    .unwrap()
    .count;
    assert_eq!(clear, 0);
}

#[derive(diesel::QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    count: i64,
}

async fn a_list_is_replaced_by_name_and_refused_whole(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let brand = app.signup("mia@brand.example").await;
    influencer(
        &app,
        &brand,
        "tiktok.com/@zoe.paints",
        Some("zoe@paints.example"),
    )
    .await;
    upload(&app, &brand, "Newsletter", LIST.as_bytes())
        .await
        .expect(200);
    // The same name again: the new list replaces the old one.
    let again = upload(&app, &brand, "Newsletter", b"email\nsomeone@else.example\n")
        .await
        .expect(200)
        .body;
    assert_eq!(
        (&again["source"]["contacts"], &again["matches"]),
        (&json!(1), &json!(0))
    );
    assert!(matches(&app, &brand).await.is_empty());
    let sources = sources_of(&app, &brand).await;
    assert_eq!(sources.as_array().unwrap().len(), 1);
    assert_eq!(sources[0]["state"], "synced");

    // Files that cannot be read are refused whole, and nothing is stored.
    for (file, why) in [
        (&b""[..], "empty"),
        (
            &b"name,city\nMia,Tallinn\n"[..],
            "No column of e-mail addresses",
        ),
        (
            &b"\x89PNG\r\n\x1a\n\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"[..],
            "binary",
        ),
        (&b"Email Address;First Name\r\n\r\n"[..], "but no rows"),
    ] {
        let refused = upload(&app, &brand, "Broken", file)
            .await
            .expect_problem(422, "unreadable_list");
        assert!(
            refused.body["detail"].as_str().unwrap().contains(why),
            "{:#}",
            refused.body
        );
    }
    upload(&app, &brand, "  ", b"email\na@b.example\n")
        .await
        .expect_problem(422, "validation_failed");
    let sources = sources_of(&app, &brand).await;
    assert_eq!(sources.as_array().unwrap().len(), 1);
}

async fn matches_are_dismissed_and_sources_disconnected(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let brand = app.signup("mia@brand.example").await;
    let other = app.signup("leo@other.example").await;
    let zoe = influencer(
        &app,
        &brand,
        "tiktok.com/@zoe.paints",
        Some("zoe@paints.example"),
    )
    .await;
    let report = upload(&app, &brand, "VIP customers", LIST.as_bytes())
        .await
        .expect(200)
        .body;
    let source = report["source"]["id"].as_str().unwrap().to_owned();
    let found = matches(&app, &brand).await;
    let zoes = found
        .iter()
        .find(|m| m["influencer_id"] == json!(zoe))
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // Another team sees none of it, and cannot upload into it.
    let stranger = TestUser {
        token: other.token.clone(),
        ..brand.clone()
    };
    upload(&app, &stranger, "Sneaky", LIST.as_bytes())
        .await
        .expect_problem(404, "not_found");
    app.call(
        Method::POST,
        &format!("/api/v1/source-matches/{zoes}/dismiss"),
        Some(&other.token),
        None,
    )
    .await
    .expect_problem(404, "not_found");
    app.delete(&format!("/api/v1/sources/{source}"), &other.token)
        .await
        .expect_problem(404, "not_found");
    app.get(
        &format!("/api/v1/teams/{}/source-matches", brand.team_id),
        &other.token,
    )
    .await
    .expect_problem(404, "not_found");

    app.call(
        Method::POST,
        &format!("/api/v1/source-matches/{zoes}/dismiss"),
        Some(&brand.token),
        None,
    )
    .await
    .expect(204);
    assert!(matches(&app, &brand)
        .await
        .iter()
        .all(|m| m["id"] != json!(zoes)));
    let sources = sources_of(&app, &brand).await;
    assert_eq!(sources[0]["matches"], 0);
    // The same list uploaded again keeps the team's dismissal (and says so in its count).
    let again = upload(&app, &brand, "VIP customers", LIST.as_bytes())
        .await
        .expect(200)
        .body;
    assert_eq!(again["matches"], 0);
    assert!(matches(&app, &brand)
        .await
        .iter()
        .all(|m| m["influencer_id"] != json!(zoe)));
    assert_eq!(sources_of(&app, &brand).await[0]["matches"], 0);

    app.delete(&format!("/api/v1/sources/{source}"), &brand.token)
        .await
        .expect(204);
    assert!(matches(&app, &brand).await.is_empty());
    let mut conn = app.database.connect();
    let left: i64 = diesel::sql_query("SELECT COUNT(*) AS count FROM contacts")
        .get_result::<Count>(&mut conn)
        .unwrap()
        .count;
    assert_eq!(left, 0);
    // The influencer stays.
    app.get(&format!("/api/v1/influencers/{zoe}"), &brand.token)
        .await
        .expect(200);
}

/// A creator who signs up after the list was uploaded is found (a `matching` job), once, and the
/// team is told; so is one who claims a handle the list holds.
async fn a_creator_who_joins_later_is_found(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let brand = app.signup("mia@brand.example").await;
    let list = "email,instagram\nada@creators.example,\nsomeone@else.example,@kai.runs\n";
    let report = upload(&app, &brand, "Newsletter", list.as_bytes())
        .await
        .expect(200)
        .body;
    assert_eq!(report["matches"], 0);

    let (_, ada) = creator(&app, "ada@creators.example", "Ada Cooks").await;
    let (kai_token, kai) = creator(&app, "kai@creators.example", "Kai Runs").await;
    app.post(
        "/api/v1/creator/accounts",
        Some(&kai_token),
        json!({"profile": "instagram.com/kai.runs"}),
    )
    .await
    .expect(201);
    let mut found = Vec::new();
    for _ in 0..100 {
        found = matches(&app, &brand).await;
        if found.len() == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let mut who: Vec<(String, String, String)> = found
        .iter()
        .map(|m| {
            (
                m["creator_id"].as_str().unwrap().to_owned(),
                m["matched_by"].as_str().unwrap().to_owned(),
                m["detail"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    who.sort();
    let mut expected = vec![
        (ada, "email".to_owned(), "in Newsletter, line 2".to_owned()),
        (
            kai,
            "instagram".to_owned(),
            "in Newsletter, line 3".to_owned(),
        ),
    ];
    expected.sort();
    assert_eq!(who, expected);
    let bell = app
        .get("/api/v1/notifications", &brand.token)
        .await
        .expect(200);
    let texts: Vec<&str> = bell.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["text"].as_str().unwrap())
        .collect();
    assert!(
        texts.contains(&"Ada Cooks is in your data sources"),
        "{texts:?}"
    );
    assert_eq!(sources_of(&app, &brand).await[0]["matches"], 2);
}

async fn an_influencer_is_added_by_hand(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let brand = app.signup("mia@brand.example").await;
    let url = format!("/api/v1/teams/{}/sources/manual", brand.team_id);
    let (_, ada) = creator(&app, "ada@creators.example", "Ada Cooks").await;

    // Bad input is refused field by field, and nothing is stored.
    let refused = app
        .post(
            &url,
            Some(&brand.token),
            json!({"instagram": "https://tiktok.com/@zoe", "email": "nope"}),
        )
        .await
        .expect_problem(422, "validation_failed");
    let fields: Vec<&str> = refused.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["instagram", "email"]);
    assert!(sources_of(&app, &brand)
        .await
        .as_array()
        .unwrap()
        .is_empty());

    // A micro-influencer outside the network.
    let zoe = app
        .post(
            &url,
            Some(&brand.token),
            json!({"instagram": "@zoe.paints", "email": " Zoe@Paints.example "}),
        )
        .await
        .expect(201)
        .body;
    assert_eq!(zoe["created"], true);
    assert_eq!(zoe["in_network"], false);
    assert_eq!(zoe["source"]["kind"], "manual");
    assert_eq!(zoe["source"]["name"], "Added by hand");
    assert_eq!(zoe["source"]["contacts"], 1);
    assert_eq!(zoe["source"]["updates_itself"], false);
    let influencer = app
        .get(
            &format!(
                "/api/v1/influencers/{}",
                zoe["influencer_id"].as_str().unwrap()
            ),
            &brand.token,
        )
        .await
        .expect(200)
        .body;
    assert_eq!(influencer["email"], "zoe@paints.example");
    assert_eq!(influencer["display_name"], "zoe.paints");

    // One who is a creator of the network too: the Influencers tab shows both sides.
    let ada_added = app
        .post(&url, Some(&brand.token), json!({"instagram": "ada.cooks", "email": "ada@creators.example", "display_name": "Ada"}))
        .await
        .expect(201)
        .body;
    assert_eq!(ada_added["in_network"], true);
    assert_eq!(
        ada_added["source"]["id"], zoe["source"]["id"],
        "one source for all added by hand"
    );
    assert_eq!(ada_added["source"]["contacts"], 2);
    let found = matches(&app, &brand).await;
    assert!(found
        .iter()
        .any(|m| m["creator_id"] == ada.as_str() && m["source_kind"] == "manual"));
    assert!(found.iter().all(|m| m["detail"]
        .as_str()
        .unwrap()
        .starts_with("added by hand on ")));

    // Added again: the same influencer and contact, not twice.
    let again = app
        .post(&url, Some(&brand.token), json!({"instagram": "https://www.instagram.com/zoe.paints/", "email": "zoe@paints.example"}))
        .await
        .expect(201)
        .body;
    assert_eq!(again["created"], false);
    assert_eq!(again["influencer_id"], zoe["influencer_id"]);
    assert_eq!(again["source"]["contacts"], 2);
    assert_eq!(matches(&app, &brand).await.len(), found.len());

    // The source does not sync; another team cannot add to this one.
    let id = zoe["source"]["id"].as_str().unwrap();
    app.post(
        &format!("/api/v1/sources/{id}/sync"),
        Some(&brand.token),
        json!({}),
    )
    .await
    .expect_problem(409, "source_not_syncable");
    let stranger = app.signup("eve@elsewhere.example").await;
    app.post(
        &url,
        Some(&stranger.token),
        json!({"instagram": "eve", "email": "eve@x.example"}),
    )
    .await
    .expect_problem(404, "not_found");
}

async fn an_influencer_added_later_is_found(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let brand = app.signup("mia@brand.example").await;
    upload(
        &app,
        &brand,
        "Customers",
        b"email,instagram\nlea@shop.example,\nother@shop.example,@kai.runs\n",
    )
    .await
    .expect(200);
    assert!(matches(&app, &brand).await.is_empty());
    // A new influencer with a customer's handle, then one given a customer's address.
    influencer(&app, &brand, "https://instagram.com/kai.runs", None).await;
    let lea = influencer(
        &app,
        &brand,
        "https://instagram.com/lea.makes",
        Some("Lea@Shop.example"),
    )
    .await;
    let mut found = Vec::new();
    for _ in 0..100 {
        found = matches(&app, &brand).await;
        if found.len() == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(found.len(), 2, "{found:#?}");
    let lea_match = found
        .iter()
        .find(|m| m["influencer_id"] == lea.as_str())
        .unwrap();
    assert_eq!(lea_match["matched_by"], "email");
    assert_eq!(lea_match["detail"], "in Customers, line 2");
    let kai_match = found
        .iter()
        .find(|m| m["influencer_id"] != lea.as_str())
        .unwrap();
    assert_eq!(kai_match["matched_by"], "instagram");
    // Another team's influencer with the same address finds nothing of this team's.
    let other = app.signup("eve@elsewhere.example").await;
    influencer(
        &app,
        &other,
        "https://instagram.com/lea.makes",
        Some("lea@shop.example"),
    )
    .await;
    assert!(matches(&app, &other).await.is_empty());
    let sources = sources_of(&app, &brand).await;
    assert_eq!(sources[0]["matches"], 2);
}

async fn mailbox(app: &TestApp, to: &str) -> Vec<Value> {
    app.call(
        Method::GET,
        &format!("/api/v1/dev/mailbox?to={to}"),
        None,
        None,
    )
    .await
    .expect(200)
    .body["items"]
        .as_array()
        .unwrap()
        .clone()
}

async fn a_daily_digest_mails_new_matches(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let brand = app.signup("mia@brand.example").await;
    let quiet = app.add_member(&brand, "leo@brand.example", "member").await;
    let settings = format!("/api/v1/teams/{}/notification-settings", brand.team_id);
    let on = app.get(&settings, &quiet.token).await.expect(200).body;
    assert_eq!(
        on,
        json!({"match_digest": true, "reminder_email": true, "overdue_digest": true})
    );
    let off = app
        .call(
            Method::PUT,
            &settings,
            Some(&quiet.token),
            Some(json!({"match_digest": false})),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(off["match_digest"], false);
    assert_eq!(
        app.get(&settings, &brand.token).await.expect(200).body["match_digest"],
        true
    );
    let stranger = app.signup("eve@elsewhere.example").await;
    app.get(&settings, &stranger.token)
        .await
        .expect_problem(404, "not_found");

    creator(&app, "ada@creators.example", "Ada Cooks").await;
    upload(
        &app,
        &brand,
        "VIP customers",
        b"email\nada@creators.example\nsomeone@else.example\n",
    )
    .await
    .expect(200);
    // Added by hand: the team knows already; not in the digest.
    app.post(
        &format!("/api/v1/teams/{}/sources/manual", brand.team_id),
        Some(&brand.token),
        json!({"instagram": "zoe.paints", "email": "zoe@paints.example"}),
    )
    .await
    .expect(201);
    assert!(mailbox(&app, "mia@brand.example")
        .await
        .iter()
        .all(|m| !m["subject"].as_str().unwrap().contains("data sources")));

    // A day later, one mail to the member who keeps the digest on.
    app.advance(chrono::Duration::hours(24) + chrono::Duration::minutes(1));
    let mail = app.wait_for_mail("mia@brand.example").await;
    assert_eq!(
        mail["subject"],
        "1 creator found in mia's team's data sources"
            .replace("mia's team", &team_name(&app, &brand).await)
    );
    let text = mail["text"].as_str().unwrap();
    assert!(
        text.contains("Ada Cooks (VIP customers: in VIP customers, line 2)"),
        "{text}"
    );
    assert!(!text.contains("zoe"), "{text}");
    assert!(text.contains("/sources?tab=influencers"), "{text}");
    assert!(mailbox(&app, "leo@brand.example")
        .await
        .iter()
        .all(|m| !m["subject"].as_str().unwrap().contains("data sources")));

    // The next day brings nothing new: no mail.
    app.advance(chrono::Duration::hours(24));
    let before = mailbox(&app, "mia@brand.example").await.len();
    app.post(
        &format!("/api/v1/teams/{}/sources/manual", brand.team_id),
        Some(&brand.token),
        json!({"instagram": "kai", "email": "kai@x.example"}),
    )
    .await
    .expect(201);
    assert_eq!(mailbox(&app, "mia@brand.example").await.len(), before);
}

async fn team_name(app: &TestApp, user: &TestUser) -> String {
    app.get(&format!("/api/v1/teams/{}", user.team_id), &user.token)
        .await
        .expect(200)
        .str("/name")
}

on_both_backends!(
    a_daily_digest_mails_new_matches,
    an_influencer_added_later_is_found,
    an_influencer_is_added_by_hand,
    a_creator_who_joins_later_is_found,
    a_list_finds_creators_and_influencers,
    a_list_is_replaced_by_name_and_refused_whole,
    matches_are_dismissed_and_sources_disconnected,
);
