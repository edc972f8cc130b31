//! The one error envelope of the API: RFC 9457 problem details (`application/problem+json`).

use serde::{Deserialize, Serialize};

/// An error response. `code` is stable and snake_case: clients branch on it, never on `title` or `detail`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "type": "urn:rapport:problem:validation_failed",
    "title": "Unprocessable Content",
    "status": 422,
    "detail": "The request has invalid fields.",
    "code": "validation_failed",
    "errors": [{"field": "email", "code": "invalid_email", "message": "is not a valid e-mail address"}]
})))]
pub struct Problem {
    /// A URI naming the problem type: `urn:rapport:problem:{code}`.
    #[serde(rename = "type")]
    pub type_uri: String,
    /// The HTTP status phrase.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong, for people.
    pub detail: String,
    /// What went wrong, for programs: stable snake_case.
    pub code: String,
    /// Field errors, for `validation_failed`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// For a conflict with an existing resource (a card already on the board, an account another
    /// influencer holds): that resource's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub existing_id: Option<String>,
}

impl Problem {
    /// A problem with the given status, title, code and detail.
    pub fn new(status: u16, title: &str, code: &str, detail: impl Into<String>) -> Self {
        Self {
            type_uri: format!("urn:rapport:problem:{code}"),
            title: title.to_owned(),
            status,
            detail: detail.into(),
            code: code.to_owned(),
            errors: Vec::new(),
            existing_id: None,
        }
    }
}

/// One invalid field of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The field's name as it appears in the request (`email`, `password`, ...).
    pub field: String,
    /// Stable snake_case reason (`required`, `too_long`, `invalid_email`, ...).
    pub code: String,
    /// The reason, for people.
    pub message: String,
}
