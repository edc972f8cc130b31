//! API keys: names and expiries checked, scopes, prefixes.

use chrono::{Duration, Utc};

use super::*;

#[test]
fn a_new_key_needs_a_name_and_a_future_expiry() {
    let now = Utc::now();
    let good = NewApiKey {
        name: "  Zapier ".to_owned(),
        scope: ApiKeyScope::Write,
        expires_at: Some(now + Duration::days(30)),
    };
    assert_eq!(good.validate_at(now).unwrap().name, "Zapier");
    let bad = NewApiKey {
        name: " ".to_owned(),
        scope: ApiKeyScope::Read,
        expires_at: Some(now - Duration::seconds(1)),
    };
    let errors = bad.validate_at(now).unwrap_err();
    let fields: Vec<(&str, &str)> = errors
        .0
        .iter()
        .map(|error| (error.field.as_str(), error.code.as_str()))
        .collect();
    assert_eq!(
        fields,
        [("name", "required"), ("expires_at", "in_the_past")]
    );
}

#[test]
fn a_read_key_only_reads() {
    assert!(ApiKeyScope::Read.allows("GET"));
    assert!(ApiKeyScope::Read.allows("HEAD"));
    assert!(!ApiKeyScope::Read.allows("POST"));
    assert!(!ApiKeyScope::Read.allows("DELETE"));
    assert!(ApiKeyScope::Write.allows("PATCH"));
    assert_eq!(ApiKeyScope::parse("read"), Some(ApiKeyScope::Read));
    assert_eq!(ApiKeyScope::parse("admin"), None);
}

#[test]
fn a_secret_is_recognised_by_its_prefix() {
    assert_eq!(prefix_of("rpk_AbCdEfGh123456"), Some("rpk_AbCdEfGh"));
    assert_eq!(prefix_of("rpk_short"), None);
    assert_eq!(prefix_of("eyJhbGciOi.jwt"), None);
    assert_eq!(actor_name("Zapier"), "API key “Zapier”");
}
