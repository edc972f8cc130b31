//! One error type for every failure, rendered as RFC 9457 problem+json with a stable `code`.

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use rapport_domain::{FieldError, FieldErrors, Problem};
use rapport_store::StoreError;

/// Every error code the API answers with; the JSON spelling is stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    /// 422: fields break the documented rules; see `errors`.
    ValidationFailed,
    /// 400: the body is not JSON.
    MalformedJson,
    /// 400: a path or query parameter is malformed.
    InvalidParameter,
    /// 415: the body is not `application/json`.
    UnsupportedMediaType,
    /// 413: the body is over 1 MiB.
    PayloadTooLarge,
    /// 401: no valid access token.
    Unauthorized,
    /// 401: wrong e-mail or password.
    InvalidCredentials,
    /// 401: unknown, expired or revoked refresh token.
    InvalidRefreshToken,
    /// 401: a refresh token was used twice; the session is revoked.
    RefreshTokenReused,
    /// 403: the role does not allow it.
    Forbidden,
    /// 403: the invitation was sent to another address.
    InviteEmailMismatch,
    /// 404: no such resource (or not yours).
    NotFound,
    /// 405: the path exists, the method does not.
    MethodNotAllowed,
    /// 409: the e-mail address has an account.
    EmailTaken,
    /// 409: already a member of the team.
    AlreadyMember,
    /// 409: an invitation to this address is already pending.
    InvitePending,
    /// 409: the invitation was already accepted or revoked.
    InviteNotPending,
    /// 409: the team would be left without an owner.
    LastOwner,
    /// 409: the influencer already has a card on this board (`existing_id` names it).
    CardExists,
    /// 409: another influencer of the team holds this account (`existing_id` names them).
    AccountTaken,
    /// 409: the board has a label with this name.
    LabelExists,
    /// 409: the column holds cards: say where they go, or that they are removed.
    ColumnNotEmpty,
    /// 409: an influencer keeps at least one platform account.
    LastAccount,
    /// 409: a concurrent request made the same change first; reading again shows it.
    Conflict,
    /// 422: the column belongs to another board.
    ColumnNotInBoard,
    /// 422: the label belongs to another board.
    LabelNotInBoard,
    /// 422: the card given as `before`/`after` is in another column.
    CardNotInColumn,
    /// 422: `after` and `before` are given in the wrong order.
    InvalidPlacement,
    /// 410: the invitation link expired.
    InviteExpired,
    /// 410: the invitation link was already used.
    InviteAccepted,
    /// 410: the invitation was revoked.
    InviteRevoked,
    /// 429: too many attempts; see `Retry-After`.
    RateLimited,
    /// 500: a bug; details are in the server log only.
    Internal,
    /// 503: the database is overloaded or unreachable.
    ServiceUnavailable,
}

impl ErrorCode {
    /// The HTTP status.
    pub fn status(self) -> StatusCode {
        use ErrorCode::*;
        match self {
            ValidationFailed => StatusCode::UNPROCESSABLE_ENTITY,
            MalformedJson | InvalidParameter => StatusCode::BAD_REQUEST,
            UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Unauthorized | InvalidCredentials | InvalidRefreshToken | RefreshTokenReused => {
                StatusCode::UNAUTHORIZED
            }
            Forbidden | InviteEmailMismatch => StatusCode::FORBIDDEN,
            NotFound => StatusCode::NOT_FOUND,
            MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            EmailTaken | AlreadyMember | InvitePending | InviteNotPending | LastOwner
            | CardExists | AccountTaken | LabelExists | ColumnNotEmpty | LastAccount | Conflict => {
                StatusCode::CONFLICT
            }
            ColumnNotInBoard | LabelNotInBoard | CardNotInColumn | InvalidPlacement => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            InviteExpired | InviteAccepted | InviteRevoked => StatusCode::GONE,
            RateLimited => StatusCode::TOO_MANY_REQUESTS,
            Internal => StatusCode::INTERNAL_SERVER_ERROR,
            ServiceUnavailable => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// The stable snake_case spelling.
    pub fn as_str(self) -> &'static str {
        use ErrorCode::*;
        match self {
            ValidationFailed => "validation_failed",
            MalformedJson => "malformed_json",
            InvalidParameter => "invalid_parameter",
            UnsupportedMediaType => "unsupported_media_type",
            PayloadTooLarge => "payload_too_large",
            Unauthorized => "unauthorized",
            InvalidCredentials => "invalid_credentials",
            InvalidRefreshToken => "invalid_refresh_token",
            RefreshTokenReused => "refresh_token_reused",
            Forbidden => "forbidden",
            InviteEmailMismatch => "invite_email_mismatch",
            NotFound => "not_found",
            MethodNotAllowed => "method_not_allowed",
            EmailTaken => "email_taken",
            AlreadyMember => "already_member",
            InvitePending => "invite_pending",
            InviteNotPending => "invite_not_pending",
            LastOwner => "last_owner",
            CardExists => "card_exists",
            AccountTaken => "account_taken",
            LabelExists => "label_exists",
            ColumnNotEmpty => "column_not_empty",
            LastAccount => "last_account",
            Conflict => "conflict",
            ColumnNotInBoard => "column_not_in_board",
            LabelNotInBoard => "label_not_in_board",
            CardNotInColumn => "card_not_in_column",
            InvalidPlacement => "invalid_placement",
            InviteExpired => "invite_expired",
            InviteAccepted => "invite_accepted",
            InviteRevoked => "invite_revoked",
            RateLimited => "rate_limited",
            Internal => "internal_error",
            ServiceUnavailable => "service_unavailable",
        }
    }
}

#[derive(Debug)]
struct Details {
    code: ErrorCode,
    detail: String,
    errors: Vec<FieldError>,
    retry_after_secs: Option<u64>,
    allow: Option<String>,
    existing_id: Option<String>,
    cause: Option<anyhow::Error>,
}

/// An error on its way to the client (boxed: errors are rare, results are everywhere).
#[derive(Debug)]
pub struct ApiError(Box<Details>);

/// The handlers' result type.
pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    /// An error with this code and a detail for people.
    pub fn new(code: ErrorCode, detail: impl Into<String>) -> Self {
        Self(Box::new(Details {
            code,
            detail: detail.into(),
            errors: Vec::new(),
            retry_after_secs: None,
            allow: None,
            existing_id: None,
            cause: None,
        }))
    }

