//! Messaging on both backends: a team and a connected creator in the app (read state, access,
//! the creator's mail at most every 15 minutes on the server's clock), and a team and an
//! influencer by e-mail (the outgoing mail over a real SMTP server, replies posted back signed,
//! as JSON and as raw mail from real clients, refused when they should be).

use chrono::Duration;
use hmac::{Hmac, Mac};
use reqwest::Method;
use serde_json::{json, Value};
use sha2::Sha256;

use crate::network::{connect_creator, creator};
use crate::on_both_backends;
use crate::support::smtp::{Behaviour, SmtpServer};
use crate::support::{Backend, TestApp, TestDatabase, TestUser};

const SECRET: &str = "inbound-test-secret";

fn items(body: &Value) -> &Vec<Value> {
    body["items"].as_array().unwrap()
}

/// A brand and a creator connected to it; answers (brand, creator's token, influencer id).
async fn connected(app: &TestApp) -> (TestUser, String, String) {
    let brand = app.signup("mia@brand.example").await;
    let (ada, influencer) = connect_creator(app, &brand, "ada@creators.example", "Ada Cooks").await;
    (brand, ada, influencer)
}

async fn open(app: &TestApp, brand: &TestUser, influencer: &str) -> Value {
    app.post(
        &format!("/api/v1/teams/{}/conversations", brand.team_id),
        Some(&brand.token),
        json!({"influencer_id": influencer}),
    )
    .await
    .expect(200)
    .body
}

async fn say(app: &TestApp, token: &str, conversation: &str, text: &str) -> Value {
    app.post(
        &format!("/api/v1/conversations/{conversation}/messages"),
        Some(token),
        json!({"text": text}),
    )
    .await
    .expect(201)
    .body
}

