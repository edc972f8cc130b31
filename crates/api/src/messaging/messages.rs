//! Messages: a thread read newest first, a message sent (stored first; then, for an influencer
//! without the app, an e-mail with the conversation's reply address; for a creator, a notification
//! and, when they do not have the app open, at most one e-mail per conversation per 15 minutes),
//! and read markers.

use chrono::{Duration, NaiveDateTime};
use rapport_domain::messages::{
    Channel, Message, NewMessage, Side, CREATOR_MAIL_EVERY_MINUTES, MESSAGE_MAX,
};
use rapport_domain::notifications::NotificationKind;
use rapport_domain::page::Page;
use rapport_domain::{ConversationId, MessageId, UserId};
use rapport_store::conversations::{self, ConversationRow, MessageRow};
use rapport_store::mail::MailRow;
use rapport_store::DbConnection;
use rapport_store::{connections, creators, influencers, new_id, teams, time, users};

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::messaging::conversations::access;
use crate::notifications::notify::{self, Event};
use crate::paging::PageRequest;

/// What sending needs besides the message: the time and where mail links and replies go.
pub struct Delivery<'a> {
    /// Now.
    pub now: NaiveDateTime,
    /// Where Rapport is reached (links in mails).
    pub public_url: &'a str,
    /// The domain of reply addresses (`reply+{token}@{domain}`).
    pub inbound_domain: &'a str,
    /// Whether a user has the app open (a socket on this server): a creator who has is not
    /// mailed.
    pub online: &'a (dyn Fn(UserId) -> bool + Sync),
}

/// A message as the API shows it; `read`: whether the other side's marker reached it.
pub fn message_view(conversation: &ConversationRow, row: &MessageRow) -> Message {
    let read = conversation
        .read_upto(row.side.other())
        .is_some_and(|upto| upto >= row.id);
    Message {
        id: row.id,
        conversation_id: row.conversation_id,
        side: row.side,
        author_name: row.author_name.clone(),
        text: row.text.clone(),
        by_email: row.by_email,
        read,
        created_at: time::utc(row.created_at),
    }
}

/// The conversation's messages, newest first.
pub fn list(
    conn: &mut DbConnection,
    actor: UserId,
    id: ConversationId,
    paging: &PageRequest,
) -> ApiResult<Page<Message>> {
    let (conversation, _) = access(conn, actor, id)?;
    let rows = conversations::messages(conn, id, paging.cursor.as_deref(), paging.fetch())?;
    Ok(paging.page(
        rows.iter()
            .map(|row| (row.id, message_view(&conversation, row)))
            .collect(),
    ))
}

/// The reply address of a conversation.
pub fn reply_address(conversation: &ConversationRow, inbound_domain: &str) -> String {
    format!("reply+{}@{inbound_domain}", conversation.reply_token)
}

