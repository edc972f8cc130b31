//! Inbound mail: `POST /api/v1/inbound/email`, where an inbound-parse service (JSON) or an MTA
//! (the raw message, `message/rfc822`) hands over replies to conversations' reply addresses.

use actix_web::web::{Data, Json, Payload};
use actix_web::{post, HttpRequest};
use hmac::{Hmac, Mac};
use rapport_domain::messages::{InboundEmail, InboundResult};
use sha2::Sha256;

use crate::body::read_raw;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::messaging::inbound;
use crate::openapi::{BadRequest, PayloadTooLarge, Unprocessable, UnsupportedMediaType};
use crate::state::AppState;

/// Bytes of an inbound mail, at most.
const MAIL_MAX: usize = 10 * 1024 * 1024;
/// Seconds a signature stays valid either side of its timestamp.
const SIGNATURE_WINDOW_SECS: i64 = 300;

/// The header carrying the signing time, in seconds since 1970.
pub const TIMESTAMP_HEADER: &str = "x-rapport-timestamp";
/// The header carrying `sha256=` and the hex HMAC-SHA256 of `{timestamp}.{body}`.
pub const SIGNATURE_HEADER: &str = "x-rapport-signature";

fn unsigned(detail: &str) -> ApiError {
    ApiError::new(ErrorCode::InvalidSignature, detail)
}

fn hex_decode(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|at| u8::from_str_radix(text.get(at..at + 2)?, 16).ok())
        .collect()
}

/// Checks the signature of `body` signed at the header's time, within five minutes of `now`.
pub fn verify(
    secret: &str,
    timestamp: Option<&str>,
    signature: Option<&str>,
    body: &[u8],
    now: i64,
) -> ApiResult<()> {
    let timestamp =
        timestamp.ok_or_else(|| unsigned("The X-Rapport-Timestamp header is missing."))?;
    let at: i64 = timestamp
        .parse()
        .map_err(|_| unsigned("X-Rapport-Timestamp is not a number of seconds."))?;
    if (now - at).abs() > SIGNATURE_WINDOW_SECS {
        return Err(unsigned(
            "The signature is more than 5 minutes old (or ahead).",
        ));
    }
    let signature = signature
        .and_then(|value| value.strip_prefix("sha256="))
        .and_then(hex_decode)
        .ok_or_else(|| unsigned("X-Rapport-Signature must be sha256= and a hex HMAC."))?;
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes())
        .map_err(|_| ApiError::internal(anyhow::anyhow!("the inbound secret is unusable")))?;
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(body);
    mac.verify_slice(&signature)
        .map_err(|_| unsigned("The signature does not match the body."))
}

/// Receive a reply by e-mail. The body is the inbound-parse JSON (`application/json`) or the raw
/// message (`message/rfc822`). Signed: `X-Rapport-Timestamp` (seconds since 1970, within 5
/// minutes) and `X-Rapport-Signature: sha256=` + hex HMAC-SHA256 of `{timestamp}.{body}` with
/// `RAPPORT_INBOUND_SECRET` (401 `invalid_signature` otherwise; also while no secret is set).
/// The mail must go to a conversation's reply address (422 `unknown_reply_address`) from its
/// influencer (422 `sender_mismatch`); quoted history and the signature are removed, and the
/// same Message-ID twice is kept once.
#[utoipa::path(
    tag = "inbound",
    params(
        ("X-Rapport-Timestamp" = String, Header, description = "Seconds since 1970 when the body was signed."),
        ("X-Rapport-Signature" = String, Header, description = "`sha256=` and the hex HMAC-SHA256 of `{timestamp}.{body}`.")
    ),
    request_body(
        content = InboundEmail,
        description = "The inbound-parse JSON. The raw mail is accepted too, as `message/rfc822` (not listed as a second content type: client generators refuse it)."
    ),
    responses(
        (status = 200, description = "Added (or already there: `duplicate`).", body = InboundResult),
        BadRequest,
        (status = 401, description = "Missing, wrong or stale signature, or inbound mail is off (`invalid_signature`).", body = rapport_domain::Problem, content_type = "application/problem+json"),
        PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[post("/inbound/email")]
pub async fn receive_email(
    state: Data<AppState>,
    request: HttpRequest,
    payload: Payload,
) -> ApiResult<Json<InboundResult>> {
    let secret = state.inbound_secret.clone().ok_or_else(|| {
        unsigned("Inbound mail is off on this server: set RAPPORT_INBOUND_SECRET to turn it on.")
    })?;
    let body = read_raw(
        payload,
        MAIL_MAX,
        "An inbound mail is at most 10 MiB.",
        ErrorCode::MalformedJson,
    )
    .await?;
    let header = |name: &str| {
        request
            .headers()
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned)
    };
    let now = state.clock.now();
    verify(
        &secret,
        header(TIMESTAMP_HEADER).as_deref(),
        header(SIGNATURE_HEADER).as_deref(),
        &body,
        now.and_utc().timestamp(),
    )?;
    let content_type = header("content-type").unwrap_or_default().to_lowercase();
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_owned();
    let mail: InboundEmail = match essence.as_str() {
        "application/json" => serde_json::from_slice(&body).map_err(|e| {
            ApiError::new(
                ErrorCode::MalformedJson,
                format!("the body is not an inbound mail: {e}"),
            )
        })?,
        "message/rfc822" => {
            rapport_integrations::inbound::parse_rfc822(&body).ok_or_else(|| {
                ApiError::new(
                    ErrorCode::MalformedJson,
                    "the body is not an RFC 5322 message",
                )
            })?
        }
        _ => {
            return Err(ApiError::new(
                ErrorCode::UnsupportedMediaType,
                "Send application/json (inbound-parse) or message/rfc822 (the raw mail).",
            ))
        }
    };
    let domain = state.inbound_domain.clone();
    let result = state
        .db
        .write(move |conn| inbound::receive(conn, &mail, &domain, now))
        .await?;
    Ok(Json(result))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sign(secret: &str, timestamp: &str, body: &[u8]) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("a key");
        mac.update(timestamp.as_bytes());
        mac.update(b".");
        mac.update(body);
        let bytes = mac.finalize().into_bytes();
        format!(
            "sha256={}",
            bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
        )
    }

    #[test]
    fn a_signature_must_match_the_body_the_secret_and_the_time() {
        let body = b"{\"from\":\"a\"}";
        let good = sign("s3cret", "1000", body);
        assert!(verify("s3cret", Some("1000"), Some(&good), body, 1_100).is_ok());
        let refused = |result: ApiResult<()>| result.err().map(|e| e.code());
        let code = Some(ErrorCode::InvalidSignature);
        assert_eq!(
            refused(verify("other", Some("1000"), Some(&good), body, 1_100)),
            code
        );
        assert_eq!(
            refused(verify("s3cret", Some("1000"), Some(&good), b"{}", 1_100)),
            code
        );
        assert_eq!(
            refused(verify("s3cret", Some("1000"), Some(&good), body, 1_301)),
            code
        );
        assert_eq!(
            refused(verify("s3cret", Some("1001"), Some(&good), body, 1_100)),
            code
        );
        assert_eq!(
            refused(verify("s3cret", None, Some(&good), body, 1_100)),
            code
        );
        assert_eq!(
            refused(verify("s3cret", Some("1000"), None, body, 1_100)),
            code
        );
        assert_eq!(
            refused(verify(
                "s3cret",
                Some("1000"),
                Some("sha256=zz"),
                body,
                1_100
            )),
            code
        );
        assert_eq!(
            refused(verify("s3cret", Some("x"), Some(&good), body, 1_100)),
            code
        );
    }
}
