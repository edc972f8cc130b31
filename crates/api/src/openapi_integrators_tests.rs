use serde_json::Value;

use crate::openapi;

fn operation<'a>(document: &'a Value, path: &str, method: &str) -> &'a Value {
    let found = document
        .pointer(&format!("/paths/{}/{method}", path.replace('/', "~1")))
        .unwrap_or(&Value::Null);
    assert!(found.is_object(), "{method} {path} is in the document");
    found
}

fn has_header(operation: &Value, name: &str) -> bool {
    operation["parameters"]
        .as_array()
        .is_some_and(|parameters| {
            parameters
                .iter()
                .any(|parameter| parameter["in"] == "header" && parameter["name"] == name)
        })
}

#[test]
fn signed_in_posts_take_an_idempotency_key_and_say_what_it_answers() {
    let document = openapi::document();
    let add_card = operation(&document, "/api/v1/boards/{board_id}/cards", "post");
    assert!(has_header(add_card, "Idempotency-Key"));
    for status in ["400", "409", "422"] {
        assert!(add_card["responses"][status].is_object(), "{status}");
    }
    // Not a read, not a sign-up (no caller to keep keys for), not an upload (not remembered).
    assert!(!has_header(
        operation(&document, "/api/v1/boards/{board_id}", "get"),
        "Idempotency-Key"
    ));
    assert!(!has_header(
        operation(&document, "/api/v1/auth/signup", "post"),
        "Idempotency-Key"
    ));
    let uploads: Vec<&Value> = document["paths"]
        .as_object()
        .into_iter()
        .flat_map(|paths| paths.values())
        .filter_map(|item| item.get("post"))
        .filter(|post| {
            post.pointer("/requestBody/content/application~1json")
                .is_none()
        })
        .filter(|post| post.pointer("/requestBody/content").is_some())
        .collect();
    assert!(!uploads.is_empty(), "an upload is in the document");
    assert!(uploads
        .iter()
        .all(|post| !has_header(post, "Idempotency-Key")));
}

#[test]
fn a_keys_team_routes_document_its_budget_and_every_signed_in_route_a_403() {
    let document = openapi::document();
    let list_boards = operation(&document, "/api/v1/teams/{team_id}/boards", "get");
    let limited = &list_boards["responses"]["429"];
    for header in [
        "Retry-After",
        "RateLimit-Limit",
        "RateLimit-Remaining",
        "RateLimit-Reset",
    ] {
        assert!(limited["headers"][header].is_object(), "{header}");
    }
    assert!(list_boards["responses"]["403"].is_object());
    // A person's route: a key gets 403 there, never a budget.
    let me = operation(&document, "/api/v1/me", "get");
    assert!(me["responses"]["403"].is_object());
    assert!(me["responses"]["429"].is_null());
}

#[test]
fn every_webhook_event_is_documented_with_its_payload_and_signature_headers() {
    let document = openapi::document();
    let webhooks = document["webhooks"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    let events: Vec<&str> = rapport_domain::webhooks::WebhookEvent::ALL
        .iter()
        .map(|event| event.as_str())
        .collect();
    assert_eq!(
        webhooks
            .keys()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .len(),
        events.len()
    );
    for event in events {
        let post = &webhooks[event]["post"];
        assert_eq!(
            post.pointer("/requestBody/content/application~1json/schema/$ref"),
            Some(&Value::from("#/components/schemas/WebhookPayload")),
            "{event}"
        );
        for header in ["webhook-id", "webhook-timestamp", "webhook-signature"] {
            assert!(has_header(post, header), "{event}: {header}");
        }
    }
    assert!(document["components"]["schemas"]["WebhookPayload"].is_object());
}
