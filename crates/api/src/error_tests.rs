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

#[test]
fn every_code_maps_to_its_status() {
    assert_eq!(ErrorCode::NotFound.status(), StatusCode::NOT_FOUND);
    assert_eq!(ErrorCode::InviteExpired.status(), StatusCode::GONE);
    assert_eq!(ErrorCode::RateLimited.as_str(), "rate_limited");
}
