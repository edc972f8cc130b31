//! The board as the app holds it, and the pure logic of moving cards: where a card lands, what to
//! ask the API (`before`/`after` neighbours), and how to undo a move the API refused.

use rapport_domain::boards::{BoardView, CardView, MoveCard, MoveColumn};
use rapport_domain::{CardId, ColumnId, LabelId};

/// One column, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Its id.
    pub id: ColumnId,
    /// Its name.
    pub name: String,
    /// Its cards, top to bottom.
    pub cards: Vec<CardView>,
}

/// Columns, left to right.
pub type Columns = Vec<Column>;

/// The columns of a board view.
pub fn columns_of(board: &BoardView) -> Columns {
    board
        .columns
        .iter()
        .map(|c| Column {
            id: c.id,
            name: c.name.clone(),
            cards: c.cards.clone(),
        })
        .collect()
}

/// What the board shows: cards with any of `labels` (all when empty) whose influencer's name or a
/// handle contains `text` (any case).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Label ids; a card needs one of them.
    pub labels: Vec<LabelId>,
    /// Text in the name or a handle.
    pub text: String,
}

impl Filter {
    /// Whether the card passes.
    pub fn shows(&self, card: &CardView) -> bool {
        let labelled =
            self.labels.is_empty() || card.label_ids.iter().any(|l| self.labels.contains(l));
        let needle = self.text.trim().to_lowercase();
        let matches = needle.is_empty()
            || card
                .influencer
                .display_name
                .to_lowercase()
                .contains(&needle)
            || card
                .influencer
                .accounts
                .iter()
                .any(|a| a.handle.to_lowercase().contains(&needle));
        labelled && matches
    }

    /// Whether anything is filtered out.
    pub fn is_active(&self) -> bool {
        !self.labels.is_empty() || !self.text.trim().is_empty()
    }
}

/// Where a card is: column index and position in it.
pub fn locate(columns: &Columns, card: CardId) -> Option<(usize, usize)> {
    columns.iter().enumerate().find_map(|(c, column)| {
        column
            .cards
            .iter()
            .position(|k| k.id == card)
            .map(|i| (c, i))
    })
}

/// Moves `card` to position `index` of column `to` (positions counted without the card itself),
/// and returns the request that tells the API the same: the target column and the neighbours.
/// `None` when nothing would change or the card or column is unknown.
pub fn move_card(columns: &mut Columns, card: CardId, to: usize, index: usize) -> Option<MoveCard> {
    let (from, at) = locate(columns, card)?;
    if to >= columns.len() {
        return None;
    }
    let moving = columns[from].cards.remove(at);
    let index = index.min(columns[to].cards.len());
    if from == to && index == at {
        columns[from].cards.insert(at, moving);
        return None;
    }
    let target = &mut columns[to];
    let after = index.checked_sub(1).map(|i| target.cards[i].id);
    let before = target.cards.get(index).map(|k| k.id);
    target.cards.insert(index, moving);
    Some(MoveCard {
        column_id: Some(target.id),
        before,
        after,
    })
}

/// The cards right above and below a card: `(after, before)` as the API names them.
pub type Neighbours = (Option<CardId>, Option<CardId>);

/// The cards right above and below `card` in its column.
pub fn neighbours(columns: &Columns, card: CardId) -> Option<Neighbours> {
    let (c, i) = locate(columns, card)?;
    let cards = &columns[c].cards;
    let after = i.checked_sub(1).map(|j| cards[j].id);
    let before = cards.get(i + 1).map(|k| k.id);
    Some((after, before))
}

/// Moves the column `id` to position `index` (counted without it) and returns the request that
/// tells the API the same; `None` when nothing would change.
pub fn move_column(columns: &mut Columns, id: ColumnId, index: usize) -> Option<MoveColumn> {
    let at = columns.iter().position(|c| c.id == id)?;
    let moving = columns.remove(at);
    let index = index.min(columns.len());
    if index == at {
        columns.insert(at, moving);
        return None;
    }
    let after = index.checked_sub(1).map(|i| columns[i].id);
    let before = columns.get(index).map(|c| c.id);
    columns.insert(index, moving);
    Some(MoveColumn { before, after })
}

/// A card taken off the board, with where it was, so that "Undo" can put it back.
#[derive(Debug, Clone, PartialEq)]
pub struct Removed {
    /// The card as it was shown.
    pub card: CardView,
    /// Its column.
    pub column: ColumnId,
    /// The cards right above and below it then.
    pub neighbours: Neighbours,
}

/// Takes `card` off `columns`, answering what it takes to put it back.
pub fn remove_card(columns: &mut Columns, card: CardId) -> Option<Removed> {
    let neighbours = neighbours(columns, card)?;
    let (c, i) = locate(columns, card)?;
    let column = &mut columns[c];
    Some(Removed {
        card: column.cards.remove(i),
        column: column.id,
        neighbours,
    })
}