    /// A conflict with an existing resource, named in the problem's `existing_id`.
    pub fn conflict_with(
        code: ErrorCode,
        detail: impl Into<String>,
        existing: impl ToString,
    ) -> Self {
        let mut error = Self::new(code, detail);
        error.0.existing_id = Some(existing.to_string());
        error
    }

    /// 404 for a resource that does not exist or is not the caller's to see.
    pub fn not_found(what: &str) -> Self {
        Self::new(ErrorCode::NotFound, format!("{what} not found"))
    }

    /// 403: the caller's role does not allow it.
    pub fn forbidden(detail: impl Into<String>) -> Self {
        Self::new(ErrorCode::Forbidden, detail)
    }

    /// 422 with one error per invalid field.
    pub fn validation(errors: FieldErrors) -> Self {
        let mut error = Self::new(
            ErrorCode::ValidationFailed,
            "The request has invalid fields.",
        );
        error.0.errors = errors.0;
        error
    }

    /// 429 with `Retry-After`.
    pub fn rate_limited(retry_after_secs: u64) -> Self {
        let mut error = Self::new(
            ErrorCode::RateLimited,
            "Too many attempts. Try again later.",
        );
        error.0.retry_after_secs = Some(retry_after_secs.max(1));
        error
    }

    /// 405 with `Allow`.
    pub fn method_not_allowed(allow: String) -> Self {
        let mut error = Self::new(
            ErrorCode::MethodNotAllowed,
            format!("This path accepts only: {allow}."),
        );
        error.0.allow = Some(allow);
        error
    }

    /// 500; the cause is logged, never sent.
    pub fn internal(cause: impl Into<anyhow::Error>) -> Self {
        Self::new(ErrorCode::Internal, "An unexpected error occurred.").caused_by(cause)
    }

    /// Keeps the cause for the log.
    pub fn caused_by(mut self, cause: impl Into<anyhow::Error>) -> Self {
        self.0.cause = Some(cause.into());
        self
    }

    /// The error's code.
    pub fn code(&self) -> ErrorCode {
        self.0.code
    }

    /// The problem document sent to the client.
    pub fn problem(&self) -> Problem {
        let status = self.0.code.status();
        let mut problem = Problem::new(
            status.as_u16(),
            status.canonical_reason().unwrap_or("Error"),
            self.0.code.as_str(),
            self.0.detail.clone(),
        );
        problem.errors = self.0.errors.clone();
        problem.existing_id = self.0.existing_id.clone();
        problem
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.0.code.as_str(), self.0.detail)?;
        if let Some(cause) = &self.0.cause {
            write!(f, " ({cause:#})")?;
        }
        Ok(())
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.0.code.status()
    }

    fn error_response(&self) -> HttpResponse {
        if self.0.code.status().is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
        let mut response = HttpResponse::build(self.0.code.status());
        response.content_type("application/problem+json");
        if let Some(seconds) = self.0.retry_after_secs {
            response.insert_header((header::RETRY_AFTER, seconds.to_string()));
        }
        if let Some(allow) = self
            .0
            .allow
            .as_deref()
            .and_then(|a| HeaderValue::from_str(a).ok())
        {
            response.insert_header((header::ALLOW, allow));
        }
        if self.0.code.status() == StatusCode::UNAUTHORIZED {
            response.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
        }
        response.json(self.problem())
    }
}

impl From<FieldErrors> for ApiError {
    fn from(errors: FieldErrors) -> Self {
        Self::validation(errors)
    }
}

impl From<rapport_store::QueryError> for ApiError {
    fn from(error: rapport_store::QueryError) -> Self {
        use rapport_store::QueryError::DatabaseError;
        // Existence is checked before every write, so a foreign key can only fail when a
        // concurrent request deleted what this one refers to (PostgreSQL runs writers side by side).
        if let DatabaseError(rapport_store::DatabaseErrorKind::ForeignKeyViolation, _) = &error {
            return Self::new(
                ErrorCode::NotFound,
                "Something this request refers to was deleted meanwhile.",
            )
            .caused_by(error);
        }
        if let DatabaseError(rapport_store::DatabaseErrorKind::UniqueViolation, _) = &error {
            return Self::new(
                ErrorCode::Conflict,
                "A concurrent request made the same change first; read the resource again.",
            )
            .caused_by(error);
        }
        Self::internal(error)
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Pool(cause) => Self::new(
                ErrorCode::ServiceUnavailable,
                "The service is busy. Try again shortly.",
            )
            .caused_by(cause),
            other => Self::internal(other),
        }
    }
}

#[cfg(test)]
#[path = "error_tests.rs"]
mod tests;
