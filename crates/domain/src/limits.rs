//! Documented maximum lengths of every text field, shared by validation and the OpenAPI schemas.

/// Longest e-mail address accepted (RFC 5321 path limit).
pub const EMAIL_MAX: usize = 254;
/// Shortest password, in characters.
pub const PASSWORD_MIN_BYTES: usize = 10;
/// Longest password, in bytes.
pub const PASSWORD_MAX_BYTES: usize = 1024;
/// Longest person name, in characters.
pub const USER_NAME_MAX: usize = 100;
/// Longest team name, in characters.
pub const TEAM_NAME_MAX: usize = 100;
/// Longest opaque token (refresh tokens, invite tokens) a client may send.
pub const TOKEN_MAX: usize = 200;
/// Largest accepted request body, in bytes.
pub const BODY_MAX_BYTES: usize = 1024 * 1024;
/// Default number of items in a page.
pub const PAGE_DEFAULT: u32 = 50;
/// Largest number of items in a page.
pub const PAGE_MAX: u32 = 200;
