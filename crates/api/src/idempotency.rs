//! Idempotent retries: a signed-in POST with an `Idempotency-Key` header (1 to 255 visible
//! ASCII characters) is remembered for 24 hours per caller. The same key with the same request
//! (method, path, query and body) answers the first answer again (its status and body, with
//! `Idempotent-Replayed: true`) without doing the work twice; with another request it answers
//! 422 `idempotency_key_reused`; while the first is still running, 409 `idempotency_key_in_use`
//! (with `Retry-After`). An answer of 5xx is not remembered: a retry runs the request again. A
//! request whose server died while it ran is taken over after [`STALE_MINUTES`].
//!
//! JSON bodies (up to the API's 1 MiB) are covered; an upload (`application/octet-stream`,
//! `text/csv`) passes through unremembered: uploading a list again replaces it by name.

use actix_web::body::{to_bytes_limited, BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage, HttpResponse, ResponseError};
use rapport_domain::limits::BODY_MAX_BYTES;
use rapport_store::idempotency::{self, Begun, IdempotencyRow};
use sha2::{Digest, Sha256};

use crate::body::read_raw;
use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;

/// The request header.
pub const IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");
/// The header of a replayed answer.
pub const REPLAYED: HeaderName = HeaderName::from_static("idempotent-replayed");
/// Hours a key is remembered.
pub const KEEP_HOURS: i64 = 24;
/// Minutes after which a request still marked running is taken to have died with its server.
pub const STALE_MINUTES: i64 = 5;
/// Longest key.
const KEY_MAX: usize = 255;
/// Longest answer remembered (a larger one is answered, not remembered).
const ANSWER_MAX: usize = 4 * 1024 * 1024;

/// The key, when it is one: visible ASCII, 1 to 255 characters.
fn valid(key: &str) -> bool {
    !key.is_empty() && key.len() <= KEY_MAX && key.bytes().all(|b| b.is_ascii_graphic())
}

fn fingerprint(method: &Method, path: &str, query: &str, body: &[u8]) -> String {
    let mut digest = Sha256::new();
    for part in [
        method.as_str().as_bytes(),
        path.as_bytes(),
        query.as_bytes(),
    ] {
        digest.update((part.len() as u64).to_be_bytes());
        digest.update(part);
    }
    digest.update(body);
    digest
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Whether the body is one idempotency covers (JSON or none).
fn covered(req: &ServiceRequest) -> bool {
    match req.headers().get(header::CONTENT_TYPE) {
        None => true,
        Some(value) => value
            .to_str()
            .map(|text| {
                text.split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .eq_ignore_ascii_case("application/json")
            })
            .unwrap_or(false),
    }
}

/// The signed-in caller's scope: their API key, or the user of the bearer access token (none:
/// the handler answers 401).
fn scope_of(req: &ServiceRequest, state: &AppState) -> Option<String> {
    if let Some(principal) = req
        .extensions()
        .get::<crate::integrators::key_auth::KeyPrincipal>()
    {
        return Some(format!("key:{}", principal.key));
    }
    let token = crate::auth::bearer(req.headers())?;
    state.jwt.verify(token).map(|user| format!("user:{user}"))
}

/// The middleware (inside path normalisation and compression: it remembers plain answers).
pub async fn idempotency(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let Some(raw_key) = req.headers().get(IDEMPOTENCY_KEY).cloned() else {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body);
    };
    if req.method() != Method::POST || !covered(&req) {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body);
    }
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body);
    };
    let Some(scope) = scope_of(&req, &state) else {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body);
    };
    let key = match raw_key.to_str() {
        Ok(key) if valid(key) => key.to_owned(),
        _ => {
            return Ok(ApiError::new(
                ErrorCode::InvalidParameter,
                "Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID, say).",
            )
            .answer(req))
        }
    };
    // The body, read whole (the API takes at most 1 MiB), then handed back to the handler.
    let payload = req.extract::<web::Payload>().await?;
    let body = match read_raw(
        payload,
        BODY_MAX_BYTES,
        "The body is over 1 MiB.",
        ErrorCode::MalformedJson,
    )
    .await
    {
        Ok(body) => web::Bytes::from(body),
        Err(error) => return Ok(error.answer(req)),
    };
    req.set_payload(actix_web::dev::Payload::from(body.clone()));
    let now = state.clock.now();
    let row = IdempotencyRow {
        scope: scope.clone(),
        idempotency_key: key.clone(),
        fingerprint: fingerprint(req.method(), req.path(), req.query_string(), &body),
        status: None,
        content_type: None,
        location: None,
        body: None,
        created_at: now,
        expires_at: now + chrono::Duration::hours(KEEP_HOURS),
    };
    let stale = now - chrono::Duration::minutes(STALE_MINUTES);
    let begun = state
        .db
        .write(move |conn| Ok(idempotency::begin(conn, &row, now, stale)?))
        .await;
    match begun {
        Err(error) => return Ok(error.answer(req)),
        Ok(Begun::Mismatch) => {
            return Ok(ApiError::new(
                ErrorCode::IdempotencyKeyReused,
                "This Idempotency-Key was used for another request in the last 24 hours: \
                     use a new key for a new request.",
            )
            .answer(req))
        }
        Ok(Begun::Running) => {
            let mut res = ApiError::new(
                ErrorCode::IdempotencyKeyInUse,
                "A request with this Idempotency-Key is still running: try again in a \
                     moment to get its answer.",
            )
            .answer(req);
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            return Ok(res);
        }
        Ok(Begun::Answered(stored)) => return Ok(replay(req, &stored)),
        Ok(Begun::Fresh) => {}
    }
    let res = match next.call(req).await {
        Ok(res) => res,
        Err(error) => {
            forget(&state, scope, key).await;
            return Err(error);
        }
    };
    let status = res.status();
    let (http, res) = res.into_parts();
    let (head, body) = res.into_parts();
    let bytes = match to_bytes_limited(body, ANSWER_MAX).await {
        Ok(Ok(bytes)) => bytes,
        _ => {
            forget(&state, scope, key).await;
            return Ok(ServiceResponse::new(
                http,
                ApiError::internal(anyhow::anyhow!("an answer could not be read whole"))
                    .error_response(),
            ));
        }
    };
    let text = String::from_utf8(bytes.to_vec()).ok();
    match text {
        Some(text) if !status.is_server_error() => {
            let header_text = |name: header::HeaderName| {
                head.headers()
                    .get(name)
                    .and_then(|value| value.to_str().ok())
                    .map(str::to_owned)
            };
            let content_type = header_text(header::CONTENT_TYPE);
            let location = header_text(header::LOCATION);
            let stored = state
                .db
                .write(move |conn| {
                    idempotency::answer(
                        conn,
                        &scope,
                        &key,
                        i32::from(status.as_u16()),
                        content_type.as_deref(),
                        location.as_deref(),
                        &text,
                    )?;
                    Ok(())
                })
                .await;
            if let Err(error) = stored {
                tracing::warn!(%error, "an idempotent answer was not stored");
            }
        }
        _ => forget(&state, scope, key).await,
    }
    Ok(ServiceResponse::new(
        http,
        head.set_body(BoxBody::new(bytes)),
    ))
}

