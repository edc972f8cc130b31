//! Input rules: e-mail addresses, names, passwords. Pure functions, shared by server and browser.

use crate::limits::{EMAIL_MAX, PASSWORD_MAX_BYTES, PASSWORD_MIN_BYTES};
use crate::problem::FieldError;

/// The field errors found in one request; empty when it is valid.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    /// Records that `field` is invalid for `code`, explained by `message`.
    pub fn add(&mut self, field: &str, code: &str, message: impl Into<String>) {
        self.0.push(FieldError {
            field: field.to_owned(),
            code: code.to_owned(),
            message: message.into(),
        });
    }

    /// Runs a rule on a field and keeps the cleaned value, recording the error if any.
    pub fn check<T>(&mut self, field: &str, result: Result<T, RuleError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.add(field, error.code, error.message);
                None
            }
        }
    }

    /// `Ok(())` when no error was recorded.
    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}

/// Why one value breaks a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// Stable snake_case reason.
    pub code: &'static str,
    /// The reason, for people.
    pub message: String,
}

impl RuleError {
    pub(crate) fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

/// A request that can check itself and produce its cleaned form.
pub trait Validate {
    /// The request with every field cleaned (trimmed, normalised).
    type Clean;
    /// Checks every field; returns the cleaned request or all the field errors at once.
    fn validate(&self) -> Result<Self::Clean, FieldErrors>;
}

/// Characters allowed in the local part of an address besides letters, digits and dots (RFC 5322 atext).
const LOCAL_SPECIALS: &str = "!#$%&'*+-/=?^_`{|}~";

/// Trims and lower-cases an e-mail address, and checks it is a plain `local@domain.tld` address.
pub fn normalize_email(raw: &str) -> Result<String, RuleError> {
    let email = raw.trim().to_lowercase();
    if email.is_empty() {
        return Err(RuleError::new("required", "must not be empty"));
    }
    if email.len() > EMAIL_MAX {
        return Err(RuleError::new(
            "too_long",
            format!("must be at most {EMAIL_MAX} characters"),
        ));
    }
    let invalid = || RuleError::new("invalid_email", "is not a valid e-mail address");
    let (local, domain) = email.rsplit_once('@').ok_or_else(invalid)?;
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && local.split('.').all(|atom| {
            !atom.is_empty()
                && atom
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || LOCAL_SPECIALS.contains(c))
        });
    if !local_ok || !is_domain(domain) {
        return Err(invalid());
    }
    Ok(email)
}

/// A DNS name of at least two labels: letters, digits and inner hyphens, 63 characters a label.
fn is_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

/// Checks a display name (a person's or a team's): not blank, at most `max` characters, and free of
/// control characters (NUL, newlines, tabs, ...). Returns it trimmed.
pub fn clean_name(raw: &str, max: usize) -> Result<String, RuleError> {
    if raw.chars().count() > max {
        return Err(RuleError::new(
            "too_long",
            format!("must be at most {max} characters"),
        ));
    }
    if raw.chars().any(char::is_control) {
        return Err(RuleError::new(
            "control_characters",
            "must not contain control characters",
        ));
    }
    let name = raw.trim();
    if name.is_empty() {
        return Err(RuleError::new("required", "must not be blank"));
    }
    Ok(name.to_owned())
}

/// The OpenAPI `pattern` that [`clean_name`] enforces: no control character, at least one visible one.
pub const NAME_PATTERN: &str =
    r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$";

/// Checks a new password's length: at least 10 characters, at most 1,024 bytes. Any characters
/// are allowed.
pub fn check_password(password: &str) -> Result<(), RuleError> {
    if password.chars().count() < PASSWORD_MIN_BYTES {
        return Err(RuleError::new(
            "too_short",
            format!("must be at least {PASSWORD_MIN_BYTES} characters"),
        ));
    }
    if password.len() > PASSWORD_MAX_BYTES {
        return Err(RuleError::new(
            "too_long",
            format!("must be at most {PASSWORD_MAX_BYTES} bytes"),
        ));
    }
    Ok(())
}

