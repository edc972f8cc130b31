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
