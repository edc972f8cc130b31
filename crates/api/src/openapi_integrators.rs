//! The document's parts for integrators that no single route states, because middlewares answer
//! them for every route alike:
//!
//! - the optional `Idempotency-Key` header of every signed-in `POST` with a JSON body or none
//!   (`crate::idempotency`), with its 409 and 422 answers;
//! - the 403 any signed-in route may answer an API key (a person's route, or a read key
//!   writing) and the 429 a key past its budget gets on its team's routes, with `Retry-After` and
//!   the `RateLimit-*` headers (`crate::integrators::key_auth`);
//! - the events a webhook endpoint receives, as OpenAPI 3.1 `webhooks`: one entry per event of
//!   `WebhookEvent`'s list, with the payload's schema and the Standard Webhooks headers.
//!
//! Written into the JSON document, as the links are (`crate::openapi_links`).

use serde_json::{json, Map, Value};

use rapport_domain::webhooks::WebhookEvent;

use crate::integrators::key_auth::team_route;
use crate::openapi::problem_response;

/// Adds the integrators' parts to the document.
pub fn add(document: &mut Value) {
    if let Some(paths) = document.get_mut("paths").and_then(Value::as_object_mut) {
        for (path, item) in paths.iter_mut() {
            let Some(item) = item.as_object_mut() else {
                continue;
            };
            for (method, operation) in item.iter_mut() {
                add_to_operation(path, method, operation);
            }
        }
    }
    if let Some(schemas) = document
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        schemas.insert("WebhookPayload".to_owned(), webhook_payload_schema());
    }
    if let Some(root) = document.as_object_mut() {
        root.insert("webhooks".to_owned(), webhooks());
    }
}

fn signed_in(operation: &Value) -> bool {
    operation
        .get("security")
        .and_then(Value::as_array)
        .is_some_and(|requirements| {
            requirements
                .iter()
                .any(|requirement| requirement.get("bearer").is_some())
        })
}

/// Whether idempotency covers the operation's body: JSON, or none.
fn json_or_no_body(operation: &Value) -> bool {
    match operation.pointer("/requestBody/content") {
        None => true,
        Some(content) => content.get("application/json").is_some(),
    }
}

fn add_to_operation(path: &str, method: &str, operation: &mut Value) {
    if !signed_in(operation) {
        return;
    }
    let idempotent = method == "post" && json_or_no_body(operation);
    if idempotent {
        if let Some(parameters) = operation
            .as_object_mut()
            .map(|operation| operation.entry("parameters").or_insert_with(|| json!([])))
            .and_then(Value::as_array_mut)
        {
            parameters.push(idempotency_key_parameter());
        }
    }
    let Some(responses) = operation
        .get_mut("responses")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    add_response(
        responses,
        "403",
        "The caller may not do this: their role does not allow it, or an API key was sent to \
         a person's route or, read-only, tried to change something (`forbidden`).",
        &[],
    );
    if team_route(path) {
        add_response(
            responses,
            "429",
            "The API key spent its budget for this minute (`rate_limited`): retry after \
             `Retry-After` seconds.",
            &RATE_LIMIT_HEADERS,
        );
    }
    if idempotent {
        add_response(
            responses,
            "400",
            "Malformed JSON body, path or query parameter, or an `Idempotency-Key` that is not \
             1 to 255 visible ASCII characters (`malformed_json`, `invalid_parameter`).",
            &[],
        );
        add_response(
            responses,
            "409",
            "A request with this `Idempotency-Key` is still running \
             (`idempotency_key_in_use`): retry after `Retry-After` seconds for its answer.",
            &[("Retry-After", "Seconds to wait before trying again.")],
        );
        add_response(
            responses,
            "422",
            "Invalid fields (`validation_failed`), or an `Idempotency-Key` used in the last 24 \
             hours for another request (`idempotency_key_reused`).",
            &[],
        );
    }
}

/// The headers of every answer to an API key (and of its 429).
const RATE_LIMIT_HEADERS: [(&str, &str); 4] = [
    ("Retry-After", "Seconds until the key's budget is renewed."),
    ("RateLimit-Limit", "The key's requests a minute."),
    ("RateLimit-Remaining", "Requests left in this minute (0)."),
    ("RateLimit-Reset", "Seconds until the minute ends."),
];

/// Documents an answer the operation does not document yet (an operation's own description of
/// a status stays: it names the codes its handler gives).
fn add_response(
    responses: &mut Map<String, Value>,
    status: &str,
    description: &str,
    headers: &[(&str, &str)],
) {
    if responses.contains_key(status) {
        return;
    }
    let response = serde_json::to_value(problem_response(description, headers)).unwrap_or_default();
    responses.insert(status.to_owned(), response);
}

fn idempotency_key_parameter() -> Value {
    json!({
        "name": "Idempotency-Key",
        "in": "header",
        "required": false,
        "description": "Makes retrying safe: the same key with the same request within 24 hours \
            answers the first answer again (with `Idempotent-Replayed: true`) without doing it \
            twice; a key is the caller's own (a UUID, say). docs/api-design.md, \"Retrying \
            safely\".",
        "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[!-~]+$"}
    })
}

fn webhook_payload_schema() -> Value {
    json!({
        "type": "object",
        "description": "What a webhook endpoint receives: the event, when it happened, and what \
            it is about. `data` holds `team_id` and, by event: `influencer_id`, `board_id`, \
            `card_id`, `actor_id` and `change` for influencer and card events; `text`, \
            `creator_id`, `influencer_id`, `conversation_id` and `invite_id` (each may be null) \
            for connection, message, match and reminder events; `webhook_id` for the test event.",
        "required": ["type", "timestamp", "data"],
        "properties": {
            "type": {"$ref": "#/components/schemas/WebhookEvent"},
            "timestamp": {"type": "string", "format": "date-time"},
            "data": {
                "type": "object",
                "required": ["team_id"],
                "properties": {"team_id": {"$ref": "#/components/schemas/TeamId"}},
                "additionalProperties": true
            }
        }
    })
}

/// One entry per event: what Rapport POSTs to an endpoint that receives it.
fn webhooks() -> Value {
    let headers = [
        (
            "webhook-id",
            "The delivery's id: the same on every try of one delivery (deduplicate on it).",
        ),
        (
            "webhook-timestamp",
            "Seconds since the epoch when the try was signed.",
        ),
        (
            "webhook-signature",
            "`v1,` and the base64 HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{body}` with \
             the endpoint's secret (the bytes after `whsec_`, base64-decoded).",
        ),
    ];
    let parameters: Vec<Value> = headers
        .iter()
        .map(|(name, about)| {
            json!({"name": name, "in": "header", "required": true, "description": about,
                   "schema": {"type": "string"}})
        })
        .collect();
    WebhookEvent::ALL
        .iter()
        .map(|event| {
            let name = event.as_str();
            (
                name.to_owned(),
                json!({"post": {
                    "tags": ["webhooks"],
                    "summary": format!("`{name}`, POSTed to the endpoints that receive it"),
                    "operationId": format!("webhook_{}", name.replace('.', "_")),
                    "parameters": parameters,
                    "requestBody": {
                        "required": true,
                        "content": {"application/json": {
                            "schema": {"$ref": "#/components/schemas/WebhookPayload"}
                        }}
                    },
                    "responses": {"2XX": {
                        "description": "Delivered. Any other answer (or none within 15 seconds) \
                            is retried with backoff."
                    }}
                }}),
            )
        })
        .collect::<Map<String, Value>>()
        .into()
}

#[cfg(test)]
#[path = "openapi_integrators_tests.rs"]
mod tests;
