//! The slim toolbar above the board: its name (click it to rename it in place), "Add
//! influencers", the "Labels" menu, the filter and the board's own menu (rename, archive). On a
//! phone the actions fold into a menu button.

use leptos::prelude::*;
use rapport_domain::boards::UpdateBoard;

use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::board::filter::FilterBar;
use crate::components::errors::{report, ErrorMessage};
use crate::components::menu::Menu;
use crate::components::name_input::NameInput;
use crate::contexts::board::{use_board, use_loaded_board};

/// The board's toolbar.
#[component]
pub fn Toolbar() -> impl IntoView {
    let page = use_board();
    let board = use_loaded_board().id;
    let renaming = RwSignal::new(false);
    let unfolded = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let changes = Action::new_local(Change::run);
    let update = move |request: UpdateBoard| {
        changes.dispatch_local(Change::new(async move {
            match report(error, api::boards::update_board(board, &request).await) {
                Some(saved) => {
                    page.name.set(saved.name);
                    page.archived.set(saved.archived_at.is_some());
                }
                // The name shown at once goes back to the server's.
                None => page.refetch.notify(),
            }
        }));
    };
    let rename = Callback::new(move |name: String| {
        page.name.set(name.clone());
        update(UpdateBoard {
            name: Some(name),
            archived: None,
        });
    });
    let archive = move |archived: bool| {
        update(UpdateBoard {
            name: None,
            archived: Some(archived),
        })
    };
    view! {
        <header class="toolbar" data-testid="toolbar">
            <Show
                when=move || renaming.get()
                fallback=move || view! {
                    <h1 class="board-name">
                        <button type="button" class="name-button" data-testid="board-title" title="Click to rename"
                            on:click=move |_| renaming.set(true)>{move || page.name.get()}</button>
                    </h1>
                }
            >
                <NameInput name=page.name.get_untracked() editing=renaming label="Board name"
                    testid="board-title-input" on_save=rename/>
            </Show>
            <button type="button" class="icon toolbar-unfold" data-testid="toolbar-unfold"
                aria-label="Board actions" aria-expanded=move || unfolded.get().to_string()
                on:click=move |_| unfolded.update(|u| *u = !*u)>"☰"</button>
            <div class="toolbar-actions" class:unfolded=move || unfolded.get()>
                <button type="button" data-testid="add-open" on:click=move |_| page.start_adding()>"Add influencers"</button>
                <Menu label="Labels" face="Labels ▾" class="secondary" testid="labels-menu">
                    <button type="button" role="menuitem" data-testid="labels-manage"
                        on:click=move |_| page.managing_labels.set(true)>"Manage labels"</button>
                </Menu>
                <FilterBar/>
                <Menu label="Board actions" face="⋯" testid="board-menu">
                    <button type="button" role="menuitem" data-testid="board-rename-item"
                        on:click=move |_| renaming.set(true)>"Rename board"</button>
                    <button type="button" role="menuitem" data-testid="board-archive-item"
                        on:click=move |_| archive(!page.archived.get_untracked())>
                        {move || if page.archived.get() { "Restore board" } else { "Archive board" }}
                    </button>
                </Menu>
            </div>
        </header>
        <Show when=move || page.archived.get()>
            <p class="banner" data-testid="archived-banner">"This board is archived: it is not in the list of boards. "
                <button type="button" class="link" on:click=move |_| archive(false)>"Restore it"</button>
            </p>
        </Show>
        <ErrorMessage error=error/>
    }
}
