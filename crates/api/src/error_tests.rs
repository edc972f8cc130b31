//! Unit tests of `error`.

use super::*;

#[test]
fn server_errors_say_nothing_internal() {
    let error = ApiError::internal(anyhow::anyhow!("password authentication failed for user x"));
    let problem = error.problem();
    assert_eq!(problem.status, 500);
    assert_eq!(problem.code, "internal_error");
    assert_eq!(problem.detail, "An unexpected error occurred.");
    let body = serde_json::to_string(&problem).unwrap();
    assert!(!body.contains("password"), "{body}");
}

#[test]
fn a_vanished_reference_is_a_404_not_a_500() {
    let error: ApiError = rapport_store::QueryError::DatabaseError(
        rapport_store::DatabaseErrorKind::ForeignKeyViolation,
        Box::new(String::from("violates foreign key constraint")),
    )
    .into();
    assert_eq!(error.code(), ErrorCode::NotFound);
    assert!(!error.problem().detail.contains("constraint"));
}

/// Every code's wire spelling and intended status, in declaration order. Spellings are part of the
/// API: a change here is a breaking change for clients.
const PINNED: &[(&str, u16)] = &[
    ("validation_failed", 422),
    ("malformed_json", 400),
    ("invalid_parameter", 400),
    ("websocket_expected", 400),
    ("unsupported_media_type", 415),
    ("payload_too_large", 413),
    ("unauthorized", 401),
    ("invalid_credentials", 401),
    ("invalid_refresh_token", 401),
    ("invalid_signature", 401),
    ("refresh_token_reused", 401),
    ("forbidden", 403),
    ("invite_email_mismatch", 403),
    ("not_found", 404),
    ("method_not_allowed", 405),
    ("email_taken", 409),
    ("already_member", 409),
    ("invite_pending", 409),
    ("invite_not_pending", 409),
    ("last_owner", 409),
    ("card_exists", 409),
    ("account_taken", 409),
    ("label_exists", 409),
    ("column_not_empty", 409),
    ("last_account", 409),
    ("creator_exists", 409),
    ("account_claimed", 409),
    ("already_connected", 409),
    ("declined_recently", 409),
    ("conflict", 409),
    ("webhook_target_refused", 422),
    ("idempotency_key_in_use", 409),
    ("idempotency_key_reused", 422),
    ("column_not_in_board", 422),
    ("no_contact_email", 422),
    ("unreadable_list", 422),
    ("provider_key_refused", 422),
    ("provider_unavailable", 502),
    ("source_not_syncable", 409),
    ("facebook_not_configured", 409),
    ("oauth_state_invalid", 422),
    ("platform_not_configured", 409),
    ("no_platform_account", 422),
    ("unknown_reply_address", 422),
    ("sender_mismatch", 422),
    ("label_not_in_board", 422),
    ("card_not_in_column", 422),
    ("invalid_placement", 422),
    ("invite_expired", 410),
    ("invite_accepted", 410),
    ("invite_revoked", 410),
    ("rate_limited", 429),
    ("internal_error", 500),
    ("service_unavailable", 503),
    ("not_ready", 503),
];

#[test]
fn every_code_keeps_its_spelling_and_status() {
    for (code, pinned) in ErrorCode::ALL.iter().zip(PINNED) {
        assert_eq!((code.as_str(), code.status().as_u16()), *pinned, "{code:?}");
    }
    assert_eq!(
        ErrorCode::ALL.len(),
        PINNED.len(),
        "a code was added or removed"
    );
}

/// `Internal` is the one code not spelled as its variant's name.
fn snake_case(variant: ErrorCode) -> String {
    if variant == ErrorCode::Internal {
        return "internal_error".to_owned();
    }
    let mut snake = String::new();
    for (i, c) in format!("{variant:?}").chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            snake.push('_');
        }
        snake.push(c.to_ascii_lowercase());
    }
    snake
}

#[test]
fn every_code_is_spelled_as_its_variant_in_snake_case() {
    for &code in ErrorCode::ALL {
        assert_eq!(code.as_str(), snake_case(code), "{code:?}");
    }
}

/// Rows of the error-code table of docs/api-design.md: (code, status).
fn documented_codes() -> Vec<(String, String)> {
    let doc = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/api-design.md"
    ));
    doc.lines()
        .skip_while(|line| *line != "| code | status | meaning |")
        .skip(2)
        .take_while(|line| line.starts_with('|'))
        .map(|row| {
            let cells: Vec<&str> = row.split('|').map(str::trim).collect();
            let code = cells.get(1).copied().unwrap_or_default();
            let status = cells.get(2).copied().unwrap_or_default();
            (code.trim_matches('`').to_owned(), status.to_owned())
        })
        .collect()
}

#[test]
fn every_code_is_documented_with_its_status() {
    let documented = documented_codes();
    for &code in ErrorCode::ALL {
        let rows: Vec<&String> = documented
            .iter()
            .filter(|(spelling, _)| spelling == code.as_str())
            .map(|(_, status)| status)
            .collect();
        assert_eq!(
            rows,
            [&code.status().as_u16().to_string()],
            "docs/api-design.md: `{}` needs one row with its status",
            code.as_str()
        );
    }
    let unknown: Vec<&String> = documented
        .iter()
        .map(|(spelling, _)| spelling)
        .filter(|spelling| !ErrorCode::ALL.iter().any(|code| code.as_str() == *spelling))
        .collect();
    assert!(
        unknown.is_empty(),
        "documented but not in ErrorCode: {unknown:?}"
    );
}
