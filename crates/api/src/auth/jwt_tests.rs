//! Unit tests of `jwt`.

use super::*;

#[test]
fn issued_tokens_verify_and_tampered_ones_do_not() {
    let keys = JwtKeys::from_secret(&[7u8; 32]).unwrap();
    let user = UserId(uuid::Uuid::now_v7());
    let token = keys.issue(user).unwrap();
    assert_eq!(keys.verify(&token), Some(user));
    let other = JwtKeys::from_secret(&[8u8; 32]).unwrap();
    assert_eq!(other.verify(&token), None);
    assert_eq!(keys.verify("not.a.token"), None);
}

#[test]
fn short_secrets_are_refused() {
    assert!(JwtKeys::from_secret(b"short").is_err());
}

#[test]
fn the_dev_secret_is_created_once_and_reused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jwt-secret");
    let first = JwtKeys::load_or_create(&path).unwrap();
    let token = first.issue(UserId(uuid::Uuid::now_v7())).unwrap();
    let again = JwtKeys::load_or_create(&path).unwrap();
    assert!(again.verify(&token).is_some());
}
