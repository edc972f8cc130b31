//! The committed contract: `openapi/openapi.json` must be exactly what the server serves.

use crate::support::{Backend, TestApp};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_served_spec_matches_the_committed_one() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let served: serde_json::Value = app
        .client
        .get(format!("{}/api/openapi.json", app.address))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../openapi/openapi.json");
    let committed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap_or_default())
            .unwrap_or_default();
    assert!(
        served == committed,
        "openapi/openapi.json is out of date with the code. Regenerate it with:\n\n    make openapi\n\n(that is: cargo run -q -p rapport-api -- openapi > openapi/openapi.json)"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_docs_page_is_served_offline() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let page = app
        .client
        .get(format!("{}/api/docs/", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("swagger-ui"), "{html}");
    assert!(
        !html.contains("https://"),
        "no CDN: every asset is served by rapport"
    );
    let config = app
        .client
        .get(format!("{}/api/docs/swagger-initializer.js", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(config.status(), 200);
    assert!(config.text().await.unwrap().contains("/api/openapi.json"));
}
