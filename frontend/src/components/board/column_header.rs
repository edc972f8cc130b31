//! A column's header: its name (drag it, or focus it and press Space, to move the column), and
//! rename and delete.

use leptos::prelude::*;
use rapport_domain::boards::{DeleteColumnQuery, UpdateColumn};
use rapport_domain::ColumnId;

use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::errors::{report, ErrorMessage};
use crate::contexts::board::{use_board, use_loaded_board};

/// The header of the column `id`; `count` is how many of its cards show.
#[component]
pub fn ColumnHeader(id: ColumnId, name: String, count: Signal<usize>) -> impl IntoView {
    let page = use_board();
    let board = use_loaded_board();
    let mover = board.mover;
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(name.clone());
    let error = RwSignal::new(None::<ApiError>);
    let changes = Action::new_local(Change::run);
    let done = move |result: Result<(), ApiError>| {
        if report(error, result).is_some() {
            editing.set(false);
            page.refetch.notify();
        }
    };
    let rename = move |request: UpdateColumn| {
        changes.dispatch_local(Change::new(async move {
            done(api::columns::update_column(id, &request).await.map(drop));
        }));
    };
    // A column with cards hands them to the first other column, or (the last column) deletes them.
    let on_delete = move |_| {
        let cards = if count.get_untracked() == 0 {
            DeleteColumnQuery::default()
        } else {
            match board
                .columns
                .with_untracked(|all| all.iter().find(|c| c.id != id).map(|c| c.id))
            {
                Some(target) => DeleteColumnQuery {
                    move_cards_to: Some(target),
                    delete_cards: None,
                },
                None => DeleteColumnQuery {
                    move_cards_to: None,
                    delete_cards: Some(true),
                },
            }
        };
        changes.dispatch_local(Change::new(async move {
            done(api::columns::delete_column(id, &cards).await);
        }));
    };
    view! {
        <Show
            when=move || editing.get()
            fallback={
                let name = name.clone();
                move || view! {
                    <h2 tabindex="0" aria-roledescription="draggable column" data-testid="column-header"
                        aria-label=format!("Column {}: Space lifts it, left and right arrows move it", name)
                        on:pointerdown=move |ev| mover.column_pointer_down(id, &ev)
                        on:keydown=move |ev| mover.column_key(id, &ev)>
                        <span class="column-name">{name.clone()}</span>
                        <span class="count">{move || count.get()}</span>
                    </h2>
                }
            }
        >
            <form class="inline" on:submit=move |ev| {
                ev.prevent_default();
                rename(UpdateColumn { name: draft.get_untracked() });
            }>
                <input data-testid="column-rename-input" prop:value=draft on:input=move |ev| draft.set(event_target_value(&ev))/>
                <button type="submit" data-testid="column-rename-save">"Save"</button>
            </form>
        </Show>
        <div class="column-actions">
            <button class="link" data-testid="column-rename" on:click=move |_| editing.set(true)>"Rename"</button>
            " "
            <button class="link" data-testid="column-delete" title="Cards move to the first other column" on:click=on_delete>"Delete"</button>
        </div>
        <ErrorMessage error=error/>
    }
}
