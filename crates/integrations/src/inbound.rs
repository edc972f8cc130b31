//! Inbound mail as an MTA pipes it (RFC 5322, MIME): read with `mail-parser` into the same shape
//! an inbound-parse service posts as JSON.

use mail_parser::MessageParser;
use rapport_domain::messages::InboundEmail;

/// `Name <address>`, or the address alone.
fn mailbox(name: Option<&str>, address: Option<&str>) -> Option<String> {
    let address = address?;
    Some(match name {
        Some(name) if !name.is_empty() => format!("{name} <{address}>"),
        _ => address.to_owned(),
    })
}

/// The parts of a raw mail a reply needs; `None` when it is not a mail (no sender).
pub fn parse_rfc822(raw: &[u8]) -> Option<InboundEmail> {
    let message = MessageParser::default().parse(raw)?;
    let from = message
        .from()
        .and_then(|from| from.first())
        .and_then(|addr| mailbox(addr.name(), addr.address()))?;
    let to = message
        .to()
        .map(|to| {
            to.iter()
                .filter_map(|addr| mailbox(addr.name(), addr.address()))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default();
    Some(InboundEmail {
        from,
        to,
        subject: message.subject().map(str::to_owned),
        text: message.body_text(0).map(|text| text.into_owned()),
        html: message.body_html(0).map(|html| html.into_owned()),
        message_id: message.message_id().map(|id| format!("<{id}>")),
        in_reply_to: message.in_reply_to().as_text().map(|id| format!("<{id}>")),
    })
}
