//! Unit tests of `notes`.

use super::*;

#[test]
fn bodies_keep_lines_and_refuse_blanks() {
    let note = WriteBody {
        body: " First line\nsecond ".into(),
    };
    assert_eq!(note.validate().unwrap(), "First line\nsecond");
    let blank = WriteBody {
        body: "\n\t ".into(),
    };
    assert_eq!(blank.validate().unwrap_err().0[0].code, "required");
}

#[test]
fn reminders_check_their_text() {
    let reminder: CreateReminder =
        serde_json::from_str(r#"{"text": "Call", "due_at": "2026-12-01T09:00:00Z"}"#).unwrap();
    assert_eq!(reminder.validate().unwrap(), "Call");
    assert!(
        serde_json::from_str::<CreateReminder>(r#"{"text": "Call", "due_at": "soon"}"#).is_err()
    );
}