async fn mails_to(app: &TestApp, to: &str) -> Vec<Value> {
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

async fn a_team_and_a_connected_creator_chat_in_the_app(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (brand, ada, influencer) = connected(&app).await;
    let conversation = open(&app, &brand, &influencer).await;
    assert_eq!(conversation["channel"], "app");
    assert!(conversation["creator_id"].is_string());
    let id = conversation["id"].as_str().unwrap().to_owned();
    assert_eq!(
        open(&app, &brand, &influencer).await["id"],
        id.as_str(),
        "one a pair"
    );

    let hello = say(&app, &brand.token, &id, "  Hello Ada!\nFancy a coffee?  ").await;
    assert_eq!(hello["text"], "Hello Ada!\nFancy a coffee?");
    assert_eq!(hello["side"], "team");
    assert_eq!(hello["author_name"], "mia");
    assert_eq!(hello["read"], false);
    assert_eq!(hello["by_email"], false);

    // The creator: the conversation with one unread, a notification, one mail.
    let mine = app
        .get("/api/v1/creator/conversations", &ada)
        .await
        .expect(200);
    assert_eq!(mine.body[0]["id"], id.as_str());
    assert_eq!(mine.body[0]["unread"], 1);
    assert_eq!(
        mine.body[0]["last_message"]["text"],
        "Hello Ada!\nFancy a coffee?"
    );
    let bell = app.get("/api/v1/notifications", &ada).await.expect(200);
    assert_eq!(bell.body["items"][0]["kind"], "new_message");
    assert_eq!(bell.body["items"][0]["conversation_id"], id.as_str());
    app.wait_for_mail("ada@creators.example").await;
    let told = |mails: Vec<Value>| {
        mails
            .iter()
            .filter(|m| m["subject"] == "New message from mia's team")
            .count()
    };
    assert_eq!(told(mails_to(&app, "ada@creators.example").await), 1);
    // A second message within 15 minutes mails nothing more; after 15 minutes, one more.
    say(&app, &brand.token, &id, "Still there?").await;
    assert_eq!(told(mails_to(&app, "ada@creators.example").await), 1);
    app.clock.advance(Duration::minutes(15));
    say(&app, &brand.token, &id, "Ping").await;
    assert_eq!(told(mails_to(&app, "ada@creators.example").await), 2);

    // The creator reads and answers; the team sees both.
    app.post(
        &format!("/api/v1/conversations/{id}/read"),
        Some(&ada),
        json!({}),
    )
    .await
    .expect(204);
    let reply = say(&app, &ada, &id, "Yes please!").await;
    assert_eq!(reply["side"], "influencer");
    assert_eq!(reply["author_name"], "Ada Cooks");
    let thread = app
        .get(
            &format!("/api/v1/conversations/{id}/messages"),
            &brand.token,
        )
        .await
        .expect(200);
    let texts: Vec<&str> = items(&thread.body)
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "Yes please!",
            "Ping",
            "Still there?",
            "Hello Ada!\nFancy a coffee?"
        ]
    );
    assert!(items(&thread.body)[1..].iter().all(|m| m["read"] == true));
    assert_eq!(items(&thread.body)[0]["read"], false);
    let listed = app
        .get(
            &format!("/api/v1/teams/{}/conversations", brand.team_id),
            &brand.token,
        )
        .await
        .expect(200);
    assert_eq!(listed.body["items"][0]["unread"], 1);
    let bell = app
        .get("/api/v1/notifications", &brand.token)
        .await
        .expect(200);
    assert_eq!(bell.body["items"][0]["text"], "New message from Ada Cooks");

    // Pages of a thread, bad messages, strangers.
    let first = app
        .get(
            &format!("/api/v1/conversations/{id}/messages?limit=3"),
            &brand.token,
        )
        .await
        .expect(200);
    let cursor = first.str("/next_cursor");
    let rest = app
        .get(
            &format!("/api/v1/conversations/{id}/messages?limit=3&cursor={cursor}"),
            &brand.token,
        )
        .await
        .expect(200);
    assert_eq!(rest.body["items"][0]["text"], "Hello Ada!\nFancy a coffee?");
    for text in ["   ", &"x".repeat(10_001)] {
        app.post(
            &format!("/api/v1/conversations/{id}/messages"),
            Some(&brand.token),
            json!({"text": text}),
        )
        .await
        .expect_problem(422, "validation_failed");
    }
    let stranger = app.signup("eve@other.example").await;
    let (other_creator, _) = creator(&app, "zoe@creators.example", "Zoe").await;
    for token in [&stranger.token, &other_creator] {
        app.get(&format!("/api/v1/conversations/{id}/messages"), token)
            .await
            .expect_problem(404, "not_found");
        app.post(
            &format!("/api/v1/conversations/{id}/messages"),
            Some(token),
            json!({"text": "hi"}),
        )
        .await
        .expect_problem(404, "not_found");
    }
    app.post(
        &format!("/api/v1/teams/{}/conversations", stranger.team_id),
        Some(&stranger.token),
        json!({"influencer_id": influencer}),
    )
    .await
    .expect_unknown("influencer_id");
}

fn sign(timestamp: i64, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    let bytes = mac.finalize().into_bytes();
    format!(
        "sha256={}",
        bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
    )
}

/// Posts an inbound mail signed now (by the server's clock), or with `signature` instead.
async fn post_inbound(
    app: &TestApp,
    content_type: &str,
    body: Vec<u8>,
    signature: Option<&str>,
) -> crate::support::Reply {
    let now = app.clock.now().and_utc().timestamp();
    let signature = signature.map_or_else(|| sign(now, &body), str::to_owned);
    let response = app
        .client
        .post(format!("{}/api/v1/inbound/email", app.address))
        .header("content-type", content_type)
        .header("x-rapport-timestamp", now.to_string())
        .header("x-rapport-signature", signature)
        .body(body)
        .send()
        .await
        .unwrap();
    crate::support::read_reply(response).await
}

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/../integrations/tests/fixtures/mail/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// An influencer of the brand with this e-mail address; answers the conversation with them.
async fn influencer_by_email(app: &TestApp, brand: &TestUser, profile: &str, email: &str) -> Value {
    let influencer = app
        .post(
            &format!("/api/v1/teams/{}/influencers", brand.team_id),
            Some(&brand.token),
            json!({"profile": profile}),
        )
        .await
        .expect(201)
        .str("/id");
    let conversation = open(app, brand, &influencer).await;
    assert_eq!(conversation["channel"], "email");
    app.post(
        &format!(
            "/api/v1/conversations/{}/messages",
            conversation["id"].as_str().unwrap()
        ),
        Some(&brand.token),
        json!({"text": "Hello!"}),
    )
    .await
    .expect_problem(422, "no_contact_email");
    app.patch(
        &format!("/api/v1/influencers/{influencer}"),
        &brand.token,
        json!({"email": email}),
    )
    .await
    .expect(200);
    conversation
}

