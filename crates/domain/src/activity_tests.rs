//! Unit tests of `activity`.

use super::*;
use uuid::Uuid;

fn account() -> AccountRef {
    AccountRef {
        platform: Platform::Instagram,
        handle: "mia.lens".into(),
    }
}

/// One change of each kind (the match is exhaustive, so a new kind needs a sample here).
fn sample(kind: ActivityKind) -> Change {
    let board_id = BoardId(Uuid::nil());
    let note = NoteId(Uuid::nil());
    let reminder = ReminderId(Uuid::nil());
    let board = || "Launch".to_owned();
    match kind {
        ActivityKind::InfluencerCreated => Change::InfluencerCreated {
            display_name: "Mia".into(),
            account: account(),
        },
        ActivityKind::InfluencerUpdated => Change::InfluencerUpdated {
            fields: vec!["email".into()],
        },
        ActivityKind::InfluencerRenamed => Change::InfluencerRenamed {
            display_name: "Mia".into(),
        },
        ActivityKind::InfluencerDeleted => Change::InfluencerDeleted {
            display_name: "Mia".into(),
        },
        ActivityKind::AccountAdded => Change::AccountAdded(account()),
        ActivityKind::AccountRemoved => Change::AccountRemoved(account()),
        ActivityKind::CardAdded => Change::CardAdded {
            board_id,
            board: board(),
            column: "Contacted".into(),
        },
        ActivityKind::CardMoved => Change::CardMoved {
            board_id,
            board: board(),
            from: "Contacted".into(),
            to: "Live".into(),
            reason: None,
        },
        ActivityKind::CardRemoved => Change::CardRemoved {
            board_id,
            board: board(),
            column: None,
            reason: None,
        },
        ActivityKind::LabelApplied => Change::LabelApplied {
            board_id,
            board: board(),
            label: "VIP".into(),
        },
        ActivityKind::LabelRemoved => Change::LabelRemoved {
            board_id,
            board: board(),
            label: "VIP".into(),
            reason: Some(Reason::LabelDeleted),
        },
        ActivityKind::NoteAdded => Change::note(NoteKind::Note, NoteStep::Added, note),
        ActivityKind::NoteEdited => Change::note(NoteKind::Note, NoteStep::Edited, note),
        ActivityKind::NoteDeleted => Change::note(NoteKind::Note, NoteStep::Deleted, note),
        ActivityKind::CommentAdded => Change::note(NoteKind::Comment, NoteStep::Added, note),
        ActivityKind::CommentEdited => Change::note(NoteKind::Comment, NoteStep::Edited, note),
        ActivityKind::CommentDeleted => Change::note(NoteKind::Comment, NoteStep::Deleted, note),
        ActivityKind::ReminderAdded => Change::ReminderAdded {
            id: reminder,
            text: "Call".into(),
            due_at: DateTime::<Utc>::default(),
            assignee_id: UserId(Uuid::nil()),
        },
        ActivityKind::ReminderUpdated => Change::ReminderUpdated { id: reminder },
        ActivityKind::ReminderDone => Change::ReminderDone { id: reminder },
        ActivityKind::ReminderReopened => Change::ReminderReopened { id: reminder },
        ActivityKind::ReminderDeleted => Change::ReminderDeleted {
            id: reminder,
            text: "Call".into(),
        },
        ActivityKind::BoardUpdated => Change::BoardUpdated {
            name: Some("New".into()),
            archived: None,
        },
        ActivityKind::ColumnAdded => Change::ColumnAdded {
            column: "Live".into(),
        },
        ActivityKind::ColumnRenamed => Change::ColumnRenamed {
            from: "A".into(),
            to: "B".into(),
        },
        ActivityKind::ColumnMoved => Change::ColumnMoved {
            column: "Live".into(),
        },
        ActivityKind::ColumnDeleted => Change::ColumnDeleted {
            column: "Live".into(),
        },
        ActivityKind::LabelCreated => Change::LabelCreated {
            label: "VIP".into(),
        },
        ActivityKind::LabelUpdated => Change::LabelUpdated {
            label: "VIP".into(),
        },
        ActivityKind::LabelDeleted => Change::LabelDeleted {
            label: "VIP".into(),
        },
    }
}

#[test]
fn every_kind_has_a_payload_of_its_own_spelling() {
    for &kind in ActivityKind::ALL {
        let (stored, _) = sample(kind).into_parts().unwrap();
        assert_eq!(stored, kind);
        assert_eq!(ActivityKind::parse(kind.as_str()), Some(kind));
        assert_eq!(
            serde_json::to_value(kind).unwrap(),
            serde_json::Value::String(kind.as_str().into())
        );
    }
}

#[test]
fn payloads_keep_the_field_names_the_history_has_always_had() {
    let (kind, data) = Change::CardMoved {
        board_id: BoardId(Uuid::nil()),
        board: "Launch".into(),
        from: "Contacted".into(),
        to: "Live".into(),
        reason: Some(Reason::ColumnDeleted),
    }
    .into_parts()
    .unwrap();
    assert_eq!(kind.as_str(), "card.moved");
    assert_eq!(
        data,
        serde_json::json!({
            "board_id": Uuid::nil(), "board": "Launch", "from": "Contacted", "to": "Live",
            "reason": "column deleted"
        })
    );
    let (_, data) = Change::AccountAdded(account()).into_parts().unwrap();
    assert_eq!(
        data,
        serde_json::json!({"platform": "instagram", "handle": "mia.lens"})
    );
    let (_, data) = Change::BoardUpdated {
        name: None,
        archived: Some(true),
    }
    .into_parts()
    .unwrap();
    assert_eq!(data, serde_json::json!({"name": null, "archived": true}));
}
