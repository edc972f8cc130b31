use super::*;

fn request(message: Option<&str>) -> CreateConnectionInvite {
    CreateConnectionInvite {
        creator_id: CreatorId(uuid::Uuid::nil()),
        message: message.map(str::to_owned),
    }
}

#[test]
fn a_message_is_trimmed_and_blank_means_none() {
    let clean = request(Some("  Hello Ada!\n")).validate().expect("valid");
    assert_eq!(clean.message.as_deref(), Some("Hello Ada!"));
    assert_eq!(
        request(Some("   ")).validate().expect("valid").message,
        None
    );
    assert_eq!(request(None).validate().expect("valid").message, None);
}

#[test]
fn a_message_has_at_most_1000_characters_and_no_control_characters() {
    assert!(request(Some(&"é".repeat(1000))).validate().is_ok());
    let errors = request(Some(&"é".repeat(1001)))
        .validate()
        .expect_err("too long");
    assert_eq!(errors.0[0].field, "message");
    assert_eq!(errors.0[0].code, "too_long");
    assert!(request(Some("bell\u{7}")).validate().is_err());
}

#[test]
fn statuses_round_trip_their_spelling() {
    for status in [
        ConnectionInviteStatus::Pending,
        ConnectionInviteStatus::Accepted,
        ConnectionInviteStatus::Declined,
        ConnectionInviteStatus::Revoked,
        ConnectionInviteStatus::Expired,
    ] {
        assert_eq!(ConnectionInviteStatus::parse(status.as_str()), Some(status));
    }
    assert_eq!(ConnectionInviteStatus::parse("maybe"), None);
}