async fn replies_by_email(database: TestDatabase) {
    let smtp = SmtpServer::start(Behaviour::Accept);
    let url = format!("smtp://127.0.0.1:{}", smtp.port);
    let app = TestApp::spawn_with(
        database,
        &[
            "--smtp-url",
            &url,
            "--mail-from",
            "Rapport <team@rapport.test>",
            "--inbound-secret",
            SECRET,
        ],
    )
    .await;
    let brand = app.signup("mia@brand.example").await;
    let ada = influencer_by_email(
        &app,
        &brand,
        "instagram.com/ada.bakes",
        "Ada.Bakes@gmail.com",
    )
    .await;
    let ada_id = ada["id"].as_str().unwrap().to_owned();
    let sent = say(
        &app,
        &brand.token,
        &ada_id,
        "Would you like our winter blend?",
    )
    .await;
    assert_eq!(sent["by_email"], true);

    // The mail: from the team's name, with the conversation's reply address.
    let received = smtp.wait_for(1).await;
    assert_eq!(received[0]["to"], json!(["ada.bakes@gmail.com"]));
    let headers = &received[0]["headers"];
    assert_eq!(headers["from"], "mia's team <team@rapport.test>");
    let reply_to = headers["reply-to"].as_str().expect("a Reply-To").to_owned();
    assert!(
        reply_to.starts_with("reply+") && reply_to.ends_with("@inbound.rapport.localhost"),
        "{reply_to}"
    );
    let token = reply_to
        .trim_start_matches("reply+")
        .trim_end_matches("@inbound.rapport.localhost")
        .to_owned();
    assert!(received[0]["text"]
        .as_str()
        .unwrap()
        .contains("Would you like our winter blend?"));

    // Ada's reply as inbound-parse JSON (Gmail's shape), addressed with the real token.
    let json_reply = fixture("inbound-json.json").replace("Q2xhbmtleTEyMzQ1Njc4OTA", &token);
    let added = post_inbound(
        &app,
        "application/json",
        json_reply.clone().into_bytes(),
        None,
    )
    .await
    .expect(200);
    assert_eq!(added.body["duplicate"], false);
    assert_eq!(added.body["conversation_id"], ada_id.as_str());
    // The same mail as the raw message Gmail sent: the same Message-ID, kept once.
    let raw = fixture("gmail-reply.eml").replace("Q2xhbmtleTEyMzQ1Njc4OTA", &token);
    let again = post_inbound(&app, "message/rfc822", raw.into_bytes(), None)
        .await
        .expect(200);
    assert_eq!(again.body["duplicate"], true);
    assert_eq!(again.body["message_id"], added.body["message_id"]);
    let thread = app
        .get(
            &format!("/api/v1/conversations/{ada_id}/messages"),
            &brand.token,
        )
        .await
        .expect(200);
    assert_eq!(items(&thread.body).len(), 2);
    let reply = &items(&thread.body)[0];
    assert_eq!(
        reply["text"],
        "Hi! Yes, I'd love to try the winter blend \u{2013} my address is on file.\n\nAda"
    );
    assert_eq!(reply["side"], "influencer");
    assert_eq!(reply["by_email"], true);
    let bell = app
        .get("/api/v1/notifications", &brand.token)
        .await
        .expect(200);
    assert_eq!(bell.body["items"][0]["kind"], "new_message");

    // Outlook's raw reply (ISO-8859-1) for another influencer lands in their conversation.
    let leo = influencer_by_email(
        &app,
        &brand,
        "tiktok.com/@leo.trails",
        "leo.trails@outlook.com",
    )
    .await;
    let leo_id = leo["id"].as_str().unwrap().to_owned();
    say(&app, &brand.token, &leo_id, "Trail coffee kit?").await;
    let received = smtp.wait_for(2).await;
    let leo_token = received[1]["headers"]["reply-to"]
        .as_str()
        .and_then(|address| address.strip_prefix("reply+"))
        .and_then(|rest| rest.split('@').next())
        .unwrap()
        .to_owned();
    let outlook = fixture("outlook-reply.eml").replace("TGVvVHJhaWxzVG9rZW4wMDE", &leo_token);
    post_inbound(&app, "message/rfc822", outlook.clone().into_bytes(), None)
        .await
        .expect(200);
    let leo_thread = app
        .get(
            &format!("/api/v1/conversations/{leo_id}/messages"),
            &brand.token,
        )
        .await
        .expect(200);
    assert_eq!(
        leo_thread.body["items"][0]["text"],
        "Sounds great, count me in. Can you ship to M\u{fc}nchen?\n\nBest regards,\nLeo"
    );

    // Refused, and nothing added: a wrong signature, an unknown address, a wrong sender.
    post_inbound(
        &app,
        "message/rfc822",
        outlook.clone().into_bytes(),
        Some("sha256=00"),
    )
    .await
    .expect_problem(401, "invalid_signature");
    let unknown = fixture("inbound-json.json");
    post_inbound(&app, "application/json", unknown.into_bytes(), None)
        .await
        .expect_problem(422, "unknown_reply_address");
    let impostor = json_reply
        .replace("ada.bakes@gmail.com>\",", "mallory@evil.example>\",")
        .replace("CAF3x9q", "OTHERID");
    post_inbound(&app, "application/json", impostor.into_bytes(), None)
        .await
        .expect_problem(422, "sender_mismatch");
    post_inbound(&app, "text/plain", b"hello".to_vec(), None)
        .await
        .expect_problem(415, "unsupported_media_type");
    let after = app
        .get(
            &format!("/api/v1/conversations/{ada_id}/messages"),
            &brand.token,
        )
        .await
        .expect(200);
    assert_eq!(items(&after.body).len(), 2);
}

