//! Reminders that notify: the assignee is told once when a reminder falls due, in the app and by
//! mail (unless they turned the mail off), by the server's clock moved forward; not before, not
//! for a reminder done in time, again for one moved later; once across a restart and with two
//! servers on one PostgreSQL; and the daily digest of overdue reminders.

use chrono::{DateTime, Duration, Utc};
use reqwest::Method;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::realtime::Socket;
use crate::support::{Backend, TestApp, TestDatabase, TestUser};

/// A team: the owner, who sets reminders, Leo, a teammate they are assigned to, and Mia Lens,
/// an influencer of the team.
struct Team {
    owner: TestUser,
    leo: TestUser,
    mia: String,
}

async fn team(app: &TestApp) -> Team {
    let owner = app.signup("owner@brand.example").await;
    let leo = app.add_member(&owner, "leo@brand.example", "member").await;
    let mia = app
        .post(
            &format!("/api/v1/teams/{}/influencers", owner.team_id),
            Some(&owner.token),
            json!({"profile": "instagram.com/mia.lens", "display_name": "Mia Lens"}),
        )
        .await
        .expect(201)
        .str("/id");
    Team { owner, leo, mia }
}

/// The owner sets a reminder on Mia for `assignee`, due at `due`; answers its id.
async fn remind(
    app: &TestApp,
    team: &Team,
    assignee: &TestUser,
    text: &str,
    due: DateTime<Utc>,
) -> String {
    app.post(
        &format!("/api/v1/influencers/{}/reminders", team.mia),
        Some(&team.owner.token),
        json!({"text": text, "due_at": due, "assignee_id": assignee.id}),
    )
    .await
    .expect(201)
    .str("/id")
}

/// The user's `reminder_due` notifications.
async fn reminder_notifications(app: &TestApp, user: &TestUser) -> Vec<Value> {
    app.get("/api/v1/notifications?limit=100", &user.token)
        .await
        .expect(200)
        .body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "reminder_due")
        .cloned()
        .collect()
}

/// Every mail to `to` (pending or sent) whose subject starts with `prefix`.
async fn mails(app: &TestApp, to: &str, prefix: &str) -> Vec<Value> {
    app.call(
        Method::GET,
        &format!("/api/v1/dev/mailbox?to={to}&limit=100"),
        None,
        None,
    )
    .await
    .expect(200)
    .body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["subject"].as_str().unwrap().starts_with(prefix))
        .cloned()
        .collect()
}

/// The reminder's live (queued or running) `reminder_due` job: its run time, if there is one.
async fn live_job(app: &TestApp, reminder: &str) -> Option<chrono::NaiveDateTime> {
    let database = app.database.shared();
    let reminder = reminder.to_owned();
    tokio::task::spawn_blocking(move || {
        let mut conn = database.connect();
        rapport_store::jobs::find_live(&mut conn, "reminder_due", &reminder)
            .unwrap()
            .map(|job| job.run_at)
    })
    .await
    .unwrap()
}

