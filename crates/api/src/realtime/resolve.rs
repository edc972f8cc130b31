//! From a change by id to the event and its audience, read from the database when it arrives
//! (after commit: what is read is what was committed).

use rapport_domain::realtime::ServerEvent;
use rapport_store::events::Wire;
use rapport_store::{boards, connections, conversations, creators, notifications, DbConnection};

use crate::error::ApiResult;
use crate::messaging::messages::message_view;
use crate::realtime::hub::{Audience, Delivery};

/// The team of a conversation, and its creator's user when the influencer is a connected creator.
fn conversation_audience(
    conn: &mut DbConnection,
    conversation: &rapport_store::conversations::ConversationRow,
) -> ApiResult<Audience> {
    let mut audience = Audience {
        teams: vec![conversation.team_id],
        users: Vec::new(),
    };
    if let Some(link) =
        connections::for_influencer(conn, conversation.team_id, conversation.influencer_id)?
    {
        if let Some(creator) = creators::find(conn, link.creator_id)? {
            audience.users.push(creator.user_id);
        }
    }
    Ok(audience)
}

/// The event for `wire`, or `None` when what it names is gone.
pub fn resolve(conn: &mut DbConnection, wire: &Wire) -> ApiResult<Option<Delivery>> {
    let (audience, event) = match wire {
        Wire::Message {
            conversation,
            message,
        } => {
            let Some(conversation) = conversations::find(conn, *conversation)? else {
                return Ok(None);
            };
            let Some(row) = conversations::find_message(conn, *message)? else {
                return Ok(None);
            };
            let audience = conversation_audience(conn, &conversation)?;
            let message = message_view(&conversation, &row);
            (audience, ServerEvent::MessageCreated { message })
        }
        Wire::Read {
            conversation,
            side,
            upto,
        } => {
            let Some(conversation) = conversations::find(conn, *conversation)? else {
                return Ok(None);
            };
            let audience = conversation_audience(conn, &conversation)?;
            (
                audience,
                ServerEvent::ConversationRead {
                    conversation_id: conversation.id,
                    side: *side,
                    upto: *upto,
                },
            )
        }
        Wire::Board { board } => {
            let Some(team) = boards::find_board(conn, *board)?.map(|row| row.team_id) else {
                return Ok(None);
            };
            (
                Audience {
                    teams: vec![team],
                    users: Vec::new(),
                },
                ServerEvent::BoardChanged { board_id: *board },
            )
        }
        Wire::Notification { user, notification } => {
            let Some(row) = notifications::find(conn, *notification)? else {
                return Ok(None);
            };
            (
                Audience {
                    teams: Vec::new(),
                    users: vec![*user],
                },
                ServerEvent::NotificationCreated {
                    notification: row.to_notification(),
                },
            )
        }
    };
    let json = serde_json::to_string(&event).map_err(crate::error::ApiError::internal)?;
    Ok(Some(Delivery { audience, json }))
}
