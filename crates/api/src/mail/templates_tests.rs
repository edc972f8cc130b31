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

#[test]
fn the_reminder_mail_names_the_influencer_the_text_and_the_time() {
    let mail = reminder_due(&ReminderMail {
        assignee: "Leo",
        team: "Acme",
        influencer: "Mia Lens",
        influencer_id: "0190-mia",
        text: "Follow up on the gifting offer\nShe asked for the matte box.",
        due_at: DateTime::from_timestamp(0, 0).unwrap(),
        public_url: "http://127.0.0.1:8080",
    });
    assert_eq!(
        mail.subject,
        "Reminder: Follow up on the gifting offer — Mia Lens"
    );
    assert!(mail.text.starts_with("Hello Leo,"), "{}", mail.text);
    assert!(mail
        .text
        .contains("in Acme is due (1970-01-01 00:00 UTC), about Mia Lens"));
    assert!(mail.text.contains("> She asked for the matte box."));
    assert!(mail
        .text
        .contains("http://127.0.0.1:8080/influencers/0190-mia\n"));
}

#[test]
fn the_overdue_digest_lists_each_reminder_with_its_link() {
    let due = DateTime::from_timestamp(86_400, 0).unwrap();
    let lines: Vec<OverdueLine<'_>> = (0..DIGEST_LINES + 2)
        .map(|_| OverdueLine {
            influencer: "Mia Lens",
            influencer_id: "0190-mia",
            text: "Send the contract",
            due_at: due,
        })
        .collect();
    let one = overdue_digest("Acme", &lines[..1], "http://x.test");
    assert_eq!(one.subject, "1 overdue reminder in Acme");
    assert!(one
        .text
        .contains("- 1970-01-02 00:00 UTC · Mia Lens: Send the contract\n  http://x.test/influencers/0190-mia\n"));
    assert!(one.text.contains("http://x.test/reminders\n"));
    let many = overdue_digest("Acme", &lines, "http://x.test");
    assert_eq!(
        many.subject,
        format!("{} overdue reminders in Acme", DIGEST_LINES + 2)
    );
    assert!(many.text.contains("- and 2 more\n"));
}
