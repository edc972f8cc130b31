//! Real clients' replies (fixtures from INTEGRATIONS.md) read from their raw form.

use rapport_domain::reply_text::strip_reply;
use rapport_integrations::inbound::parse_rfc822;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/mail/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn gmail_multipart_quoted_printable() {
    let mail = parse_rfc822(&fixture("gmail-reply.eml")).expect("a mail");
    assert_eq!(mail.from, "Ada Bakes <ada.bakes@gmail.com>");
    assert!(
        mail.to
            .contains("reply+Q2xhbmtleTEyMzQ1Njc4OTA@inbound.rapport.localhost"),
        "{}",
        mail.to
    );
    assert_eq!(
        mail.message_id.as_deref(),
        Some("<CAF3x9q+7Yc1bQmZ=kP2@mail.gmail.com>")
    );
    assert_eq!(
        mail.in_reply_to.as_deref(),
        Some("<01a2f0c3-7b1e-7c44-9f00-1d2e3f4a5b6c@rapport.localhost>")
    );
    assert_eq!(
        strip_reply(mail.text.as_deref().expect("a text part")),
        "Hi! Yes, I'd love to try the winter blend \u{2013} my address is on file.\n\nAda"
    );
}

#[test]
fn outlook_iso_8859_1() {
    let mail = parse_rfc822(&fixture("outlook-reply.eml")).expect("a mail");
    assert_eq!(mail.from, "Leo Trails <leo.trails@outlook.com>");
    assert_eq!(
        strip_reply(mail.text.as_deref().expect("a text part")),
        "Sounds great, count me in. Can you ship to M\u{fc}nchen?\n\nBest regards,\nLeo"
    );
}

#[test]
fn apple_mail_8bit_with_a_signature() {
    let mail = parse_rfc822(&fixture("apple-mail-reply.eml")).expect("a mail");
    assert_eq!(mail.from, "Zoe Paints <zoe.paints@icloud.com>");
    assert_eq!(
        strip_reply(mail.text.as_deref().expect("a text part")),
        "Thank you! I\u{2019}ll post on Friday \u{1f3a8}"
    );
}

#[test]
fn not_a_mail() {
    assert!(parse_rfc822(b"").is_none());
    assert!(parse_rfc822(b"hello, no headers at all").is_none());
}
