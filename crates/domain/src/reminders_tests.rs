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

fn at(hour: u32) -> DateTime<Utc> {
    use chrono::TimeZone;
    Utc.with_ymd_and_hms(2026, 12, 1, hour, 0, 0).unwrap()
}

#[test]
fn an_open_reminder_notifies_once_per_due_time() {
    assert_eq!(next_notification(at(9), false, None), Some(at(9)));
    assert_eq!(next_notification(at(9), false, Some(at(9))), None);
    // Moved later after it told: it tells again at the new time.
    assert_eq!(next_notification(at(11), false, Some(at(9))), Some(at(11)));
    // Done: nobody is told.
    assert_eq!(next_notification(at(9), true, None), None);
    assert_eq!(next_notification(at(11), true, Some(at(9))), None);
}

#[test]
fn a_notification_shows_the_first_line_of_the_text() {
    assert_eq!(
        due_notification_text("Follow up on the gifting offer", "Mia Lens"),
        "Reminder: Follow up on the gifting offer — Mia Lens"
    );
    assert_eq!(reminder_line("\n  Call her  \nabout the box"), "Call her");
    let long = "é".repeat(REMINDER_LINE_MAX + 5);
    let line = reminder_line(&long);
    assert_eq!(line.chars().count(), REMINDER_LINE_MAX);
    assert!(line.ends_with('…'));
    assert_eq!(
        reminder_line(&"a".repeat(REMINDER_LINE_MAX)).len(),
        REMINDER_LINE_MAX
    );
}