/// Where a restored card goes: the removed card's column, between the neighbours it had that are
/// still there (the API refuses a neighbour that is gone or moved to another column).
pub fn restore_move(columns: &Columns, removed: &Removed) -> MoveCard {
    let present = |card: Option<CardId>| {
        card.filter(|id| locate(columns, *id).is_some_and(|(c, _)| columns[c].id == removed.column))
    };
    let (after, before) = removed.neighbours;
    let (after, before) = match (present(after), present(before)) {
        // Both only while they are still next to each other; else right after the one above.
        (Some(a), Some(b)) if neighbours(columns, b).map(|(above, _)| above) != Some(Some(a)) => {
            (Some(a), None)
        }
        pair => pair,
    };
    MoveCard {
        column_id: Some(removed.column),
        before,
        after,
    }
}

/// Shows `removed` back in its place (where [`restore_move`] asks the API to put it).
pub fn put_back(columns: &mut Columns, removed: &Removed) {
    let request = restore_move(columns, removed);
    let index_of = |columns: &Columns, card: CardId| locate(columns, card).map(|(_, i)| i);
    let at = match (request.after, request.before) {
        (Some(after), _) => index_of(columns, after).map(|i| i + 1),
        (None, Some(before)) => index_of(columns, before),
        (None, None) => None,
    };
    if let Some(column) = columns.iter_mut().find(|c| c.id == removed.column) {
        let at = at.unwrap_or(column.cards.len()).min(column.cards.len());
        column.cards.insert(at, removed.card.clone());
    }
}

/// What identifies a card's rendering: its id and a digest of what it shows, so that a card
/// whose name, accounts or labels changed is drawn again while one that only moved keeps its
/// element.
pub fn card_key(card: &CardView) -> (CardId, u64) {
    use std::hash::{Hash, Hasher};
    let mut digest = std::collections::hash_map::DefaultHasher::new();
    card.influencer.display_name.hash(&mut digest);
    card.label_ids.hash(&mut digest);
    for account in &card.influencer.accounts {
        account.platform.as_str().hash(&mut digest);
        account.handle.hash(&mut digest);
        account.followers.hash(&mut digest);
    }
    (card.id, digest.finish())
}

/// A card "one step" away, for keyboard moves: up, down, or the same position in the next column
/// left or right. Returns the new (column, index).
pub fn step(columns: &Columns, card: CardId, direction: Step) -> Option<(usize, usize)> {
    let (c, i) = locate(columns, card)?;
    match direction {
        Step::Up => i.checked_sub(1).map(|i| (c, i)),
        Step::Down => (i + 1 < columns[c].cards.len()).then_some((c, i + 1)),
        Step::Left => c.checked_sub(1).map(|c| (c, i.min(columns[c].cards.len()))),
        Step::Right => (c + 1 < columns.len()).then(|| (c + 1, i.min(columns[c + 1].cards.len()))),
    }
}

/// A keyboard step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
    /// Arrow left.
    Left,
    /// Arrow right.
    Right,
}

#[cfg(test)]
mod tests {
    // The same tests run natively (`cargo test`) and as wasm (`make test-web-unit`, through
    // wasm-bindgen-test in node).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use rapport_domain::influencers::InfluencerSummary;
    use rapport_domain::InfluencerId;
    use uuid::Uuid;

    fn card(n: u128) -> CardView {
        CardView {
            id: CardId(Uuid::from_u128(n)),
            influencer: InfluencerSummary {
                id: InfluencerId(Uuid::from_u128(n)),
                display_name: format!("c{n}"),
                accounts: Vec::new(),
            },
            label_ids: Vec::new(),
        }
    }

    fn board() -> Columns {
        vec![
            Column {
                id: ColumnId(Uuid::from_u128(100)),
                name: "A".into(),
                cards: vec![card(1), card(2), card(3)],
            },
            Column {
                id: ColumnId(Uuid::from_u128(200)),
                name: "B".into(),
                cards: vec![card(4)],
            },
        ]
    }

