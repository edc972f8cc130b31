//! Replies by e-mail: an inbound mail to a conversation's reply address, from the conversation's
//! influencer, becomes their message (quoted history and signature removed; a mail received twice
//! is kept once), and the team is told. Anything else is refused and adds nothing.

use chrono::NaiveDateTime;
use rapport_domain::messages::{InboundEmail, InboundResult, Side};
use rapport_domain::notifications::NotificationKind;
use rapport_domain::reply_text::strip_reply;
use rapport_domain::validation::normalize_email;
use rapport_store::conversations::{self, MessageRow};
use rapport_store::{connections, creators, influencers, new_id, users, DbConnection};

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::messaging::messages::fit;
use crate::notifications::notify::{self, Event};

/// The address part of `Name <address>` (or the whole text), as written.
fn address_in(mailbox: &str) -> &str {
    let mailbox = mailbox.trim();
    let address = match (mailbox.rfind('<'), mailbox.rfind('>')) {
        (Some(open), Some(close)) if open < close => &mailbox[open + 1..close],
        _ => mailbox,
    };
    address.trim().trim_matches('"')
}

/// The reply token among the recipients: the local part `reply+{token}` at `domain` (tokens
/// keep their case; the domain and the `reply+` prefix do not matter).
pub fn reply_token(recipients: &str, domain: &str) -> Option<String> {
    recipients.split(',').find_map(|recipient| {
        let (local, at) = address_in(recipient).rsplit_once('@')?;
        let token = local
            .get(..6)
            .filter(|prefix| prefix.eq_ignore_ascii_case("reply+"))
            .and(local.get(6..))?;
        (at.eq_ignore_ascii_case(domain) && !token.is_empty()).then(|| token.to_owned())
    })
}

/// Plain text from an HTML body, for mails without a text part: tags dropped, line breaks kept.
fn text_of_html(html: &str) -> String {
    let with_breaks = html
        .replace("<br>", "\n")
        .replace("<br/>", "\n")
        .replace("<br />", "\n")
        .replace("</div>", "\n")
        .replace("</p>", "\n\n");
    // A Gmail or Outlook reply quotes history in a blockquote or a gmail_quote div: drop it.
    let own = with_breaks
        .split("<div class=\"gmail_quote\"")
        .next()
        .unwrap_or_default()
        .split("<blockquote")
        .next()
        .unwrap_or_default();
    let mut text = String::new();
    let mut in_tag = false;
    for c in own.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Adds an inbound reply to its conversation (see the module).
pub fn receive(
    conn: &mut DbConnection,
    mail: &InboundEmail,
    inbound_domain: &str,
    now: NaiveDateTime,
) -> ApiResult<InboundResult> {
    let unknown = || {
        ApiError::new(
            ErrorCode::UnknownReplyAddress,
            format!("No recipient is a conversation's reply address (reply+…@{inbound_domain})."),
        )
    };
    let token = reply_token(&mail.to, inbound_domain).ok_or_else(unknown)?;
    let conversation = conversations::find_by_reply_token(conn, &token)?.ok_or_else(unknown)?;
    let influencer = influencers::find(conn, conversation.influencer_id)?.ok_or_else(unknown)?;
    let sender = normalize_email(address_in(&mail.from)).unwrap_or_default();
    let mut allowed: Vec<String> = influencer
        .email
        .iter()
        .filter_map(|email| normalize_email(email).ok())
        .collect();
    let link = connections::for_influencer(conn, conversation.team_id, conversation.influencer_id)?;
    if let Some(link) = &link {
        if let Some(creator) = creators::find(conn, link.creator_id)? {
            if let Some(user) = users::find(conn, creator.user_id)? {
                allowed.push(user.email);
            }
        }
    }
    if sender.is_empty() || !allowed.contains(&sender) {
        return Err(ApiError::new(
            ErrorCode::SenderMismatch,
            "The sender is not the influencer of this conversation.",
        ));
    }
    let message_id = mail
        .message_id
        .as_deref()
        .map(str::trim)
        .filter(|id| !id.is_empty());
    if let Some(message_id) = message_id {
        if let Some(existing) = conversations::find_by_email_id(conn, conversation.id, message_id)?
        {
            return Ok(InboundResult {
                conversation_id: conversation.id,
                message_id: existing.id,
                duplicate: true,
            });
        }
    }
    let body = match (&mail.text, &mail.html) {
        (Some(text), _) if !text.trim().is_empty() => text.clone(),
        (_, Some(html)) => text_of_html(html),
        _ => String::new(),
    };
    // Mail may carry control characters (form feeds, stray escapes): a message keeps none but
    // line breaks and tabs.
    let clean: String = body
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'))
        .collect();
    let text = fit(&strip_reply(&clean));
    if text.is_empty() {
        let mut errors = rapport_domain::FieldErrors::default();
        errors.add("text", "required", "the reply has no text of its own");
        return Err(ApiError::validation(errors));
    }
    let row = MessageRow {
        id: new_id(),
        conversation_id: conversation.id,
        side: Side::Influencer,
        author_id: None,
        author_name: influencer.display_name.clone(),
        text,
        by_email: true,
        email_message_id: message_id.map(str::to_owned),
        created_at: now,
    };
    conversations::add_message(conn, &row)?;
    notify::team(
        conn,
        &Event {
            kind: NotificationKind::NewMessage,
            text: &format!("{} replied by e-mail", influencer.display_name),
            team: conversation.team_id,
            creator: link.map(|link| link.creator_id),
            invite: None,
            conversation: Some(conversation.id),
            influencer: None,
        },
        now,
    )?;
    Ok(InboundResult {
        conversation_id: conversation.id,
        message_id: row.id,
        duplicate: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_is_read_from_the_reply_address_at_our_domain_only() {
        let to = "Demo Coffee Co. <reply+Q2xhbmtleTEy@Inbound.Rapport.localhost>";
        assert_eq!(
            reply_token(to, "inbound.rapport.localhost").as_deref(),
            Some("Q2xhbmtleTEy")
        );
        assert_eq!(
            reply_token("a@b.example, reply+Tok_9@in.example", "in.example").as_deref(),
            Some("Tok_9")
        );
        assert_eq!(reply_token("reply+x@elsewhere.example", "in.example"), None);
        assert_eq!(reply_token("hello@in.example", "in.example"), None);
    }

    #[test]
    fn html_without_text_keeps_only_the_new_part() {
        let html = "<div dir=\"ltr\">Hi! Yes &amp; thanks.<div><br></div><div>Ada</div></div><br>\
                    <div class=\"gmail_quote\">On Sun … wrote:<blockquote>old</blockquote></div>";
        assert_eq!(strip_reply(&text_of_html(html)), "Hi! Yes & thanks.\n\nAda");
    }
}
