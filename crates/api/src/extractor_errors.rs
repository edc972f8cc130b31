//! actix's own extractor failures (bad JSON, wrong content type, oversized body, bad path or
//! query) turned into problem+json, so every error has the same envelope.

use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::{web, HttpRequest};
use rapport_domain::limits::BODY_MAX_BYTES;

use crate::error::{ApiError, ErrorCode};

/// JSON bodies: at most 1 MiB, `application/json` only.
pub fn json_config() -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(BODY_MAX_BYTES)
        .error_handler(|error, _req: &HttpRequest| json_error(error).into())
}

/// Path parameters (ids): a malformed one is a 400.
pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|error: PathError, _req: &HttpRequest| {
        ApiError::new(
            ErrorCode::InvalidParameter,
            format!("Invalid path parameter: {error}"),
        )
        .into()
    })
}

/// Query strings: a malformed one is a 400.
pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|error: QueryPayloadError, _req: &HttpRequest| {
        ApiError::new(
            ErrorCode::InvalidParameter,
            format!("Invalid query parameter: {error}"),
        )
        .into()
    })
}

fn json_error(error: JsonPayloadError) -> ApiError {
    match error {
        JsonPayloadError::ContentType => ApiError::new(
            ErrorCode::UnsupportedMediaType,
            "The body must be JSON, sent with Content-Type: application/json.",
        ),
        JsonPayloadError::Overflow { .. } | JsonPayloadError::OverflowKnownLength { .. } => {
            ApiError::new(
                ErrorCode::PayloadTooLarge,
                format!("The body is larger than {BODY_MAX_BYTES} bytes."),
            )
        }
        JsonPayloadError::Deserialize(error) if error.is_data() => ApiError::new(
            ErrorCode::ValidationFailed,
            format!("The body does not match the schema: {error}"),
        ),
        JsonPayloadError::Deserialize(error) => ApiError::new(
            ErrorCode::MalformedJson,
            format!("The body is not valid JSON: {error}"),
        ),
        other => ApiError::new(
            ErrorCode::MalformedJson,
            format!("The body could not be read: {other}"),
        ),
    }
}