    fn names(columns: &Columns) -> Vec<Vec<String>> {
        columns
            .iter()
            .map(|c| {
                c.cards
                    .iter()
                    .map(|k| k.influencer.display_name.clone())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_move_within_a_column_names_both_neighbours() {
        let mut columns = board();
        let request = move_card(&mut columns, CardId(Uuid::from_u128(3)), 0, 1).unwrap();
        assert_eq!(names(&columns), [vec!["c1", "c3", "c2"], vec!["c4"]]);
        assert_eq!(request.after, Some(CardId(Uuid::from_u128(1))));
        assert_eq!(request.before, Some(CardId(Uuid::from_u128(2))));
    }

    #[test]
    fn a_move_to_the_ends_and_across_columns() {
        let mut columns = board();
        let top = move_card(&mut columns, CardId(Uuid::from_u128(2)), 0, 0).unwrap();
        assert_eq!(
            (top.after, top.before),
            (None, Some(CardId(Uuid::from_u128(1))))
        );
        let across = move_card(&mut columns, CardId(Uuid::from_u128(1)), 1, 9).unwrap();
        assert_eq!(names(&columns), [vec!["c2", "c3"], vec!["c4", "c1"]]);
        assert_eq!(across.column_id, Some(ColumnId(Uuid::from_u128(200))));
        assert_eq!(
            (across.after, across.before),
            (Some(CardId(Uuid::from_u128(4))), None)
        );
    }

    #[test]
    fn a_move_to_where_the_card_is_changes_nothing() {
        let mut columns = board();
        assert!(move_card(&mut columns, CardId(Uuid::from_u128(2)), 0, 1).is_none());
        assert_eq!(columns, board());
        assert!(move_card(&mut columns, CardId(Uuid::from_u128(99)), 0, 0).is_none());
    }

    #[test]
    fn columns_move_between_their_neighbours() {
        let mut columns = board();
        let a = ColumnId(Uuid::from_u128(100));
        let b = ColumnId(Uuid::from_u128(200));
        let request = move_column(&mut columns, a, 1).unwrap();
        assert_eq!(
            columns.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
            ["B", "A"]
        );
        assert_eq!((request.after, request.before), (Some(b), None));
        assert!(move_column(&mut columns, a, 1).is_none());
    }

    #[test]
    fn filters_match_labels_and_text() {
        let mut labelled = card(1);
        labelled.label_ids.push(LabelId(Uuid::from_u128(7)));
        let plain = card(2);
        let by_label = Filter {
            labels: vec![LabelId(Uuid::from_u128(7))],
            text: String::new(),
        };
        assert!(by_label.shows(&labelled) && !by_label.shows(&plain));
        let by_text = Filter {
            labels: Vec::new(),
            text: " C2 ".into(),
        };
        assert!(by_text.shows(&plain) && !by_text.shows(&labelled));
        assert!(Filter::default().shows(&plain) && !Filter::default().is_active());
    }

    #[test]
    fn keyboard_steps_stay_on_the_board() {
        let columns = board();
        let c1 = CardId(Uuid::from_u128(1));
        let c3 = CardId(Uuid::from_u128(3));
        assert_eq!(step(&columns, c1, Step::Up), None);
        assert_eq!(step(&columns, c1, Step::Down), Some((0, 1)));
        assert_eq!(step(&columns, c3, Step::Down), None);
        assert_eq!(step(&columns, c3, Step::Right), Some((1, 1)));
        assert_eq!(step(&columns, c1, Step::Left), None);
    }

    #[test]
    fn a_removed_card_goes_back_between_its_neighbours() {
        let mut columns = board();
        let id = |n| CardId(Uuid::from_u128(n));
        let removed = remove_card(&mut columns, id(2)).unwrap();
        assert_eq!(names(&columns), [vec!["c1", "c3"], vec!["c4"]]);
        assert_eq!(removed.neighbours, (Some(id(1)), Some(id(3))));
        let request = restore_move(&columns, &removed);
        assert_eq!(request.column_id, Some(ColumnId(Uuid::from_u128(100))));
        assert_eq!((request.after, request.before), (Some(id(1)), Some(id(3))));
        put_back(&mut columns, &removed);
        assert_eq!(columns, board());
        // The first card of a column goes back first; the last, last.
        for n in [1, 3] {
            let mut columns = board();
            let removed = remove_card(&mut columns, id(n)).unwrap();
            put_back(&mut columns, &removed);
            assert_eq!(columns, board());
        }
    }

    #[test]
    fn a_restored_card_skips_neighbours_that_left() {
        let mut columns = board();
        let id = |n| CardId(Uuid::from_u128(n));
        let removed = remove_card(&mut columns, id(2)).unwrap();
        // c1 moved to the other column; c3 is still there.
        move_card(&mut columns, id(1), 1, 0).unwrap();
        let request = restore_move(&columns, &removed);
        assert_eq!((request.after, request.before), (None, Some(id(3))));
        // Something now sits between c1 and c3: right after c1.
        let mut columns = board();
        let removed = remove_card(&mut columns, id(2)).unwrap();
        move_card(&mut columns, id(4), 0, 1).unwrap();
        let request = restore_move(&columns, &removed);
        assert_eq!((request.after, request.before), (Some(id(1)), None));
        // Both gone: the column's end.
        let mut columns = board();
        let removed = remove_card(&mut columns, id(2)).unwrap();
        remove_card(&mut columns, id(1)).unwrap();
        remove_card(&mut columns, id(3)).unwrap();
        let request = restore_move(&columns, &removed);
        assert_eq!((request.after, request.before), (None, None));
    }

    #[test]
    fn a_card_is_drawn_again_when_what_it_shows_changes() {
        let plain = card(1);
        let mut labelled = plain.clone();
        labelled.label_ids.push(LabelId(Uuid::from_u128(9)));
        let mut renamed = plain.clone();
        renamed.influencer.display_name = "Ada".into();
        assert_eq!(card_key(&plain), card_key(&plain.clone()));
        assert_ne!(card_key(&plain), card_key(&labelled));
        assert_ne!(card_key(&plain), card_key(&renamed));
        assert_eq!(card_key(&plain).0, card_key(&renamed).0);
    }
}
