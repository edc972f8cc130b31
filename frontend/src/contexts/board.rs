//! The board page's state. [`BoardContext`] lives as long as the page; [`LoadedBoard`] is one
//! reading of the board, rebuilt each time the board is read again, so that what the columns and
//! cards show is the server's.

use leptos::prelude::*;
use rapport_domain::boards::Label;
use rapport_domain::{BoardId, CardId};

use crate::board_state::{Columns, Filter};
use crate::components::board::mover::Mover;

/// What the board page shares with all its parts (provided by the page).
#[derive(Clone, Copy)]
pub struct BoardContext {
    /// The board the address names (`None` when it names none).
    pub id: Memo<Option<BoardId>>,
    /// Notified after a change the board shows (cards added, a column renamed, a label applied):
    /// the board is read again.
    pub refetch: Trigger,
    /// What the board shows: labels and text.
    pub filter: RwSignal<Filter>,
    /// The card whose influencer's panel is open.
    pub opened: RwSignal<Option<CardId>>,
    /// What happened to each line of the last "Add influencers" (line, outcome); kept here so it
    /// survives the reading of the board the adding causes.
    pub added: RwSignal<Vec<(String, String)>>,
}

impl BoardContext {
    /// Fresh state for the board `id` names.
    pub fn new(id: Memo<Option<BoardId>>) -> Self {
        Self {
            id,
            refetch: Trigger::new(),
            filter: RwSignal::new(Filter::default()),
            opened: RwSignal::new(None),
            added: RwSignal::new(Vec::new()),
        }
    }
}

/// The board page's state (panics outside the board page: a mistake in the code).
pub fn use_board() -> BoardContext {
    expect_context::<BoardContext>()
}

/// One reading of the board, shared by the components that show it (provided by
/// `BoardScreen`).
#[derive(Clone, Copy)]
pub struct LoadedBoard {
    /// The board's id.
    pub id: BoardId,
    /// Its columns and cards as shown: moves change them at once.
    pub columns: RwSignal<Columns>,
    /// Its labels.
    pub labels: StoredValue<Vec<Label>>,
    /// Moving cards and columns.
    pub mover: Mover,
}

/// The board as read (panics outside `BoardScreen`: a mistake in the code).
pub fn use_loaded_board() -> LoadedBoard {
    expect_context::<LoadedBoard>()
}