async fn replies_by_email_over_smtp(backend: Backend) {
    replies_by_email(TestDatabase::new(backend)).await;
}

async fn inbound_mail_is_closed_without_a_secret(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    post_inbound(&app, "application/json", b"{}".to_vec(), None)
        .await
        .expect_problem(401, "invalid_signature");
}

async fn a_reply_typed_in_the_dev_mailbox_lands_in_the_thread(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let brand = app.signup("mia@brand.example").await;
    let ada =
        influencer_by_email(&app, &brand, "instagram.com/ada.bakes", "ada@bakes.example").await;
    let id = ada["id"].as_str().unwrap().to_owned();
    say(&app, &brand.token, &id, "Samples?").await;
    let mail = app.wait_for_mail("ada@bakes.example").await;
    assert!(mail["reply_to"].as_str().unwrap().starts_with("reply+"));
    assert_eq!(mail["from_name"], "mia's team");
    let mail_id = mail["id"].as_str().unwrap();
    app.post(
        &format!("/api/v1/dev/mailbox/{mail_id}/reply"),
        None,
        json!({"text": "Sure!\u{c}\n\nOn Monday, mia's team wrote:\n> Samples?"}),
    )
    .await
    .expect(200);
    let thread = app
        .get(
            &format!("/api/v1/conversations/{id}/messages"),
            &brand.token,
        )
        .await
        .expect(200);
    assert_eq!(thread.body["items"][0]["text"], "Sure!");
    assert_eq!(thread.body["items"][0]["by_email"], true);
    // A reply longer than a message may be is refused.
    app.post(
        &format!("/api/v1/dev/mailbox/{mail_id}/reply"),
        None,
        json!({"text": "x".repeat(10_001)}),
    )
    .await
    .expect_problem(422, "validation_failed");
    // A mail without a reply address (a team invitation) takes no reply.
    let invite = app.invite(&brand, "sam@brand.example", "member").await;
    assert!(!invite.is_empty());
    let invitation = app.wait_for_mail("sam@brand.example").await;
    app.post(
        &format!(
            "/api/v1/dev/mailbox/{}/reply",
            invitation["id"].as_str().unwrap()
        ),
        None,
        json!({"text": "hi"}),
    )
    .await
    .expect_problem(422, "unknown_reply_address");
}

