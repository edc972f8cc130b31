use std::sync::{Arc, Mutex};

use actix_web::middleware::from_fn;
use actix_web::{test as actix_test, web, App, HttpResponse};
use serde_json::Value;

use super::*;
use crate::operations::request_id::request_id;

/// A writer that keeps what is written, for the test to read.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'w> MakeWriter<'w> for Captured {
    type Writer = Captured;

    fn make_writer(&'w self) -> Self::Writer {
        self.clone()
    }
}

impl Captured {
    fn lines(&self) -> Vec<Value> {
        String::from_utf8(self.0.lock().unwrap().clone())
            .unwrap()
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect()
    }
}

#[test]
fn log_formats() {
    assert_eq!(LogFormat::parse(None), Ok(LogFormat::Text));
    assert_eq!(LogFormat::parse(Some("")), Ok(LogFormat::Text));
    assert_eq!(LogFormat::parse(Some("text")), Ok(LogFormat::Text));
    assert_eq!(LogFormat::parse(Some(" JSON ")), Ok(LogFormat::Json));
    assert!(LogFormat::parse(Some("xml"))
        .unwrap_err()
        .contains("text or json"));
}

#[actix_web::test]
async fn json_access_lines_carry_the_request_id_it_answers() {
    let captured = Captured::default();
    let _logging =
        tracing::subscriber::set_default(json_subscriber(EnvFilter::new("info"), captured.clone()));
    let app = actix_test::init_service(
        App::new()
            .route(
                "/boards/{id}",
                web::get().to(|| async {
                    tracing::info!("inside the handler");
                    HttpResponse::Ok().finish()
                }),
            )
            .wrap(from_fn(request_id)),
    )
    .await;

    // The caller's id, when sane, is kept.
    let named = actix_test::TestRequest::get()
        .uri("/boards/7?tab=content")
        .insert_header(("x-request-id", "lb-42.a"))
        .to_request();
    let answer = actix_test::call_service(&app, named).await;
    assert_eq!(answer.headers().get("x-request-id").unwrap(), "lb-42.a");
    // Otherwise (absent, or able to forge log lines) a new one is made.
    let forged = actix_test::TestRequest::get()
        .uri("/boards/8")
        .insert_header(("x-request-id", "x\" injected"))
        .to_request();
    let answer = actix_test::call_service(&app, forged).await;
    let made = answer
        .headers()
        .get("x-request-id")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(uuid::Uuid::parse_str(&made).is_ok(), "{made}");

    let lines = captured.lines();
    let of = |id: &str| -> Vec<&Value> {
        lines
            .iter()
            .filter(|line| line["span"]["request_id"] == id)
            .collect()
    };
    let first = of("lb-42.a");
    assert_eq!(first.len(), 2, "{lines:#?}");
    assert_eq!(first[0]["message"], "inside the handler");
    let access = first[1];
    assert_eq!(access["target"], "rapport::access");
    assert_eq!(access["level"], "INFO");
    assert_eq!(access["status"], 200);
    assert!(access["duration_ms"].as_f64().is_some());
    assert!(
        access["message"]
            .as_str()
            .unwrap()
            .starts_with("GET /boards/7?tab=content HTTP/1.1 200 "),
        "{access}"
    );
    assert_eq!(of(&made).len(), 2, "{lines:#?}");
}
