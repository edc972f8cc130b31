//! Unit tests of `notifications`.

use super::*;

#[test]
fn every_kind_reads_back_from_its_spelling() {
    for kind in [
        NotificationKind::ConnectionInvite,
        NotificationKind::InviteAccepted,
        NotificationKind::InviteDeclined,
        NotificationKind::ConnectionEnded,
        NotificationKind::NewMessage,
        NotificationKind::SourceMatch,
        NotificationKind::ReminderDue,
    ] {
        assert_eq!(NotificationKind::parse(kind.as_str()), Some(kind));
        assert_eq!(
            serde_json::to_value(kind).unwrap(),
            serde_json::json!(kind.as_str())
        );
    }
    assert_eq!(NotificationKind::parse("reminder"), None);
}

#[test]
fn a_settings_change_names_only_what_changes() {
    let old_client: UpdateNotificationSettings =
        serde_json::from_str(r#"{"match_digest": false}"#).unwrap();
    assert_eq!(
        old_client,
        UpdateNotificationSettings {
            match_digest: Some(false),
            ..Default::default()
        }
    );
    assert_eq!(
        serde_json::to_string(&UpdateNotificationSettings {
            reminder_email: Some(true),
            ..Default::default()
        })
        .unwrap(),
        r#"{"reminder_email":true}"#
    );
    assert!(serde_json::from_str::<UpdateNotificationSettings>(r#"{"sms": true}"#).is_err());
}