/// The list of a team's conversations (read in a fixed number of queries) and of a creator's
/// carries each one's own last message and unread count.
async fn each_listed_conversation_has_its_last_message_and_unread_count(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (brand, ada, ada_influencer) = connected(&app).await;
    let (kai, kai_influencer) =
        connect_creator(&app, &brand, "kai@creators.example", "Kai Runs").await;
    let with_ada = open(&app, &brand, &ada_influencer).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let with_kai = open(&app, &brand, &kai_influencer).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let quiet = app
        .post(
            &format!("/api/v1/teams/{}/influencers", brand.team_id),
            Some(&brand.token),
            json!({"profile": "instagram.com/quiet.one"}),
        )
        .await
        .expect(201)
        .str("/id");
    open(&app, &brand, &quiet).await;
    say(&app, &ada, &with_ada, "One").await;
    app.clock.advance(Duration::seconds(1));
    say(&app, &ada, &with_ada, "Two").await;
    app.clock.advance(Duration::seconds(1));
    say(&app, &kai, &with_kai, "Hi from Kai").await;
    app.clock.advance(Duration::seconds(1));
    say(&app, &brand.token, &with_kai, "Hi Kai").await;
    app.clock.advance(Duration::seconds(1));
    say(&app, &kai, &with_kai, "Fancy a run?").await;

    let listed = app
        .get(
            &format!("/api/v1/teams/{}/conversations", brand.team_id),
            &brand.token,
        )
        .await
        .expect(200);
    let rows: Vec<(&str, &str, u64, &str)> = items(&listed.body)
        .iter()
        .map(|c| {
            (
                c["influencer_name"].as_str().unwrap(),
                c["last_message"]["text"].as_str().unwrap_or("-"),
                c["unread"].as_u64().unwrap(),
                c["channel"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            // The team's reply read Kai's first message; the second is new.
            ("Kai Runs", "Fancy a run?", 1, "app"),
            ("Ada Cooks", "Two", 2, "app"),
            ("quiet.one", "-", 0, "email"),
        ]
    );
    // Ada's side: nothing unread (writing reads), the last message her own.
    let mine = app
        .get("/api/v1/creator/conversations", &ada)
        .await
        .expect(200);
    assert_eq!(mine.body[0]["unread"], 0);
    assert_eq!(mine.body[0]["last_message"]["text"], "Two");
    say(&app, &brand.token, &with_ada, "Thanks Ada").await;
    say(&app, &brand.token, &with_ada, "Talk soon").await;
    let mine = app
        .get("/api/v1/creator/conversations", &ada)
        .await
        .expect(200);
    assert_eq!(mine.body[0]["unread"], 2);
    assert_eq!(mine.body[0]["last_message"]["text"], "Talk soon");
    // Reading Kai's thread clears its count only.
    app.post(
        &format!("/api/v1/conversations/{with_kai}/read"),
        Some(&brand.token),
        json!({}),
    )
    .await
    .expect(204);
    let listed = app
        .get(
            &format!("/api/v1/teams/{}/conversations", brand.team_id),
            &brand.token,
        )
        .await
        .expect(200);
    let unread: Vec<u64> = items(&listed.body)
        .iter()
        .map(|c| c["unread"].as_u64().unwrap())
        .collect();
    assert_eq!(unread, [0, 0, 0]);
}

on_both_backends!(
    each_listed_conversation_has_its_last_message_and_unread_count,
    a_reply_typed_in_the_dev_mailbox_lands_in_the_thread,
    a_team_and_a_connected_creator_chat_in_the_app,
    replies_by_email_over_smtp,
    inbound_mail_is_closed_without_a_secret,
);
