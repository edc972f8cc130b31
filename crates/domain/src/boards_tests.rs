//! Unit tests of `boards`.

use super::*;

#[test]
fn a_board_with_columns_is_cleaned() {
    let board: CreateBoard =
        serde_json::from_str(r#"{"name": " Launch ", "columns": ["Contacted", " Live "]}"#)
            .unwrap();
    let clean = board.validate().unwrap();
    assert_eq!(clean.name, "Launch");
    assert_eq!(clean.columns, ["Contacted", "Live"]);
    let bad: CreateBoard = serde_json::from_str(r#"{"name": "", "columns": ["", "ok"]}"#).unwrap();
    let fields: Vec<String> = bad
        .validate()
        .unwrap_err()
        .0
        .into_iter()
        .map(|e| e.field)
        .collect();
    assert_eq!(fields, ["name", "columns[0]"]);
}

#[test]
fn placement_reads_before_after_or_both() {
    let a = ColumnId(uuid::Uuid::from_u128(1));
    let b = ColumnId(uuid::Uuid::from_u128(2));
    let both = MoveColumn {
        before: Some(b),
        after: Some(a),
    };
    assert_eq!(
        both.validate().unwrap(),
        Placement::Between {
            after: a,
            before: b
        }
    );
    assert_eq!(MoveColumn::default().validate().unwrap(), Placement::End);
}

#[test]
fn a_card_source_is_an_id_or_a_profile() {
    let neither = serde_json::from_str::<CardSource>(r#"{"platform": "tiktok"}"#);
    assert!(neither.is_err());
    let both = serde_json::from_str::<CardSource>(
        r#"{"influencer_id": "01890000-0000-7000-8000-000000000000", "profile": "x"}"#,
    );
    assert!(both.is_err(), "exactly one of the two");
    let profile: CardSource =
        serde_json::from_str(r#"{"profile": "tiktok.com/@mia.lens"}"#).unwrap();
    assert!(matches!(profile.source(), Ok(Source::Profile(_))));
    let bad: CardSource =
        serde_json::from_str(r#"{"profile": "https://vm.tiktok.com/abc"}"#).unwrap();
    assert_eq!(bad.source().unwrap_err().code, "short_link");
}

#[test]
fn labels_need_a_name_and_a_colour() {
    let label = CreateLabel {
        name: "Gifted".into(),
        color: "#2F9E44".into(),
    };
    assert_eq!(
        label.validate().unwrap(),
        ("Gifted".into(), "#2f9e44".into())
    );
    let bad = CreateLabel {
        name: " ".into(),
        color: "green".into(),
    };
    assert_eq!(bad.validate().unwrap_err().0.len(), 2);
    assert_eq!(parse_label_ids("x"), None);
}
