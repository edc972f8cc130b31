//! For operators: the liveness and readiness probes, request ids, security headers, backups.

use std::time::Duration;

use diesel::prelude::*;
use rapport_store::jobs::{self, JobRow};
use rapport_store::schema::jobs as jobs_table;
use reqwest::Method;
use serde_json::json;

use crate::on_both_backends;
use crate::support::{read_reply, Backend, TestApp, TestDatabase};

async fn probes_answer_without_authentication(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let health = app
        .call(Method::GET, "/healthz", None, None)
        .await
        .expect(200);
    assert_eq!(health.body, json!({"status": "ok"}));

    let ready = app
        .call(Method::GET, "/readyz", None, None)
        .await
        .expect(200);
    assert_eq!(
        ready.body,
        json!({"status": "ready", "checks": [
            {"name": "database", "ok": true},
            {"name": "migrations", "ok": true},
            {"name": "job_queue", "ok": true}
        ]})
    );
    // Outside the API's base path, and not a page of the web app either.
    app.call(Method::GET, "/api/v1/healthz", None, None)
        .await
        .expect_problem(404, "not_found");
}

async fn readiness_fails_on_a_migration_not_applied(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    // As if the database came from an older backup than this binary: its newest migration is
    // not recorded as applied.
    app.sql(
        "DELETE FROM __diesel_schema_migrations \
         WHERE version = (SELECT MAX(version) FROM __diesel_schema_migrations)",
    );
    let reply = app
        .call(Method::GET, "/readyz", None, None)
        .await
        .expect_problem(503, "not_ready");
    assert_eq!(
        reply.body["detail"],
        "Not ready: 1 database migration(s) not applied."
    );
    assert_eq!(
        reply.body["checks"],
        json!([
            {"name": "database", "ok": true},
            {"name": "migrations", "ok": false, "detail": "1 database migration(s) not applied"},
            {"name": "job_queue", "ok": true}
        ])
    );
    // Alive all the same.
    app.call(Method::GET, "/healthz", None, None)
        .await
        .expect(200);
}

async fn readiness_fails_when_due_jobs_find_no_worker(backend: Backend) {
    // An SMTP server that takes the connection and never says a word: the job runner, busy
    // sending a mail there (30 s before it gives up), takes no other job meanwhile.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let smtp = format!("smtp://127.0.0.1:{}", silent.local_addr().unwrap().port());
    let app = TestApp::spawn_with(TestDatabase::new(backend), &["--smtp-url", &smtp]).await;
    let owner = app.signup("owner@brand.example").await;
    app.post(
        &format!("/api/v1/teams/{}/invites", owner.team_id),
        Some(&owner.token),
        json!({"email": "sam@brand.example", "role": "member"}),
    )
    .await
    .expect(201);
    let mut conn = app.database.connect();
    let mut sending = false;
    for _ in 0..250 {
        let status: Option<String> = jobs_table::table
            .filter(jobs_table::kind.eq(jobs::kinds::MAIL))
            .select(jobs_table::status)
            .first(&mut conn)
            .optional()
            .unwrap();
        if status.as_deref() == Some(jobs::status::RUNNING) {
            sending = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(sending, "the mail job is being sent");
    app.call(Method::GET, "/readyz", None, None)
        .await
        .expect(200);

    // A job this server runs, due an hour ago: nobody takes it.
    let now = app.clock.now();
    jobs::enqueue(
        &mut conn,
        &JobRow::new(
            jobs::kinds::MATCHING,
            "readiness-test",
            now - chrono::Duration::hours(1),
            now,
        ),
    )
    .unwrap();
    let reply = app
        .call(Method::GET, "/readyz", None, None)
        .await
        .expect_problem(503, "not_ready");
    let detail =
        "the job queue is stalled: 1 matching job(s) due over 10 minutes ago without a worker";
    assert_eq!(reply.body["detail"], format!("Not ready: {detail}."));
    assert_eq!(
        reply.body["checks"],
        json!([
            {"name": "database", "ok": true},
            {"name": "migrations", "ok": true},
            {"name": "job_queue", "ok": false, "detail": detail}
        ])
    );
    drop(silent);
}

async fn the_job_queue_check_can_be_turned_off(backend: Backend) {
    let app = TestApp::spawn_with(TestDatabase::new(backend), &["--job-stall-minutes", "0"]).await;
    let ready = app
        .call(Method::GET, "/readyz", None, None)
        .await
        .expect(200);
    assert_eq!(
        ready.body["checks"][2],
        json!({"name": "job_queue", "ok": true, "detail": "not checked (RAPPORT_JOB_STALL_MINUTES=0)"})
    );
}

async fn every_answer_carries_a_request_id(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let url = |path: &str| format!("{}{path}", app.address);
    // The caller's own, when it is a sane token: on a success, a 401 and a 404 alike.
    for (path, status) in [
        ("/healthz", 200),
        ("/api/v1/me", 401),
        ("/api/v1/nothing", 404),
    ] {
        let reply = read_reply(
            app.client
                .get(url(path))
                .header("x-request-id", "edge-7f3a.1")
                .send()
                .await
                .unwrap(),
        )
        .await
        .expect(status);
        assert_eq!(reply.headers["x-request-id"], "edge-7f3a.1", "{path}");
    }
    // Otherwise a new one each time.
    let mut made = Vec::new();
    for sent in [None, Some("has spaces"), Some("quote\"d;")] {
        let mut request = app.client.get(url("/healthz"));
        if let Some(sent) = sent {
            request = request.header("x-request-id", sent);
        }
        let reply = read_reply(request.send().await.unwrap()).await.expect(200);
        let id = reply.headers["x-request-id"].to_str().unwrap().to_owned();
        assert!(uuid::Uuid::parse_str(&id).is_ok(), "{id}");
        made.push(id);
    }
    made.dedup();
    assert_eq!(made.len(), 3, "{made:?}");
}

/// A built web app in a temporary folder, as scripts/build-web.sh lays it out.
fn web_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("assets")).unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html><script type=\"module\" src=\"/assets/boot-1.js\"></script>",
    )
    .unwrap();
    std::fs::write(dir.path().join("assets/boot-1.js"), "import \"./x.js\";").unwrap();
    dir
}

