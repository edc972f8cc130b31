use super::*;

fn message(text: &str) -> Result<NewMessage, FieldErrors> {
    CreateMessage {
        text: text.to_owned(),
    }
    .validate()
}

#[test]
fn a_message_is_trimmed_and_keeps_its_line_breaks() {
    assert_eq!(
        message("  Hello\n\nAda  ").expect("valid").text,
        "Hello\n\nAda"
    );
}

#[test]
fn a_message_has_1_to_10000_characters_and_no_control_characters() {
    assert!(message(&"é".repeat(10_000)).is_ok());
    assert_eq!(
        message(&"é".repeat(10_001)).expect_err("long").0[0].code,
        "too_long"
    );
    assert_eq!(message("   ").expect_err("blank").0[0].code, "required");
    assert!(message("bell\u{7}").is_err());
}

#[test]
fn sides_round_trip_and_face_each_other() {
    for side in [Side::Team, Side::Influencer] {
        assert_eq!(Side::parse(side.as_str()), Some(side));
        assert_eq!(side.other().other(), side);
    }
    assert_eq!(Side::parse("bot"), None);
}