/// Sends a message from the caller's side.
pub fn send(
    conn: &mut DbConnection,
    actor: UserId,
    id: ConversationId,
    message: NewMessage,
    delivery: &Delivery<'_>,
) -> ApiResult<Message> {
    let (conversation, side) = access(conn, actor, id)?;
    let now = delivery.now;
    let link = connections::for_influencer(conn, conversation.team_id, conversation.influencer_id)?;
    let channel = if link.is_some() {
        Channel::App
    } else {
        Channel::Email
    };
    let influencer = influencers::find(conn, conversation.influencer_id)?
        .ok_or_else(|| ApiError::not_found("influencer"))?;
    let team_name = teams::find_name(conn, conversation.team_id)?.unwrap_or_default();
    let author_name = match side {
        Side::Team => users::find(conn, actor)?.map_or_else(String::new, |user| user.name),
        Side::Influencer => creators::find_by_user(conn, actor)?
            .map_or_else(|| influencer.display_name.clone(), |c| c.display_name),
    };
    let email_to = match (side, channel) {
        (Side::Team, Channel::Email) => Some(influencer.email.clone().ok_or_else(|| {
            ApiError::new(
                ErrorCode::NoContactEmail,
                format!(
                    "{} has no e-mail address and no Rapport account: add their address under Contact to write to them.",
                    influencer.display_name
                ),
            )
        })?),
        _ => None,
    };
    let row = MessageRow {
        id: new_id(),
        conversation_id: conversation.id,
        side,
        author_id: Some(actor),
        author_name,
        text: message.text,
        by_email: email_to.is_some(),
        email_message_id: None,
        created_at: now,
    };
    conversations::add_message(conn, &row)?;
    conversations::mark_read(conn, conversation.id, side, row.id)?;
    match (side, link) {
        (Side::Team, None) => {
            let to = email_to.unwrap_or_default();
            let text = format!(
                "{}\n\n-- \n{} from {team_name}, via Rapport. Reply to this e-mail to answer.\n",
                row.text, row.author_name
            );
            rapport_store::mail::enqueue(
                conn,
                &MailRow::new(&to, &format!("{team_name} sent you a message"), &text, now)
                    .on_behalf_of(
                        &team_name,
                        &reply_address(&conversation, delivery.inbound_domain),
                    ),
            )?;
        }
        (Side::Team, Some(link)) => {
            let creator = creators::find(conn, link.creator_id)?
                .ok_or_else(|| ApiError::not_found("creator"))?;
            notify::user(
                conn,
                creator.user_id,
                &Event {
                    kind: NotificationKind::NewMessage,
                    text: &format!("New message from {team_name}"),
                    team: conversation.team_id,
                    creator: Some(creator.id),
                    invite: None,
                    conversation: Some(conversation.id),
                    influencer: None,
                },
                now,
            )?;
            let quiet = conversation
                .creator_mailed_at
                .is_none_or(|at| now - at >= Duration::minutes(CREATOR_MAIL_EVERY_MINUTES));
            // Online here (the hub) or on another server (presence rows, PostgreSQL): the rows
            // are read only when a mail could go.
            if quiet
                && !(delivery.online)(creator.user_id)
                && !rapport_store::presence::is_present(conn, creator.user_id, now)?
            {
                if let Some(user) = users::find(conn, creator.user_id)? {
                    let text = format!(
                        "Hello {},\n\n{team_name} wrote to you on Rapport:\n\n{}\n\nRead and answer: {}/messages/{}\n\n\
                         (You get at most one such mail per conversation every {CREATOR_MAIL_EVERY_MINUTES} minutes.)\n",
                        creator.display_name,
                        quote(&row.text),
                        delivery.public_url,
                        conversation.id
                    );
                    rapport_store::mail::enqueue(
                        conn,
                        &MailRow::new(
                            &user.email,
                            &format!("New message from {team_name}"),
                            &text,
                            now,
                        ),
                    )?;
                    conversations::set_creator_mailed(conn, conversation.id, now)?;
                }
            }
        }
        (Side::Influencer, link) => {
            notify::team(
                conn,
                &Event {
                    kind: NotificationKind::NewMessage,
                    text: &format!("New message from {}", row.author_name),
                    team: conversation.team_id,
                    creator: link.map(|link| link.creator_id),
                    invite: None,
                    conversation: Some(conversation.id),
                    influencer: None,
                },
                now,
            )?;
        }
    }
    let conversation = conversations::find(conn, conversation.id)?
        .ok_or_else(|| ApiError::not_found("conversation"))?;
    Ok(message_view(&conversation, &row))
}

/// The text as a mail quotes it, cut to a preview.
fn quote(text: &str) -> String {
    let preview: String = text.chars().take(500).collect();
    let cut = if text.chars().count() > 500 {
        "\n> …"
    } else {
        ""
    };
    let quoted: Vec<String> = preview.lines().map(|line| format!("> {line}")).collect();
    format!("{}{cut}", quoted.join("\n"))
}

/// Marks the conversation read for the caller's side, up to `upto` (the newest message when
/// none).
pub fn mark_read(
    conn: &mut DbConnection,
    actor: UserId,
    id: ConversationId,
    upto: Option<MessageId>,
) -> ApiResult<()> {
    let (conversation, side) = access(conn, actor, id)?;
    let upto = match upto {
        Some(upto) => Some(upto),
        None => conversations::last_message(conn, conversation.id)?.map(|m| m.id),
    };
    if let Some(upto) = upto {
        conversations::mark_read(conn, conversation.id, side, upto)?;
    }
    Ok(())
}

/// A text cut to what a message may hold.
pub fn fit(text: &str) -> String {
    text.chars().take(MESSAGE_MAX).collect()
}
