//! How live events change what the chat screens show: a thread's messages and the messenger's
//! list of conversations (pure, so that they are unit-tested).

use rapport_domain::messages::{Conversation, Message, Side};
use rapport_domain::{ConversationId, MessageId};

/// Adds `incoming` to `shown` (once each, by id) and keeps them oldest first.
pub fn merge(shown: &mut Vec<Message>, incoming: Vec<Message>) {
    for message in incoming {
        if !shown.iter().any(|m| m.id == message.id) {
            shown.push(message);
        }
    }
    shown.sort_by_key(|m| m.id);
}

/// Marks `side`'s messages up to `upto` as read by the other side.
pub fn mark_read_upto(shown: &mut [Message], side: Side, upto: MessageId) {
    for message in shown.iter_mut() {
        if message.side == side && message.id <= upto {
            message.read = true;
        }
    }
}

/// Applies a live message to the list: its conversation takes it as the last message, moves to
/// the top and, unless it is `open` or the message is the reader's own, counts one more unread.
/// Returns false when the conversation is not in the list (it must be read again).
pub fn apply_message(
    list: &mut Vec<Conversation>,
    message: &Message,
    open: Option<ConversationId>,
    own: bool,
) -> bool {
    let Some(at) = list.iter().position(|c| c.id == message.conversation_id) else {
        return false;
    };
    let mut conversation = list.remove(at);
    if conversation
        .last_message
        .as_ref()
        .is_some_and(|last| last.id >= message.id)
    {
        list.insert(at, conversation);
        return true;
    }
    if !own && open != Some(conversation.id) {
        conversation.unread += 1;
    }
    if open == Some(conversation.id) {
        conversation.unread = 0;
    }
    conversation.updated_at = message.created_at;
    conversation.last_message = Some(message.clone());
    list.insert(0, conversation);
    true
}

#[cfg(test)]
#[path = "updates_tests.rs"]
mod tests;
