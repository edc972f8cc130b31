//! The board on screen: the toolbar, the tabs (the board, and its Content tab: `?tab=content`
//! opens on it), the columns (the board fills the page; on a phone they scroll sideways), "+ Add
//! column" at the end of the row, what to do next while the board is empty, and the dialogs the
//! toolbar opens.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use rapport_domain::BoardId;

use crate::board_state::Filter;
use crate::components::board::add_column::AddColumn;
use crate::components::board::add_influencers::AddInfluencersDialog;
use crate::components::board::column::ColumnBox;
use crate::components::board::content::ContentTab;
use crate::components::board::labels_dialog::LabelsDialog;
use crate::components::board::mover::Mover;
use crate::components::board::toolbar::Toolbar;
use crate::components::errors::ErrorMessage;
use crate::contexts::board::{use_board, LoadedBoard};

/// The board `id`, as the board context holds it.
#[component]
pub fn BoardScreen(id: BoardId) -> impl IntoView {
    let page = use_board();
    let mover = Mover::new(page.columns, page.opened);
    // The Content tab, or the board; the address says which, so it can be shared and reloaded.
    let query = use_query_map();
    let content =
        RwSignal::new(query.with_untracked(|q| q.get("tab").as_deref() == Some("content")));
    let navigate = use_navigate();
    let show_content = move |shown: bool| {
        content.set(shown);
        let tab = if shown { "?tab=content" } else { "" };
        let options = NavigateOptions {
            replace: true,
            scroll: false,
            ..NavigateOptions::default()
        };
        navigate(&format!("/boards/{id}{tab}"), options);
    };
    let show_board = show_content.clone();
    provide_context(LoadedBoard { id, mover });
    // Live: a teammate's change (or this tab's own, echoed) reads the board again, once nothing
    // is held; a drag or a lifted card is never disturbed, the reading waits for the drop.
    let live = crate::live::use_live();
    let stale = page.stale;
    // (Each skips its first run: what happened before the screen was read is in it.)
    Effect::new(move |first: Option<()>| {
        let changed = live.board_changed.get();
        if first.is_some() && changed.is_some_and(|(board, _)| board == id) {
            stale.set(true);
        }
    });
    Effect::new(move |first: Option<()>| {
        live.reconnected.track();
        if first.is_some() {
            stale.set(true);
        }
    });
    // Held: a card or column in hand, or a move or a removal on its way.
    let held = Memo::new(move |_| mover.is_busy() || page.removals.pending().get());
    Effect::new(move |was_held: Option<bool>| {
        let now = held.get();
        if now && was_held != Some(true) {
            page.generation.update(|generation| *generation += 1);
        }
        page.held.set(now);
        now
    });
    Effect::new(move |_| {
        if stale.get() && !held.get() {
            stale.set(false);
            page.refetch.notify();
        }
    });
    let column_ids = Memo::new(move |_| {
        page.columns
            .with(|columns| columns.iter().map(|c| c.id).collect::<Vec<_>>())
    });
    let no_columns = move || column_ids.with(Vec::is_empty);
    let no_cards = move || {
        page.columns
            .with(|all| all.iter().all(|c| c.cards.is_empty()))
    };
    let none_shown = move || {
        let filter = page.filter.get();
        filter.is_active()
            && page.columns.with(|all| {
                !all.iter()
                    .flat_map(|c| &c.cards)
                    .any(|card| filter.shows(card))
            })
    };
    view! {
        <section class="board">
            <Toolbar/>
            <div class="sr-only" aria-live="assertive" data-testid="live-region">{move || mover.status.get()}</div>
            <ErrorMessage error=mover.error/>
            <div class="tabs board-tabs" role="tablist">
                <button type="button" role="tab" data-testid="board-tab-board" aria-selected=move || (!content.get()).to_string()
                    on:click=move |_| show_board(false)>"Board"</button>
                <button type="button" role="tab" data-testid="board-tab-content" aria-selected=move || content.get().to_string()
                    on:click=move |_| show_content(true)>"Content"</button>
            </div>
            {move || content.get().then(|| view! { <ContentTab board=id/> })}
            {move || if content.get() {
                None
            } else if no_columns() {
                Some(view! {
                    <p class="empty-state" data-testid="board-empty">"This board has no columns yet: add one to start."</p>
                }.into_any())
            } else if no_cards() {
                Some(view! {
                    <div class="empty-state" data-testid="board-empty">
                        <p>"Add influencers to start: paste their profile links or usernames."</p>
                        <button type="button" data-testid="empty-add" on:click=move |_| page.start_adding()>"Add influencers"</button>
                    </div>
                }.into_any())
            } else if none_shown() {
                Some(view! {
                    <p class="empty-state" data-testid="filter-empty">"No card matches the filter. "
                        <button type="button" class="link" on:click=move |_| page.filter.set(Filter::default())>"Clear filters"</button>
                    </p>
                }.into_any())
            } else {
                None
            }}
            <div class="columns" data-testid="columns" style:display=move || content.get().then_some("none")>
                <For each=move || column_ids.get() key=|id| *id let:column>
                    <ColumnBox id=column/>
                </For>
                <AddColumn/>
            </div>
            <AddInfluencersDialog/>
            <LabelsDialog/>
        </section>
    }
}