/// Forgets a key whose request failed on our side.
async fn forget(state: &AppState, scope: String, key: String) {
    let forgotten = state
        .db
        .write(move |conn| Ok(idempotency::forget(conn, &scope, &key)?))
        .await;
    if let Err(error) = forgotten {
        tracing::warn!(%error, "an idempotency key was not forgotten");
    }
}

/// The stored answer, again.
fn replay(req: ServiceRequest, stored: &IdempotencyRow) -> ServiceResponse<BoxBody> {
    let status = stored
        .status
        .and_then(|status| u16::try_from(status).ok())
        .and_then(|status| StatusCode::from_u16(status).ok())
        .unwrap_or(StatusCode::OK);
    let mut response = HttpResponse::build(status);
    if let Some(content_type) = &stored.content_type {
        response.insert_header((header::CONTENT_TYPE, content_type.as_str()));
    }
    if let Some(location) = &stored.location {
        response.insert_header((header::LOCATION, location.as_str()));
    }
    response.insert_header((REPLAYED, "true"));
    req.into_response(response.body(stored.body.clone().unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_visible_ascii_of_a_sane_length() {
        assert!(valid("8e0b6f2c-4a4e-4f7e-9d67-0f6c2b8f3a11"));
        assert!(valid("retry:42"));
        assert!(!valid(""));
        assert!(!valid("with space"));
        assert!(!valid("naïve"));
        assert!(!valid(&"k".repeat(256)));
    }

    #[test]
    fn a_fingerprint_tells_requests_apart() {
        let one = fingerprint(&Method::POST, "/api/v1/a", "", b"{}");
        assert_eq!(one, fingerprint(&Method::POST, "/api/v1/a", "", b"{}"));
        assert_ne!(one, fingerprint(&Method::POST, "/api/v1/a", "", b"{ }"));
        assert_ne!(one, fingerprint(&Method::POST, "/api/v1/b", "", b"{}"));
        // Parts cannot run into each other.
        assert_ne!(
            fingerprint(&Method::POST, "/api/v1/a", "x=1", b""),
            fingerprint(&Method::POST, "/api/v1/ax=1", "", b"")
        );
    }
}
