//! Events for live clients: what changed, by id (the realtime hub reads the rest). They are
//! emitted inside the transaction that makes the change. On PostgreSQL with `pg_notify`: every
//! listening server gets them at commit, in commit order, and never after a rollback. On SQLite
//! (one server) they wait beside the transaction, and the writer hands them over after commit
//! ([`take_pending`]) or drops them after a rollback ([`discard_pending`]).

use std::cell::RefCell;

use diesel::sql_types::Text;
use diesel::RunQueryDsl;
use rapport_domain::messages::Side;
use rapport_domain::{BoardId, ConversationId, MessageId, NotificationId, UserId};
use serde::{Deserialize, Serialize};

use crate::DbConnection;

/// The PostgreSQL channel the events go through.
pub const CHANNEL: &str = "rapport_events";

/// A change, by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum Wire {
    /// A message was added to a conversation.
    Message {
        /// The conversation.
        conversation: ConversationId,
        /// The message.
        message: MessageId,
    },
    /// A side of a conversation read further.
    Read {
        /// The conversation.
        conversation: ConversationId,
        /// Which side.
        side: Side,
        /// The newest message that side has read now.
        upto: MessageId,
    },
    /// Something on a board changed (a card, a column, a label, an influencer shown on it).
    Board {
        /// The board.
        board: BoardId,
    },
    /// A user has a new notification.
    Notification {
        /// Who is told.
        user: UserId,
        /// The notification.
        notification: NotificationId,
    },
}

thread_local! {
    /// SQLite: the events of the transaction running on this thread.
    static PENDING: RefCell<Vec<Wire>> = const { RefCell::new(Vec::new()) };
}

/// Emits `wire` as part of the current transaction.
pub fn emit(conn: &mut DbConnection, wire: Wire) -> diesel::QueryResult<()> {
    match conn {
        DbConnection::Postgresql(native) => {
            let payload = serde_json::to_string(&wire)
                .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
            diesel::sql_query("SELECT pg_notify($1, $2)")
                .bind::<Text, _>(CHANNEL)
                .bind::<Text, _>(payload)
                .execute(native)
                .map(drop)
        }
        DbConnection::Sqlite(_) => {
            PENDING.with(|pending| pending.borrow_mut().push(wire));
            Ok(())
        }
    }
}

/// SQLite: the events emitted on this thread since the last call (after a commit).
pub fn take_pending() -> Vec<Wire> {
    PENDING.with(|pending| std::mem::take(&mut *pending.borrow_mut()))
}

/// SQLite: forgets the events emitted on this thread (after a rollback, or before a new
/// transaction).
pub fn discard_pending() {
    PENDING.with(|pending| pending.borrow_mut().clear());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wires_read_back_as_written() {
        let wire = Wire::Board {
            board: BoardId(uuid::Uuid::nil()),
        };
        let text = serde_json::to_string(&wire).expect("json");
        assert_eq!(
            text,
            r#"{"t":"board","board":"00000000-0000-0000-0000-000000000000"}"#
        );
        assert_eq!(serde_json::from_str::<Wire>(&text).expect("a wire"), wire);
    }
}