/// Checks an opaque token sent back by a client (refresh or invite token): non-empty, bounded, URL-safe.
pub fn check_token(token: &str) -> Result<(), RuleError> {
    if token.is_empty() || token.len() > crate::limits::TOKEN_MAX {
        return Err(RuleError::new("invalid_token", "is not a valid token"));
    }
    Ok(())
}

#[cfg(test)]
#[path = "validation_tests.rs"]
mod tests;

/// The OpenAPI `pattern` of free text ([`clean_text`]): newlines and tabs allowed, other control
/// characters refused, at least one visible character.
pub const TEXT_PATTERN: &str = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*[^\s\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f][^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$";

/// Checks free text (notes, comments, reminders): not blank, at most `max` characters, no control
/// characters other than newlines and tabs. Returns it trimmed.
pub fn clean_text(raw: &str, max: usize) -> Result<String, RuleError> {
    if raw.chars().count() > max {
        return Err(RuleError::new(
            "too_long",
            format!("must be at most {max} characters"),
        ));
    }
    if raw
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
    {
        return Err(RuleError::new(
            "control_characters",
            "must not contain control characters",
        ));
    }
    let text = raw.trim();
    if text.is_empty() {
        return Err(RuleError::new("required", "must not be blank"));
    }
    Ok(text.to_owned())
}

/// An optional one-line value (address lines, city, ...): empty means "none"; otherwise at most
/// `max` characters and no control characters. Returns it trimmed, or `None` when blank.
pub fn clean_optional_line(raw: &str, max: usize) -> Result<Option<String>, RuleError> {
    if raw.chars().count() > max {
        return Err(RuleError::new(
            "too_long",
            format!("must be at most {max} characters"),
        ));
    }
    if raw.chars().any(char::is_control) {
        return Err(RuleError::new(
            "control_characters",
            "must not contain control characters",
        ));
    }
    let value = raw.trim();
    Ok((!value.is_empty()).then(|| value.to_owned()))
}

/// A `#rrggbb` colour, lower-cased.
pub fn clean_color(raw: &str) -> Result<String, RuleError> {
    let valid =
        raw.len() == 7 && raw.starts_with('#') && raw[1..].chars().all(|c| c.is_ascii_hexdigit());
    if !valid {
        return Err(RuleError::new(
            "invalid_color",
            "must be a colour like #1a2b3c",
        ));
    }
    Ok(raw.to_ascii_lowercase())
}

/// A phone number: digits, spaces and `+ ( ) - .`, at most 40 characters. Blank means "none".
pub fn clean_phone(raw: &str) -> Result<Option<String>, RuleError> {
    let phone = raw.trim();
    if phone.is_empty() {
        return Ok(None);
    }
    let valid = raw.chars().count() <= 40
        && phone
            .chars()
            .all(|c| c.is_ascii_digit() || " +()-.".contains(c));
    if !valid {
        return Err(RuleError::new(
            "invalid_phone",
            "must be a phone number: digits, spaces and + ( ) - . (at most 40 characters)",
        ));
    }
    Ok(Some(phone.to_owned()))
}

#[cfg(test)]
#[path = "validation_text_tests.rs"]
mod text_tests;

/// Gives a string newtype the OpenAPI schema of a name ([`clean_name`]) of at most `$max` characters.
#[cfg(feature = "openapi")]
macro_rules! name_schema {
    ($type:ty, $max:expr) => {
        impl utoipa::PartialSchema for $type {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .min_length(Some(1))
                    .max_length(Some($max))
                    .pattern(Some($crate::validation::NAME_PATTERN))
                    .into()
            }
        }
        impl utoipa::ToSchema for $type {}
    };
}
#[cfg(feature = "openapi")]
pub(crate) use name_schema;
