//! `Body<T>`: a JSON request body that must be a JSON object. (serde would also read a struct
//! from an array of its fields, `[null, null]`, which no client means and the schema forbids.)

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};
use serde::de::DeserializeOwned;

use crate::error::{ApiError, ErrorCode};

/// A request body: JSON, an object, within the size limit, deserialised into `T`.
#[derive(Debug)]
pub struct Body<T>(pub T);

impl<T> Body<T> {
    /// The body.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Body<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Body<T> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, actix_web::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let json = web::Json::<serde_json::Value>::from_request(req, payload);
        Box::pin(async move {
            let value = json.await?.into_inner();
            if !value.is_object() {
                return Err(ApiError::new(
                    ErrorCode::ValidationFailed,
                    "The body must be a JSON object.",
                )
                .into());
            }
            serde_json::from_value(value).map(Body).map_err(|error| {
                ApiError::new(
                    ErrorCode::ValidationFailed,
                    format!("The body does not match the schema: {error}"),
                )
                .into()
            })
        })
    }
}

/// A raw request body (an uploaded list, a piped mail), read whole up to `max` bytes: beyond, 413
/// `payload_too_large` saying `too_large`; a broken upload is `broken_code`.
pub async fn read_raw(
    mut payload: web::Payload,
    max: usize,
    too_large: &str,
    broken_code: ErrorCode,
) -> Result<Vec<u8>, ApiError> {
    use futures_util::StreamExt;
    let mut body = Vec::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk
            .map_err(|e| ApiError::new(broken_code, format!("the body could not be read: {e}")))?;
        if body.len() + chunk.len() > max {
            return Err(ApiError::new(ErrorCode::PayloadTooLarge, too_large));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// A raw request body (an uploaded list) written to an unnamed temporary file as it arrives, up to
/// `max` bytes, and answered rewound: the server holds 64 KiB of it at a time, not the whole
/// (the file is gone when dropped, and after a crash). Beyond `max`: 413 `payload_too_large`
/// saying `too_large`; a broken upload is `broken_code`.
pub async fn spool(
    mut payload: web::Payload,
    max: usize,
    too_large: &str,
    broken_code: ErrorCode,
) -> Result<std::fs::File, ApiError> {
    use futures_util::StreamExt;
    use tokio::io::{AsyncSeekExt, AsyncWriteExt};
    let file = tempfile::tempfile().map_err(ApiError::internal)?;
    let mut file = tokio::fs::File::from_std(file);
    let mut written = 0;
    while let Some(chunk) = payload.next().await {
        let chunk = chunk
            .map_err(|e| ApiError::new(broken_code, format!("the body could not be read: {e}")))?;
        written += chunk.len();
        if written > max {
            return Err(ApiError::new(ErrorCode::PayloadTooLarge, too_large));
        }
        file.write_all(&chunk).await.map_err(ApiError::internal)?;
    }
    file.flush().await.map_err(ApiError::internal)?;
    file.rewind().await.map_err(ApiError::internal)?;
    Ok(file.into_std().await)
}
