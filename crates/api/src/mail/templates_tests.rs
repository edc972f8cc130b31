//! Unit tests of `templates`.

use super::*;

#[test]
fn the_invite_mail_carries_the_link_and_the_facts() {
    let mail = invite(&InviteMail {
        inviter: "Mia",
        team: "Acme",
        role: Role::Admin,
        email: "sam@x.io",
        token: "TOKEN123",
        public_url: "http://127.0.0.1:8080",
        expires_at: DateTime::from_timestamp(0, 0).unwrap(),
    });
    assert_eq!(mail.subject, "Mia invited you to Acme on Rapport");
    assert!(mail
        .text
        .contains("http://127.0.0.1:8080/invites/TOKEN123\n"));
    assert!(mail.text.contains("as admin"));
    assert!(mail.text.contains("1970-01-01 00:00 UTC"));
    assert!(mail.text.contains("sam@x.io"));
}

#[test]
fn the_connection_invite_mail_has_one_link_per_decision_and_quotes_the_message() {
    let mail = connection_invite(&ConnectionInviteMail {
        team: "Acme",
        inviter: "Mia",
        creator: "Ada",
        message: Some("Loved your recipes.\nLet's talk!"),
        accept_token: "YES123",
        decline_token: "NO456",
        public_url: "http://127.0.0.1:8080",
        expires_at: DateTime::from_timestamp(86_400 * 30, 0).unwrap(),
    });
    assert_eq!(mail.subject, "Acme wants to connect with you on Rapport");
    assert!(mail.text.starts_with("Hello Ada,"));
    assert!(mail.text.contains("http://127.0.0.1:8080/connect/YES123\n"));
    assert!(mail.text.contains("http://127.0.0.1:8080/connect/NO456\n"));
    assert!(mail.text.contains("> Loved your recipes.\n> Let's talk!"));
    assert!(mail.text.contains("1970-01-31"));
    let plain = connection_invite(&ConnectionInviteMail {
        message: None,
        accept_token: "A",
        decline_token: "B",
        team: "Acme",
        inviter: "Mia",
        creator: "Ada",
        public_url: "http://x",
        expires_at: DateTime::from_timestamp(0, 0).unwrap(),
    });
    assert!(!plain.text.contains("wrote:"));
}
