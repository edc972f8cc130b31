//! A column: its header and its cards (those the filter shows).

use leptos::prelude::*;
use rapport_domain::ColumnId;

use crate::board_state::card_key;
use crate::components::board::card::CardItem;
use crate::components::board::column_header::ColumnHeader;
use crate::contexts::board::{use_board, use_loaded_board};

/// One column of the board.
#[component]
pub fn ColumnBox(id: ColumnId) -> impl IntoView {
    let page = use_board();
    let board = use_loaded_board();
    let cards = move || {
        let filter = page.filter.get();
        page.columns.with(|all| {
            all.iter()
                .find(|c| c.id == id)
                .map(|c| {
                    c.cards
                        .iter()
                        .filter(|card| filter.shows(card))
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    // Counted without copying the cards again.
    let count = Memo::new(move |_| {
        let filter = page.filter.get();
        page.columns.with(|all| {
            all.iter().find(|c| c.id == id).map_or(0, |c| {
                c.cards.iter().filter(|card| filter.shows(card)).count()
            })
        })
    });
    view! {
        <div class="column" data-testid="column" data-column-id=id.to_string() class:lifted=move || board.mover.is_column_lifted(id)>
            <ColumnHeader id=id count=count/>
            <ol class="cards">
                <For each=cards key=card_key let:card>
                    <CardItem card=card/>
                </For>
            </ol>
        </div>
    }
}
