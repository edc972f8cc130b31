//! The realtime socket's messages (`GET /api/v1/realtime`, a WebSocket): the client signs in with
//! its first message, then the server sends events as they happen. Nothing is only on the socket:
//! every event is stored first, so a client that reconnects reads what it missed by cursor.

use serde::{Deserialize, Serialize};

use crate::messages::{Message, Side};
use crate::notifications::Notification;
use crate::{BoardId, ConversationId, MessageId, UserId};

/// What a client sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClientMessage {
    /// The first message: the access token (within 10 seconds of connecting).
    Auth {
        /// An access token, as for the REST API.
        token: String,
    },
}

/// What the server sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerEvent {
    /// Signed in: events follow.
    Ready {
        /// The user.
        user_id: UserId,
    },
    /// A message in one of the user's conversations.
    MessageCreated {
        /// The message.
        message: Message,
    },
    /// A side of one of the user's conversations read further.
    ConversationRead {
        /// The conversation.
        conversation_id: ConversationId,
        /// Which side read.
        side: Side,
        /// The newest message that side has read.
        upto: MessageId,
    },
    /// Something changed on one of the user's teams' boards: read it again.
    BoardChanged {
        /// The board.
        board_id: BoardId,
    },
    /// A new notification for the user.
    NotificationCreated {
        /// The notification.
        notification: Notification,
    },
}
