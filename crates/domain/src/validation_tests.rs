//! Unit tests of `validation`.

use super::*;

#[test]
fn emails_are_trimmed_and_lower_cased() {
    assert_eq!(
        normalize_email("  Mia.Lens@Example.COM ").unwrap(),
        "mia.lens@example.com"
    );
}

#[test]
fn plain_addresses_with_rfc_punctuation_are_accepted() {
    for ok in [
        "a@b.co",
        "first.last+tag@sub.example.org",
        "o'brien@example.ie",
        "x!#$%&'*+-/=?^_`{|}~@a1.io",
        "1@2.example",
    ] {
        assert!(normalize_email(ok).is_ok(), "{ok}");
    }
}

#[test]
fn malformed_addresses_are_refused() {
    for bad in [
        "",
        "   ",
        "plain",
        "@example.com",
        "user@",
        "user@localhost",
        "a..b@example.com",
        ".a@example.com",
        "a.@example.com",
        "a b@example.com",
        "a@-example.com",
        "a@example-.com",
        "a@exa_mple.com",
        "a@@example.com",
        "\"quoted\"@example.com",
    ] {
        assert!(normalize_email(bad).is_err(), "{bad:?}");
    }
    let long = format!("{}@example.com", "a".repeat(250));
    assert_eq!(normalize_email(&long).unwrap_err().code, "too_long");
}

#[test]
fn names_are_trimmed_and_refuse_control_characters() {
    assert_eq!(clean_name("  Acme  ", 100).unwrap(), "Acme");
    assert_eq!(clean_name("  ", 100).unwrap_err().code, "required");
    assert_eq!(
        clean_name("Ac\0me", 100).unwrap_err().code,
        "control_characters"
    );
    assert_eq!(
        clean_name("Ac\nme", 100).unwrap_err().code,
        "control_characters"
    );
    assert_eq!(
        clean_name(&"é".repeat(101), 100).unwrap_err().code,
        "too_long"
    );
    assert!(clean_name(&"é".repeat(100), 100).is_ok());
}

#[test]
fn passwords_are_measured_in_bytes() {
    assert_eq!(check_password("short").unwrap_err().code, "too_short");
    assert!(check_password("0123456789").is_ok());
    assert!(check_password(&"x".repeat(1024)).is_ok());
    assert_eq!(
        check_password(&"x".repeat(1025)).unwrap_err().code,
        "too_long"
    );
    // 5 two-byte characters are 10 bytes, but only 5 characters.
    assert_eq!(check_password("ééééé").unwrap_err().code, "too_short");
    assert!(check_password(&"é".repeat(512)).is_ok());
    assert_eq!(
        check_password(&"é".repeat(513)).unwrap_err().code,
        "too_long"
    );
}
