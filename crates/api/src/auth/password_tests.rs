//! Unit tests of `password`.

use super::*;

#[tokio::test]
async fn a_hash_verifies_its_password_only() {
    let stored = hash("correct horse battery".into()).await.unwrap();
    assert!(stored.starts_with("$argon2id$"));
    assert!(verify("correct horse battery".into(), Some(stored.clone()))
        .await
        .unwrap());
    assert!(!verify("wrong horse battery".into(), Some(stored))
        .await
        .unwrap());
}

#[tokio::test]
async fn unknown_accounts_never_verify() {
    assert!(!verify("anything at all".into(), None).await.unwrap());
}
