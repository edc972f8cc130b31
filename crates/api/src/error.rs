//! One error type for every failure, rendered as RFC 9457 problem+json with a stable `code`.

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use rapport_domain::{FieldError, FieldErrors, Problem};
use rapport_store::StoreError;

/// Declares the error codes once, each with its wire spelling and its status, and derives from that
/// one list the enum, [`ErrorCode::ALL`], [`ErrorCode::as_str`] and [`ErrorCode::status`].
macro_rules! error_codes {
    ($($(#[$attr:meta])* $variant:ident => $code:literal, $status:ident;)*) => {
        /// Every error code the API answers with; the JSON spelling is stable.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum ErrorCode {
            $(
                $(#[$attr])*
                #[doc = ""]
                #[doc = concat!("Sent as `", $code, "` with status `", stringify!($status), "`.")]
                $variant,
            )*
        }

        impl ErrorCode {
            /// Every code, in declaration order.
            pub const ALL: &[ErrorCode] = &[$(ErrorCode::$variant),*];

            /// The HTTP status.
            pub fn status(self) -> StatusCode {
                match self {
                    $(ErrorCode::$variant => StatusCode::$status,)*
                }
            }

            /// The stable snake_case spelling (the problem's `code`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $code,)*
                }
            }
        }
    };
}

