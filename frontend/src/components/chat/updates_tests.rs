//! Unit tests of `updates`. They run natively (`cargo test`) and as wasm (`make test-web-unit`).

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use chrono::{TimeZone, Utc};
use rapport_domain::connections::TeamSummary;
use rapport_domain::messages::Channel;
use rapport_domain::{InfluencerId, TeamId};
use uuid::Uuid;

use super::*;

fn message(conversation: u128, id: u128, side: Side) -> Message {
    Message {
        id: MessageId(Uuid::from_u128(id)),
        conversation_id: ConversationId(Uuid::from_u128(conversation)),
        side,
        author_name: "Ada".into(),
        text: format!("message {id}"),
        by_email: false,
        read: false,
        created_at: Utc.timestamp_opt(1_700_000_000 + id as i64, 0).unwrap(),
    }
}

fn conversation(id: u128, last: u128, unread: u64) -> Conversation {
    let last = message(id, last, Side::Team);
    Conversation {
        id: ConversationId(Uuid::from_u128(id)),
        team: TeamSummary {
            id: TeamId(Uuid::from_u128(99)),
            name: "Acme".into(),
        },
        influencer_id: InfluencerId(Uuid::from_u128(id + 1000)),
        influencer_name: "Ada".into(),
        creator_id: None,
        channel: Channel::App,
        updated_at: last.created_at,
        last_message: Some(last),
        unread,
    }
}

fn ids(list: &[Conversation]) -> Vec<u128> {
    list.iter().map(|c| c.id.uuid().as_u128()).collect()
}

#[test]
fn a_thread_keeps_each_message_once_oldest_first() {
    let mut shown = vec![message(1, 2, Side::Team)];
    merge(
        &mut shown,
        vec![
            message(1, 3, Side::Influencer),
            message(1, 1, Side::Team),
            message(1, 2, Side::Team),
        ],
    );
    let order: Vec<u128> = shown.iter().map(|m| m.id.uuid().as_u128()).collect();
    assert_eq!(order, vec![1, 2, 3]);
}

#[test]
fn a_read_mark_reaches_only_the_sides_messages_up_to_it() {
    let mut shown = vec![
        message(1, 1, Side::Team),
        message(1, 2, Side::Influencer),
        message(1, 3, Side::Team),
    ];
    mark_read_upto(&mut shown, Side::Team, MessageId(Uuid::from_u128(2)));
    let read: Vec<bool> = shown.iter().map(|m| m.read).collect();
    assert_eq!(read, vec![true, false, false]);
}

#[test]
fn a_live_message_moves_its_conversation_up_and_counts_unread() {
    let mut list = vec![conversation(1, 10, 0), conversation(2, 5, 0)];
    assert!(apply_message(
        &mut list,
        &message(2, 11, Side::Influencer),
        None,
        false
    ));
    assert_eq!(ids(&list), vec![2, 1]);
    assert_eq!(list[0].unread, 1);
    assert_eq!(
        list[0].last_message.as_ref().map(|m| m.text.as_str()),
        Some("message 11")
    );
    // The same message again changes nothing.
    assert!(apply_message(
        &mut list,
        &message(2, 11, Side::Influencer),
        None,
        false
    ));
    assert_eq!(list[0].unread, 1);
}

#[test]
fn own_messages_and_the_open_thread_count_nothing_unread() {
    let mut list = vec![conversation(1, 10, 0), conversation(2, 5, 2)];
    let open = Some(ConversationId(Uuid::from_u128(2)));
    assert!(apply_message(
        &mut list,
        &message(2, 12, Side::Influencer),
        open,
        false
    ));
    assert_eq!(list[0].unread, 0);
    assert!(apply_message(
        &mut list,
        &message(1, 13, Side::Team),
        None,
        true
    ));
    assert_eq!(ids(&list), vec![1, 2]);
    assert_eq!(list[0].unread, 0);
}

#[test]
fn a_message_of_an_unknown_conversation_asks_for_a_new_reading() {
    let mut list = vec![conversation(1, 10, 0)];
    assert!(!apply_message(
        &mut list,
        &message(7, 11, Side::Influencer),
        None,
        false
    ));
    assert_eq!(ids(&list), vec![1]);
}
