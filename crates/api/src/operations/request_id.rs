//! A request id on every request: the caller's `x-request-id` when it is a sane token (a proxy
//! or a client that already named the request), else a new UUID. It is returned in
//! `x-request-id`, carried by the request's tracing span (so every log line of the request has
//! it, in JSON logs too), and closes the request with its access-log line.

use std::time::Instant;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderMap, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::HttpMessage;
use tracing::Instrument;

/// The header that carries the id, both ways.
pub const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Longest id taken from a caller.
const MAX_LEN: usize = 128;

/// The request's id, in the request's extensions for whoever needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestId(pub String);

/// The caller's id when it is a sane token: 1 to 128 characters of ASCII letters, digits and
/// `-_.:/+=@`. Anything else (spaces, quotes, control characters that could forge log lines) is
/// replaced by a new id.
pub fn sane(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(X_REQUEST_ID)?.to_str().ok()?;
    let ok = !value.is_empty()
        && value.len() <= MAX_LEN
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.:/+=@".contains(&b));
    ok.then(|| value.to_owned())
}

/// The middleware (outermost, so its line and header cover every answer, errors included).
pub async fn request_id(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let id = sane(req.headers()).unwrap_or_else(|| uuid::Uuid::now_v7().to_string());
    let started = Instant::now();
    let line = format!(
        "{} {}{} {:?}",
        req.method(),
        req.path(),
        req.uri()
            .query()
            .map(|query| format!("?{query}"))
            .unwrap_or_default(),
        req.version()
    );
    req.extensions_mut().insert(RequestId(id.clone()));
    let span = tracing::info_span!("request", request_id = %id);
    let answered = next.call(req).instrument(span.clone()).await;
    let status = match &answered {
        Ok(res) => res.status(),
        // Handlers' errors are answers by now; this is a layer's own failure, which actix
        // answers itself (without the header: it has no response to put it on yet).
        Err(error) => error.as_response_error().status_code(),
    }
    .as_u16();
    let millis = started.elapsed().as_secs_f64() * 1_000.0;
    span.in_scope(|| {
        tracing::info!(
            target: "rapport::access",
            status,
            duration_ms = millis,
            "{line} {status} {millis:.3} ms"
        );
    });
    let mut res = answered?;
    if let Ok(value) = HeaderValue::from_str(&id) {
        res.headers_mut().insert(X_REQUEST_ID, value);
    }
    Ok(res.map_into_boxed_body())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(X_REQUEST_ID, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn takes_sane_ids_only() {
        assert_eq!(
            sane(&with("abc-123_x.y:z")),
            Some("abc-123_x.y:z".to_owned())
        );
        assert_eq!(
            sane(&with("Root=1-5759e988-bd862e3fe1be46a994272793")),
            Some("Root=1-5759e988-bd862e3fe1be46a994272793".to_owned())
        );
        assert_eq!(sane(&HeaderMap::new()), None);
        assert_eq!(sane(&with("")), None);
        assert_eq!(sane(&with("two words")), None);
        assert_eq!(sane(&with("quote\"d")), None);
        assert_eq!(sane(&with(&"a".repeat(129))), None);
        assert_eq!(sane(&with(&"a".repeat(128))), Some("a".repeat(128)));
    }
}
