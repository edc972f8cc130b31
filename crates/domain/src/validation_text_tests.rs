//! Unit tests of `validation`.

use super::*;

#[test]
fn free_text_keeps_newlines_and_refuses_other_controls() {
    assert_eq!(
        clean_text(" line one\nline two\t ", 100).unwrap(),
        "line one\nline two"
    );
    assert_eq!(
        clean_text("a\u{0}b", 100).unwrap_err().code,
        "control_characters"
    );
    assert_eq!(clean_text(" \n ", 100).unwrap_err().code, "required");
    assert_eq!(clean_text("abc", 2).unwrap_err().code, "too_long");
}

#[test]
fn colours_phones_and_optional_lines() {
    assert_eq!(clean_color("#A1B2C3").unwrap(), "#a1b2c3");
    assert!(clean_color("red").is_err());
    assert!(clean_color("#12345").is_err());
    assert_eq!(
        clean_phone(" +372 5555-1234 ").unwrap().as_deref(),
        Some("+372 5555-1234")
    );
    assert_eq!(clean_phone("").unwrap(), None);
    assert!(clean_phone("call me").is_err());
    assert_eq!(clean_optional_line("  ", 10).unwrap(), None);
    assert!(clean_optional_line("a\nb", 10).is_err());
}