// Spellings are the variant's name in snake_case, except `internal_error`. They are part of the
// API: never change one. Each code has a row in docs/api-design.md (a unit test checks).
error_codes! {
    /// Fields break the documented rules; see `errors`.
    ValidationFailed => "validation_failed", UNPROCESSABLE_ENTITY;
    /// The body is not JSON.
    MalformedJson => "malformed_json", BAD_REQUEST;
    /// A path or query parameter is malformed.
    InvalidParameter => "invalid_parameter", BAD_REQUEST;
    /// `/api/v1/realtime` is a WebSocket: the request must ask to upgrade to one.
    WebsocketExpected => "websocket_expected", BAD_REQUEST;
    /// The body is not `application/json`.
    UnsupportedMediaType => "unsupported_media_type", UNSUPPORTED_MEDIA_TYPE;
    /// The body is over 1 MiB.
    PayloadTooLarge => "payload_too_large", PAYLOAD_TOO_LARGE;
    /// No valid access token.
    Unauthorized => "unauthorized", UNAUTHORIZED;
    /// Wrong e-mail or password.
    InvalidCredentials => "invalid_credentials", UNAUTHORIZED;
    /// Unknown, expired or revoked refresh token.
    InvalidRefreshToken => "invalid_refresh_token", UNAUTHORIZED;
    /// An inbound mail's signature is missing, wrong or too old.
    InvalidSignature => "invalid_signature", UNAUTHORIZED;
    /// A refresh token was used twice; the session is revoked.
    RefreshTokenReused => "refresh_token_reused", UNAUTHORIZED;
    /// The role does not allow it.
    Forbidden => "forbidden", FORBIDDEN;
    /// The invitation was sent to another address.
    InviteEmailMismatch => "invite_email_mismatch", FORBIDDEN;
    /// No such resource (or not yours).
    NotFound => "not_found", NOT_FOUND;
    /// The path exists, the method does not.
    MethodNotAllowed => "method_not_allowed", METHOD_NOT_ALLOWED;
    /// The e-mail address has an account.
    EmailTaken => "email_taken", CONFLICT;
    /// Already a member of the team.
    AlreadyMember => "already_member", CONFLICT;
    /// An invitation to this address is already pending.
    InvitePending => "invite_pending", CONFLICT;
    /// The invitation was already accepted or revoked.
    InviteNotPending => "invite_not_pending", CONFLICT;
    /// The team would be left without an owner.
    LastOwner => "last_owner", CONFLICT;
    /// The influencer already has a card on this board (`existing_id` names it).
    CardExists => "card_exists", CONFLICT;
    /// Another influencer of the team holds this account (`existing_id` names them).
    AccountTaken => "account_taken", CONFLICT;
    /// The board has a label with this name.
    LabelExists => "label_exists", CONFLICT;
    /// The column holds cards: say where they go, or that they are removed.
    ColumnNotEmpty => "column_not_empty", CONFLICT;
    /// An influencer keeps at least one platform account.
    LastAccount => "last_account", CONFLICT;
    /// The user already has a creator profile.
    CreatorExists => "creator_exists", CONFLICT;
    /// Another creator claimed this platform account.
    AccountClaimed => "account_claimed", CONFLICT;
    /// The team and the creator are connected already.
    AlreadyConnected => "already_connected", CONFLICT;
    /// The creator declined the team's invitation less than 30 days ago.
    DeclinedRecently => "declined_recently", CONFLICT;
    /// A concurrent request made the same change first; reading again shows it.
    Conflict => "conflict", CONFLICT;
    /// A webhook's URL leads to a private, loopback or link-local address (or nowhere).
    WebhookTargetRefused => "webhook_target_refused", UNPROCESSABLE_ENTITY;
    /// A request with this `Idempotency-Key` is still running.
    IdempotencyKeyInUse => "idempotency_key_in_use", CONFLICT;
    /// This `Idempotency-Key` was used for another request in the last 24 hours.
    IdempotencyKeyReused => "idempotency_key_reused", UNPROCESSABLE_ENTITY;
    /// The column belongs to another board.
    ColumnNotInBoard => "column_not_in_board", UNPROCESSABLE_ENTITY;
    /// The influencer has no contact e-mail address to write to.
    NoContactEmail => "no_contact_email", UNPROCESSABLE_ENTITY;
    /// An uploaded list could not be read (empty, binary, no column of e-mail addresses).
    UnreadableList => "unreadable_list", UNPROCESSABLE_ENTITY;
    /// A provider (Mailchimp, Klaviyo) refused the API key, or it is not one of theirs.
    ProviderKeyRefused => "provider_key_refused", UNPROCESSABLE_ENTITY;
    /// A provider did not answer well (an outage, a timeout, a rate limit): try again later.
    ProviderUnavailable => "provider_unavailable", BAD_GATEWAY;
    /// The source does not sync (an uploaded list: upload it again).
    SourceNotSyncable => "source_not_syncable", CONFLICT;
    /// This server has no Facebook app (its operator sets one up).
    FacebookNotConfigured => "facebook_not_configured", CONFLICT;
    /// A Facebook login's `state` is unknown, used, expired, or another person's.
    OauthStateInvalid => "oauth_state_invalid", UNPROCESSABLE_ENTITY;
    /// This server has no app on the platform a creator wants to log in on (its operator sets
    /// one up).
    PlatformNotConfigured => "platform_not_configured", CONFLICT;
    /// The platform login shows no account to verify (no YouTube channel, no Instagram
    /// professional account, no TikTok username allowed).
    NoPlatformAccount => "no_platform_account", UNPROCESSABLE_ENTITY;
    /// An inbound mail names no conversation's reply address.
    UnknownReplyAddress => "unknown_reply_address", UNPROCESSABLE_ENTITY;
    /// An inbound mail's sender is not the conversation's influencer.
    SenderMismatch => "sender_mismatch", UNPROCESSABLE_ENTITY;
    /// The label belongs to another board.
    LabelNotInBoard => "label_not_in_board", UNPROCESSABLE_ENTITY;
    /// The card given as `before`/`after` is in another column.
    CardNotInColumn => "card_not_in_column", UNPROCESSABLE_ENTITY;
    /// `after` and `before` are given in the wrong order.
    InvalidPlacement => "invalid_placement", UNPROCESSABLE_ENTITY;
    /// The invitation link expired.
    InviteExpired => "invite_expired", GONE;
    /// The invitation link was already used.
    InviteAccepted => "invite_accepted", GONE;
    /// The invitation was revoked.
    InviteRevoked => "invite_revoked", GONE;
    /// Too many attempts; see `Retry-After`.
    RateLimited => "rate_limited", TOO_MANY_REQUESTS;
    /// A bug; details are in the server log only.
    Internal => "internal_error", INTERNAL_SERVER_ERROR;
    /// The database is overloaded or unreachable.
    ServiceUnavailable => "service_unavailable", SERVICE_UNAVAILABLE;
    /// The server is not ready to serve (`GET /readyz`); `checks` says which check failed.
    NotReady => "not_ready", SERVICE_UNAVAILABLE;
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

    /// `error` as usual, except a unique-constraint violation (the value is another row's, perhaps
    /// one a concurrent request inserted first), which becomes `instead`.
    pub fn on_unique_violation(
        error: rapport_store::QueryError,
        instead: impl FnOnce() -> Self,
    ) -> Self {
        if rapport_store::is_unique_violation(&error) {
            instead()
        } else {
            error.into()
        }
    }

    /// 403: the caller's role does not allow it.
    pub fn forbidden(detail: impl Into<String>) -> Self {
        Self::new(ErrorCode::Forbidden, detail)
    }

    /// 422 for an id named in the request body that does not exist or is another team's: its
    /// field's error has the code `not_found`. (An unknown id in the path answers 404: there the
    /// target itself is missing; here the request is, about something else.)
    pub fn unknown_reference(field: &str, what: &str) -> Self {
        let mut errors = FieldErrors::default();
        errors.add(field, "not_found", format!("no such {what} in this team"));
        Self::validation(errors)
    }

    /// This error for a lookup of an id the body named in `field`: a 404 becomes
    /// [`ApiError::unknown_reference`]; anything else stays.
    pub fn named_in_body(self, field: &str, what: &str) -> Self {
        if self.code() == ErrorCode::NotFound {
            Self::unknown_reference(field, what)
        } else {
            self
        }
    }

    /// The field error of an [`ApiError::unknown_reference`], for answers with a result per item.
    pub fn unknown_reference_field(&self) -> Option<&FieldError> {
        if self.code() != ErrorCode::ValidationFailed {
            return None;
        }
        self.0.errors.iter().find(|error| error.code == "not_found")
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

    /// 429 with `Retry-After` and a detail saying which limit.
    pub fn limit_reached(detail: impl Into<String>, retry_after_secs: u64) -> Self {
        let mut error = Self::new(ErrorCode::RateLimited, detail);
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

    /// The answer to a request a middleware refuses before any handler runs.
    pub fn answer(
        self,
        req: actix_web::dev::ServiceRequest,
    ) -> actix_web::dev::ServiceResponse<actix_web::body::BoxBody> {
        let response = actix_web::ResponseError::error_response(&self);
        req.into_response(response)
    }

    /// The words for people.
    pub fn detail(&self) -> &str {
        &self.0.detail
    }

    /// The stable code.
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