async fn the_web_app_and_the_api_send_security_headers(backend: Backend) {
    let web = web_dir();
    let web_path = web.path().display().to_string();
    let app = TestApp::spawn_with(TestDatabase::new(backend), &["--web-dir", &web_path]).await;
    let get = |path: &'static str| {
        let request = app.client.get(format!("{}{path}", app.address));
        async move { read_reply(request.send().await.unwrap()).await }
    };
    for path in [
        "/",
        "/boards/0191f0c4-0000-7000-8000-000000000000",
        "/assets/boot-1.js",
    ] {
        let page = get(path).await.expect(200);
        let csp = page.headers["content-security-policy"].to_str().unwrap();
        assert_eq!(
            csp,
            rapport_api::operations::security_headers::APP_POLICY,
            "{path}"
        );
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval'"));
        assert!(!csp.contains("unsafe-inline"));
        assert!(csp.contains("frame-ancestors 'none'"));
        assert_eq!(page.headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(page.headers["x-frame-options"], "DENY", "{path}");
        assert_eq!(
            page.headers["referrer-policy"],
            "strict-origin-when-cross-origin"
        );
        // Not behind TLS: no promise of it.
        assert!(!page.headers.contains_key("strict-transport-security"));
    }
    // The API: nosniff, and a policy that allows nothing, on successes and errors alike.
    for (path, status) in [("/api/openapi.json", 200), ("/api/v1/me", 401)] {
        let api = get(path).await.expect(status);
        assert_eq!(api.headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(
            api.headers["content-security-policy"],
            "default-src 'none'; frame-ancestors 'none'"
        );
    }
}

async fn strict_transport_security_behind_https(backend: Backend) {
    let app = TestApp::spawn_with(
        TestDatabase::new(backend),
        &["--public-url", "https://rapport.example.com"],
    )
    .await;
    for path in ["/healthz", "/api/v1/me"] {
        let reply = read_reply(
            app.client
                .get(format!("{}{path}", app.address))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(
            reply.headers["strict-transport-security"], "max-age=31536000",
            "{path}"
        );
    }
}

async fn metrics_count_requests_on_their_own_listener(backend: Backend) {
    let app = TestApp::spawn_with(
        TestDatabase::new(backend),
        &["--metrics-bind", "127.0.0.1:0"],
    )
    .await;
    let metrics = app.metrics_address.clone().expect("a metrics listener");
    let scrape = || async {
        let answer = app
            .client
            .get(format!("{metrics}/metrics"))
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 200);
        assert!(answer.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/openmetrics-text"));
        answer.text().await.unwrap()
    };
    let owner = app.signup("owner@brand.example").await;
    for _ in 0..3 {
        app.get(&format!("/api/v1/teams/{}", owner.team_id), &owner.token)
            .await
            .expect(200);
    }
    app.call(Method::GET, "/api/v1/me", None, None)
        .await
        .expect(401);
    // A mail waits in the outbox (dev mailbox: sent at once) and a job in the queue.
    app.post(
        &format!("/api/v1/teams/{}/invites", owner.team_id),
        Some(&owner.token),
        json!({"email": "sam@brand.example", "role": "member"}),
    )
    .await
    .expect(201);
    app.wait_for_mail("sam@brand.example").await;
    let now = app.clock.now();
    jobs::enqueue(
        &mut app.database.connect(),
        &JobRow::new("metrics_test", "x", now - chrono::Duration::minutes(5), now),
    )
    .unwrap();

    let text = scrape().await;
    let line = |prefix: &str| -> String {
        text.lines()
            .find(|line| line.starts_with(prefix))
            .unwrap_or_else(|| panic!("no line {prefix} in:\n{text}"))
            .to_owned()
    };
    // By route pattern, never by the path's ids.
    assert_eq!(
        line(
            r#"rapport_http_requests_total{method="GET",route="/api/v1/teams/{team_id}",status="200"}"#
        ),
        r#"rapport_http_requests_total{method="GET",route="/api/v1/teams/{team_id}",status="200"} 3"#
    );
    assert!(!text.contains(&owner.team_id));
    line(r#"rapport_http_requests_total{method="GET",route="/api/v1/me",status="401"} 1"#);
    line(
        r#"rapport_http_request_duration_seconds_count{method="GET",route="/api/v1/teams/{team_id}",status="200"} 3"#,
    );
    line(
        r#"rapport_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/api/v1/teams/{team_id}",status="200"} 3"#,
    );
    line("rapport_database_up 1");
    line(r#"rapport_db_pool_connections{state="max"} 4"#);
    line(r#"rapport_db_pool_connections{state="in_use"} "#);
    line(r#"rapport_db_pool_connections{state="waiting"} 0"#);
    line(r#"rapport_jobs_due{kind="metrics_test"} 1"#);
    let age: f64 = line(r#"rapport_jobs_oldest_due_age_seconds{kind="metrics_test"}"#)
        .rsplit(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!((300.0..400.0).contains(&age), "{age}");
    line(r#"rapport_mails{status="sent"} 1"#);
    line("rapport_websocket_connections 0");
    assert!(text.trim_end().ends_with("# EOF"));
    // Not on the public listener.
    let public = read_reply(
        app.client
            .get(format!("{}/metrics", app.address))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(
        !public
            .body
            .to_string()
            .contains("rapport_http_requests_total"),
        "the public listener answers the web app's page or the docs, never the figures"
    );
}

on_both_backends!(
    metrics_count_requests_on_their_own_listener,
    probes_answer_without_authentication,
    readiness_fails_on_a_migration_not_applied,
    readiness_fails_when_due_jobs_find_no_worker,
    the_job_queue_check_can_be_turned_off,
    every_answer_carries_a_request_id,
    the_web_app_and_the_api_send_security_headers,
    strict_transport_security_behind_https,
);

/// `rapport backup` copies a SQLite database while another connection keeps writing to it
/// (and the server has it open): the copy opens, passes SQLite's integrity check, has every
/// migration, and holds exactly the writes committed before some moment, none half-done.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_under_writes_is_whole_and_consistent() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let url = app.database.url.clone();
    app.sql(
        "CREATE TABLE backup_probe (n INTEGER PRIMARY KEY, payload BLOB NOT NULL); \
         CREATE TABLE backup_total (total INTEGER NOT NULL); \
         INSERT INTO backup_total VALUES (0);",
    );
    // Each write adds a row and counts it in another table, in one transaction: a copy that
    // caught half a transaction would disagree with itself.
    let write = |conn: &mut rapport_store::DbConnection, n: i64| {
        conn.transaction::<_, diesel::result::Error, _>(|conn| {
            diesel::sql_query(format!(
                "INSERT INTO backup_probe VALUES ({n}, randomblob(2048))"
            ))
            .execute(conn)?;
            diesel::sql_query(format!("UPDATE backup_total SET total = {n}")).execute(conn)?;
            Ok(())
        })
        .unwrap();
    };
    let mut conn = app.database.connect();
    let before = 2_000;
    for n in 1..=before {
        write(&mut conn, n);
    }
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (started, writing) = std::sync::mpsc::channel();
    let writer = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut n = before;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                n += 1;
                write(&mut conn, n);
                if n == before + 1 {
                    started.send(()).unwrap();
                }
            }
            n
        })
    };
    writing.recv().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let target = folder.path().join("rapport-backup.db");
    let copied = {
        let (url, target) = (url.clone(), target.clone());
        tokio::task::spawn_blocking(move || rapport_api::operations::backup::backup(&url, &target))
            .await
            .unwrap()
            .unwrap()
    };
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let written = writer.join().unwrap();
    assert_eq!(copied.target, target);
    assert!(copied.bytes > 2_000 * 2_048, "{copied:?}");

    let mut copy = rapport_store::DatabaseUrl::parse(&format!("sqlite://{}", target.display()))
        .unwrap()
        .establish()
        .unwrap();
    #[derive(QueryableByName)]
    struct Text {
        #[diesel(sql_type = diesel::sql_types::Text)]
        value: String,
    }
    #[derive(QueryableByName)]
    struct Number {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        value: i64,
    }
    let integrity: Vec<Text> =
        diesel::sql_query("SELECT integrity_check AS value FROM pragma_integrity_check")
            .load(&mut copy)
            .unwrap();
    assert_eq!(
        integrity
            .iter()
            .map(|row| row.value.as_str())
            .collect::<Vec<_>>(),
        ["ok"]
    );
    let number = |conn: &mut rapport_store::DbConnection, sql: &str| -> i64 {
        diesel::sql_query(sql)
            .get_result::<Number>(conn)
            .unwrap()
            .value
    };
    let rows = number(&mut copy, "SELECT COUNT(*) AS value FROM backup_probe");
    let total = number(&mut copy, "SELECT total AS value FROM backup_total");
    let highest = number(&mut copy, "SELECT MAX(n) AS value FROM backup_probe");
    assert_eq!((rows, highest), (total, total), "whole transactions only");
    assert!(
        total > before && total <= written,
        "the copy has what was committed before it began: {total} rows, {before} before, {written} written"
    );
    assert_eq!(rapport_store::db::pending_migrations(&mut copy).unwrap(), 0);
    let users = number(&mut copy, "SELECT COUNT(*) AS value FROM users");
    assert_eq!(users, 0);

    // Never over an existing file.
    let again = {
        let (url, target) = (url.clone(), target.clone());
        tokio::task::spawn_blocking(move || rapport_api::operations::backup::backup(&url, &target))
            .await
            .unwrap()
    };
    let refused = again.unwrap_err().to_string();
    assert!(refused.contains("exists already"), "{refused}");
    assert_eq!(
        std::fs::metadata(&target).unwrap().len(),
        copied.bytes,
        "the first copy is left as it was"
    );
}

/// The command itself: PostgreSQL is pg_dump's, and says so with a failing exit.
#[test]
fn the_backup_command_sends_postgresql_to_pg_dump() {
    let folder = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args([
            "backup",
            "--database-url",
            "postgres://postgres@127.0.0.1:5432/rapport",
        ])
        .arg(folder.path().join("rapport.dump"))
        .env_remove("DATABASE_URL")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("pg_dump"), "{said}");
    assert!(!folder.path().join("rapport.dump").exists());

    // A SQLite path with no database is not made into one.
    let missing = folder.path().join("nothing.db");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(["backup", "--database-url"])
        .arg(format!("sqlite://{}", missing.display()))
        .arg(folder.path().join("copy.db"))
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("there is no database at"));
    assert!(!missing.exists());
}
