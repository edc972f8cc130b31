//! The board page's state. [`BoardContext`] lives as long as the page: each reading of the board
//! updates its signals (name, labels, columns) in place, so the toolbar, an open dialog and the
//! cards that did not change stay as they are while what changed is drawn again.

use leptos::prelude::*;
use rapport_domain::boards::{BoardView, Label};
use rapport_domain::{BoardId, CardId};

use crate::api::ApiError;
use crate::board_state::{columns_of, Columns, Filter, Removed};
use crate::change::Change;
use crate::components::board::mover::Mover;

/// What the board page shares with all its parts (provided by the page).
#[derive(Clone, Copy)]
pub struct BoardContext {
    /// The board the address names (`None` when it names none).
    pub id: Memo<Option<BoardId>>,
    /// Notified after a change the board shows (cards added, a column renamed, a label applied):
    /// the board is read again.
    pub refetch: Trigger,
    /// The board's name, as last read or renamed.
    pub name: RwSignal<String>,
    /// Whether the board is archived.
    pub archived: RwSignal<bool>,
    /// The board's labels, by name.
    pub labels: RwSignal<Vec<Label>>,
    /// Its columns and cards as shown: moves change them at once, readings replace them.
    pub columns: RwSignal<Columns>,
    /// What the board shows: labels and text.
    pub filter: RwSignal<Filter>,
    /// The card whose influencer's panel is open.
    pub opened: RwSignal<Option<CardId>>,
    /// Whether the "Add influencers" dialog is open.
    pub adding: RwSignal<bool>,
    /// Whether the labels dialog is open.
    pub managing_labels: RwSignal<bool>,
    /// What happened to each line of the last "Add influencers" (line, outcome).
    pub added: RwSignal<Vec<(String, String)>>,
    /// The card last taken off the board, while "Undo" is offered.
    pub removed: RwSignal<Option<Removed>>,
    /// Taking cards off and putting them back (page-wide: the panel that starts a removal closes).
    pub removals: Action<Change, ()>,
    /// Why the last removal or undo failed.
    pub undo_error: RwSignal<Option<ApiError>>,
    /// Whether a change of this page is under way (a card or column held, a move or a removal on
    /// its way): a reading now could show the board from before it.
    pub held: RwSignal<bool>,
    /// Counts the changes this page started: a reading that saw it move is not shown.
    pub generation: RwSignal<u64>,
    /// The board changed elsewhere (or a reading was set aside): read it again when nothing is
    /// held.
    pub stale: RwSignal<bool>,
}

impl BoardContext {
    /// Fresh state for the board `id` names.
    pub fn new(id: Memo<Option<BoardId>>) -> Self {
        Self {
            id,
            refetch: Trigger::new(),
            name: RwSignal::new(String::new()),
            archived: RwSignal::new(false),
            labels: RwSignal::new(Vec::new()),
            columns: RwSignal::new(Vec::new()),
            filter: RwSignal::new(Filter::default()),
            opened: RwSignal::new(None),
            adding: RwSignal::new(false),
            managing_labels: RwSignal::new(false),
            added: RwSignal::new(Vec::new()),
            removed: RwSignal::new(None),
            removals: Action::new_local(Change::run),
            undo_error: RwSignal::new(None),
            held: RwSignal::new(false),
            generation: RwSignal::new(0),
            stale: RwSignal::new(false),
        }
    }

    /// Opens the "Add influencers" dialog, without the last add's outcomes.
    pub fn start_adding(&self) {
        self.added.set(Vec::new());
        self.adding.set(true);
    }

    /// Shows a new reading of the board.
    pub fn show(&self, board: &BoardView) {
        self.name.set(board.name.clone());
        self.archived.set(board.archived_at.is_some());
        self.labels.set(board.labels.clone());
        self.columns.set(columns_of(board));
    }
}

/// The board page's state (panics outside the board page: a mistake in the code).
pub fn use_board() -> BoardContext {
    expect_context::<BoardContext>()
}

/// The board on screen, for the parts inside it (provided by `BoardScreen`).
#[derive(Clone, Copy)]
pub struct LoadedBoard {
    /// The board's id.
    pub id: BoardId,
    /// Moving cards and columns.
    pub mover: Mover,
}

/// The board on screen (panics outside `BoardScreen`: a mistake in the code).
pub fn use_loaded_board() -> LoadedBoard {
    expect_context::<LoadedBoard>()
}
