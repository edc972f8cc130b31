//! Unit tests of `reminders`.

use super::*;

#[test]
fn reminders_check_their_text() {
    let reminder: CreateReminder =
        serde_json::from_str(r#"{"text": "Call", "due_at": "2026-12-01T09:00:00Z"}"#).unwrap();
    assert_eq!(reminder.validate().unwrap(), "Call");
    assert!(
        serde_json::from_str::<CreateReminder>(r#"{"text": "Call", "due_at": "soon"}"#).is_err()
    );
}
