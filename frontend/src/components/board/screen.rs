//! One reading of the board: its title, adding influencers, the labels bar, the columns and
//! adding a column.

use leptos::prelude::*;
use rapport_domain::boards::BoardView;

use crate::board_state::columns_of;
use crate::components::board::add_column::AddColumn;
use crate::components::board::add_influencers::AddInfluencers;
use crate::components::board::column::ColumnBox;
use crate::components::board::labels_bar::LabelsBar;
use crate::components::board::mover::Mover;
use crate::components::errors::ErrorMessage;
use crate::contexts::board::{use_board, LoadedBoard};

/// The board as read; built again each time the board is read.
#[component]
pub fn BoardScreen(board: BoardView) -> impl IntoView {
    let page = use_board();
    let columns = RwSignal::new(columns_of(&board));
    let mover = Mover::new(columns, page.opened);
    provide_context(LoadedBoard {
        id: board.id,
        columns,
        labels: StoredValue::new(board.labels),
        mover,
    });
    let empty = board.columns.is_empty();
    view! {
        <section class="board">
            <h1 data-testid="board-title">{board.name}</h1>
            <AddInfluencers/>
            <LabelsBar/>
            <div class="sr-only" aria-live="assertive" data-testid="live-region">{move || mover.status.get()}</div>
            <ErrorMessage error=mover.error/>
            <Show when=move || empty>
                <p class="empty">"This board has no columns yet."</p>
            </Show>
            <div class="columns" data-testid="columns">
                <For each=move || columns.get() key=|column| column.id let:column>
                    <ColumnBox id=column.id name=column.name/>
                </For>
                <AddColumn/>
            </div>
        </section>
    }
}