/// Waits until no job is left to run for the reminder: then what it told is all it will tell
/// (a notification, its mail and the job's end are one transaction).
async fn settled(app: &TestApp, reminder: &str) {
    for _ in 0..200 {
        if live_job(app, reminder).await.is_none() {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the reminder's job did not end");
}

fn stored(at: DateTime<Utc>) -> chrono::NaiveDateTime {
    chrono::SubsecRound::trunc_subsecs(at, 6).naive_utc()
}

async fn a_due_reminder_tells_its_assignee_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let team = team(&app).await;
    let due = Utc::now() + Duration::hours(2);
    let reminder = remind(
        &app,
        &team,
        &team.leo,
        "Follow up on the gifting offer",
        due,
    )
    .await;

    // Before its time: a job waits for it, nobody is told.
    assert_eq!(live_job(&app, &reminder).await, Some(stored(due)));
    assert!(reminder_notifications(&app, &team.leo).await.is_empty());
    assert!(mails(&app, &team.leo.email, "Reminder:").await.is_empty());

    app.advance(Duration::hours(2) + Duration::minutes(1));
    settled(&app, &reminder).await;
    let told = reminder_notifications(&app, &team.leo).await;
    assert_eq!(told.len(), 1, "{told:#?}");
    assert_eq!(
        told[0]["text"],
        "Reminder: Follow up on the gifting offer — Mia Lens"
    );
    assert_eq!(told[0]["influencer_id"], team.mia.as_str());
    assert_eq!(told[0]["team_id"], team.owner.team_id.as_str());
    assert_eq!(told[0]["read"], false);
    // The creator (the owner) is not told: the assignee is.
    assert!(reminder_notifications(&app, &team.owner).await.is_empty());
    assert!(mails(&app, &team.owner.email, "Reminder:").await.is_empty());

    let mail = app.wait_for_mail(&team.leo.email).await;
    assert_eq!(
        mail["subject"],
        "Reminder: Follow up on the gifting offer — Mia Lens"
    );
    let text = mail["text"].as_str().unwrap();
    assert!(text.contains("Mia Lens"), "{text}");
    assert!(text.contains("> Follow up on the gifting offer"), "{text}");
    assert!(
        text.contains(&due.format("%Y-%m-%d %H:%M UTC").to_string()),
        "{text}"
    );
    assert!(
        text.contains(&format!("/influencers/{}\n", team.mia)),
        "{text}"
    );
    assert_eq!(mails(&app, &team.leo.email, "Reminder:").await.len(), 1);

    // Later: nothing more.
    app.advance(Duration::hours(5));
    assert_eq!(live_job(&app, &reminder).await, None);
    // A job run again for the same due time (a retry after a crash, a second server) tells no
    // one: the reminder knows it told about that time.
    app.sql(&format!(
        "INSERT INTO jobs (id, kind, subject, status, attempts, run_at, progress_done, created_at, updated_at) \
         VALUES ('{}', 'reminder_due', '{reminder}', 'queued', 0, '2020-01-01 00:00:00', 0, '2020-01-01 00:00:00', '2020-01-01 00:00:00')",
        uuid::Uuid::now_v7()
    ));
    app.advance(Duration::seconds(1));
    settled(&app, &reminder).await;
    assert_eq!(reminder_notifications(&app, &team.leo).await.len(), 1);
    assert_eq!(mails(&app, &team.leo.email, "Reminder:").await.len(), 1);

    // Reopened after done at the time it told about: still once.
    let path = format!("/api/v1/reminders/{reminder}");
    app.patch(&path, &team.owner.token, json!({"done": true}))
        .await
        .expect(200);
    app.patch(&path, &team.owner.token, json!({"done": false}))
        .await
        .expect(200);
    assert_eq!(live_job(&app, &reminder).await, None);
    assert_eq!(reminder_notifications(&app, &team.leo).await.len(), 1);
}

async fn a_reminder_done_in_time_tells_nobody(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let team = team(&app).await;
    let done = remind(
        &app,
        &team,
        &team.leo,
        "Send the contract",
        Utc::now() + Duration::hours(2),
    )
    .await;
    let deleted = remind(
        &app,
        &team,
        &team.leo,
        "Ship samples",
        Utc::now() + Duration::hours(2),
    )
    .await;
    app.patch(
        &format!("/api/v1/reminders/{done}"),
        &team.owner.token,
        json!({"done": true}),
    )
    .await
    .expect(200);
    app.delete(&format!("/api/v1/reminders/{deleted}"), &team.owner.token)
        .await
        .expect(204);
    assert_eq!(live_job(&app, &done).await, None);
    assert_eq!(live_job(&app, &deleted).await, None);
    app.advance(Duration::hours(3));
    // A third reminder, due after the two, is told: the runner has passed their times.
    let later = remind(
        &app,
        &team,
        &team.leo,
        "Check the post",
        Utc::now() + Duration::hours(3),
    )
    .await;
    settled(&app, &later).await;
    let told = reminder_notifications(&app, &team.leo).await;
    assert_eq!(told.len(), 1, "{told:#?}");
    assert_eq!(told[0]["text"], "Reminder: Check the post — Mia Lens");

    // Reopened while overdue, and not told yet: told at once.
    app.patch(
        &format!("/api/v1/reminders/{done}"),
        &team.owner.token,
        json!({"done": false}),
    )
    .await
    .expect(200);
    settled(&app, &done).await;
    assert_eq!(reminder_notifications(&app, &team.leo).await.len(), 2);
}

async fn a_reminder_moved_later_tells_at_its_new_time(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let team = team(&app).await;
    let reminder = remind(
        &app,
        &team,
        &team.leo,
        "Call Mia",
        Utc::now() + Duration::hours(2),
    )
    .await;
    let moved = Utc::now() + Duration::hours(5);
    app.patch(
        &format!("/api/v1/reminders/{reminder}"),
        &team.owner.token,
        json!({"due_at": moved}),
    )
    .await
    .expect(200);
    assert_eq!(live_job(&app, &reminder).await, Some(stored(moved)));
    app.advance(Duration::hours(2) + Duration::minutes(1));
    // Past the old time: another reminder due now is told, this one is not.
    let now = remind(
        &app,
        &team,
        &team.owner,
        "Now",
        Utc::now() + Duration::hours(2) + Duration::minutes(1),
    )
    .await;
    settled(&app, &now).await;
    assert_eq!(reminder_notifications(&app, &team.owner).await.len(), 1);
    assert!(reminder_notifications(&app, &team.leo).await.is_empty());
    assert_eq!(live_job(&app, &reminder).await, Some(stored(moved)));

    app.advance(Duration::hours(3));
    settled(&app, &reminder).await;
    assert_eq!(reminder_notifications(&app, &team.leo).await.len(), 1);

    // Moved later again after it told: it tells again at that time.
    let again = Utc::now() + Duration::hours(10);
    app.patch(
        &format!("/api/v1/reminders/{reminder}"),
        &team.owner.token,
        json!({"due_at": again}),
    )
    .await
    .expect(200);
    assert_eq!(live_job(&app, &reminder).await, Some(stored(again)));
    app.advance(Duration::hours(5));
    settled(&app, &reminder).await;
    assert_eq!(reminder_notifications(&app, &team.leo).await.len(), 2);
    assert_eq!(
        mails(&app, &team.leo.email, "Reminder: Call Mia")
            .await
            .len(),
        2
    );
}

async fn the_mail_follows_the_members_setting(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let team = team(&app).await;
    let settings = format!("/api/v1/teams/{}/notification-settings", team.owner.team_id);
    assert_eq!(
        app.get(&settings, &team.leo.token).await.expect(200).body,
        json!({"match_digest": true, "reminder_email": true, "overdue_digest": true})
    );
    let saved = app
        .call(
            Method::PUT,
            &settings,
            Some(&team.leo.token),
            Some(json!({"reminder_email": false})),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(
        saved,
        json!({"match_digest": true, "reminder_email": false, "overdue_digest": true})
    );
    // A client that knows only the first setting changes only that one.
    let saved = app
        .call(
            Method::PUT,
            &settings,
            Some(&team.leo.token),
            Some(json!({"match_digest": false})),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(
        saved,
        json!({"match_digest": false, "reminder_email": false, "overdue_digest": true})
    );
    app.call(
        Method::PUT,
        &settings,
        Some(&team.leo.token),
        Some(json!({"reminder_mail": false})),
    )
    .await
    .expect_problem(422, "validation_failed");
    // Each member's own: the owner's are untouched.
    assert_eq!(
        app.get(&settings, &team.owner.token).await.expect(200).body["reminder_email"],
        true
    );

    let reminder = remind(
        &app,
        &team,
        &team.leo,
        "Follow up",
        Utc::now() - Duration::minutes(5),
    )
    .await;
    // Set already overdue: told at once, in the app only.
    settled(&app, &reminder).await;
    assert_eq!(reminder_notifications(&app, &team.leo).await.len(), 1);
    assert!(mails(&app, &team.leo.email, "Reminder:").await.is_empty());
}

async fn the_daily_digest_lists_overdue_reminders(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let team = team(&app).await;
    let quiet = app
        .add_member(&team.owner, "zoe@brand.example", "member")
        .await;
    app.call(
        Method::PUT,
        &format!("/api/v1/teams/{}/notification-settings", team.owner.team_id),
        Some(&quiet.token),
        Some(json!({"overdue_digest": false})),
    )
    .await
    .expect(200);
    let overdue = remind(
        &app,
        &team,
        &team.leo,
        "Send the contract",
        Utc::now() + Duration::hours(1),
    )
    .await;
    remind(
        &app,
        &team,
        &team.leo,
        "Pay the invoice",
        Utc::now() + Duration::hours(3),
    )
    .await;
    let done = remind(
        &app,
        &team,
        &team.leo,
        "Ship samples",
        Utc::now() + Duration::hours(2),
    )
    .await;
    app.patch(
        &format!("/api/v1/reminders/{done}"),
        &team.owner.token,
        json!({"done": true}),
    )
    .await
    .expect(200);
    remind(
        &app,
        &team,
        &team.leo,
        "Renew the deal",
        Utc::now() + Duration::days(3),
    )
    .await;
    let quiets = remind(
        &app,
        &team,
        &quiet,
        "Nothing for Zoe",
        Utc::now() + Duration::hours(1),
    )
    .await;
    // Nobody has anything overdue before the digest but the reminders' own mails.
    assert!(mails(&app, &team.leo.email, "")
        .await
        .iter()
        .all(|m| { !m["subject"].as_str().unwrap().contains("overdue") }));

    app.advance(Duration::hours(24) + Duration::minutes(1));
    settled(&app, &overdue).await;
    settled(&app, &quiets).await;
    let digest = wait_for_digest(&app, &team.leo.email, 1).await;
    assert_eq!(
        digest["subject"],
        format!(
            "2 overdue reminders in {}",
            team_name(&app, &team.owner).await
        )
    );
    let text = digest["text"].as_str().unwrap();
    assert!(text.contains("Mia Lens: Send the contract\n"), "{text}");
    assert!(text.contains("Mia Lens: Pay the invoice\n"), "{text}");
    assert!(
        text.find("Send the contract") < text.find("Pay the invoice"),
        "oldest first: {text}"
    );
    assert!(!text.contains("Ship samples"), "done: {text}");
    assert!(!text.contains("Renew the deal"), "not due yet: {text}");
    assert!(
        text.contains(&format!("/influencers/{}\n", team.mia)),
        "{text}"
    );
    // The digest was one transaction: Zoe, who turned it off, and the owner, with nothing
    // overdue, have none.
    assert!(mails(&app, &quiet.email, "")
        .await
        .iter()
        .all(|m| { !m["subject"].as_str().unwrap().contains("overdue") }));
    assert!(mails(&app, &team.owner.email, "")
        .await
        .iter()
        .all(|m| { !m["subject"].as_str().unwrap().contains("overdue") }));

    // The next day: one more (the reminders are still overdue), not two.
    app.advance(Duration::hours(24));
    wait_for_digest(&app, &team.leo.email, 2).await;
    let digests = mails(&app, &team.leo.email, "").await;
    let count = digests
        .iter()
        .filter(|m| m["subject"].as_str().unwrap().contains("overdue"))
        .count();
    assert_eq!(count, 2);
}

/// Waits for the `n`th overdue digest to `to`; answers the newest.
async fn wait_for_digest(app: &TestApp, to: &str, n: usize) -> Value {
    for _ in 0..200 {
        let digests: Vec<Value> = mails(app, to, "")
            .await
            .into_iter()
            .filter(|m| m["subject"].as_str().unwrap().contains("overdue reminder"))
            .collect();
        if digests.len() >= n {
            return digests[0].clone();
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("no overdue digest number {n} to {to}");
}

async fn team_name(app: &TestApp, user: &TestUser) -> String {
    app.get(&format!("/api/v1/teams/{}", user.team_id), &user.token)
        .await
        .expect(200)
        .str("/name")
}

async fn once_across_a_restart(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let team = team(&app).await;
    let reminder = remind(
        &app,
        &team,
        &team.leo,
        "Follow up",
        Utc::now() + Duration::hours(2),
    )
    .await;
    let database = app.stop().await;

    // The next server has the job, and its own clock.
    let app = TestApp::spawn_with(database, &[]).await;
    assert!(live_job(&app, &reminder).await.is_some());
    app.advance(Duration::hours(2) + Duration::minutes(1));
    settled(&app, &reminder).await;
    assert_eq!(reminder_notifications(&app, &team.leo).await.len(), 1);
    assert_eq!(mails(&app, &team.leo.email, "Reminder:").await.len(), 1);

    // And the one after does not tell again.
    let database = app.stop().await;
    let app = TestApp::spawn_with(database, &[]).await;
    app.advance(Duration::hours(3));
    let barrier = remind(
        &app,
        &team,
        &team.owner,
        "Later",
        Utc::now() + Duration::hours(3),
    )
    .await;
    settled(&app, &barrier).await;
    assert_eq!(reminder_notifications(&app, &team.owner).await.len(), 1);
    assert_eq!(reminder_notifications(&app, &team.leo).await.len(), 1);
    assert_eq!(mails(&app, &team.leo.email, "Reminder:").await.len(), 1);
}

async fn a_due_reminder_reaches_an_open_app(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let team = team(&app).await;
    let mut socket = Socket::open(&app, &team.leo.token).await;
    remind(
        &app,
        &team,
        &team.leo,
        "Follow up",
        Utc::now() + Duration::hours(1),
    )
    .await;
    app.advance(Duration::hours(1) + Duration::minutes(1));
    let events = socket.until("notification_created").await;
    let notification = &events.last().unwrap()["notification"];
    assert_eq!(notification["kind"], "reminder_due");
    assert_eq!(notification["influencer_id"], team.mia.as_str());
    assert_eq!(notification["text"], "Reminder: Follow up — Mia Lens");
}

on_both_backends!(
    a_due_reminder_tells_its_assignee_once,
    a_reminder_done_in_time_tells_nobody,
    a_reminder_moved_later_tells_at_its_new_time,
    the_mail_follows_the_members_setting,
    the_daily_digest_lists_overdue_reminders,
    once_across_a_restart,
    a_due_reminder_reaches_an_open_app,
);

/// Two servers on one PostgreSQL, each running jobs by its own clock, both past the due time:
/// one notification and one mail per reminder, though each reminder has two jobs to run (the
/// second as left by a server that died running it, its lease ending at the due time), which
/// either server may take, at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn once_with_two_servers_on_postgres() {
    let database = TestDatabase::new(Backend::Postgres);
    let second = database.shared();
    let one = TestApp::spawn_with(database, &[]).await;
    let two = TestApp::spawn_with(second, &[]).await;
    let team = team(&one).await;
    let due = Utc::now() + Duration::hours(2);
    let at = stored(due).format("%Y-%m-%d %H:%M:%S%.6f");
    let mut reminders = Vec::new();
    for n in 0..5 {
        let text = format!("Follow up {n}");
        let reminder = remind(&one, &team, &team.leo, &text, due).await;
        one.sql(&format!(
            "INSERT INTO jobs (id, kind, subject, status, attempts, run_at, locked_until, progress_done, created_at, updated_at) \
             VALUES ('{}', 'reminder_due', '{reminder}', 'running', 1, '{at}', '{at}', 0, '{at}', '{at}')",
            uuid::Uuid::now_v7()
        ));
        reminders.push(reminder);
    }
    one.advance(Duration::hours(2) + Duration::minutes(1));
    two.advance(Duration::hours(2) + Duration::minutes(1));
    for reminder in &reminders {
        settled(&one, reminder).await;
    }
    let told = reminder_notifications(&two, &team.leo).await;
    assert_eq!(told.len(), 5, "{told:#?}");
    let mut texts: Vec<&str> = told.iter().map(|n| n["text"].as_str().unwrap()).collect();
    texts.sort_unstable();
    texts.dedup();
    assert_eq!(texts.len(), 5, "one each: {texts:?}");
    assert_eq!(mails(&one, &team.leo.email, "Reminder:").await.len(), 5);
    let _ = two.stop().await;
}
