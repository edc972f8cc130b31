//! A column's header: its name (click it, or focus the header and press Enter, to rename it in
//! place; drag it, or Space, to move the column), its count, and its menu: rename, move left or
//! right, delete.

use leptos::ev;
use leptos::prelude::*;
use rapport_domain::boards::UpdateColumn;
use rapport_domain::ColumnId;

use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::board::delete_column::DeleteColumnDialog;
use crate::components::errors::{report, ErrorMessage};
use crate::components::menu::Menu;
use crate::components::name_input::NameInput;
use crate::contexts::board::{use_board, use_loaded_board};

/// The header of the column `id`; `count` is how many of its cards show.
#[component]
pub fn ColumnHeader(id: ColumnId, #[prop(into)] count: Signal<usize>) -> impl IntoView {
    let page = use_board();
    let mover = use_loaded_board().mover;
    let name = Memo::new(move |_| {
        page.columns.with(|all| {
            all.iter()
                .find(|c| c.id == id)
                .map(|c| c.name.clone())
                .unwrap_or_default()
        })
    });
    let place = Memo::new(move |_| {
        page.columns
            .with(|all| (all.iter().position(|c| c.id == id), all.len()))
    });
    let renaming = RwSignal::new(false);
    let deleting = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let changes = Action::new_local(Change::run);
    let rename = Callback::new(move |new_name: String| {
        // Shown at once; the next reading of the board has the server's.
        page.columns.update(|all| {
            if let Some(column) = all.iter_mut().find(|c| c.id == id) {
                column.name = new_name.clone();
            }
        });
        let request = UpdateColumn { name: new_name };
        changes.dispatch_local(Change::new(async move {
            let saved = api::columns::update_column(id, &request).await.map(drop);
            if report(error, saved).is_none() {
                page.refetch.notify();
            }
        }));
    });
    let on_key = move |event: ev::KeyboardEvent| {
        if event.key() == "Enter" {
            event.prevent_default();
            renaming.set(true);
        } else {
            mover.column_key(id, &event);
        }
    };
    view! {
        <div class="column-head">
            <Show
                when=move || renaming.get()
                fallback=move || view! {
                    <h2 tabindex="0" aria-roledescription="draggable column" data-testid="column-header"
                        aria-label=move || format!("Column {}: Enter renames it, Space lifts it, left and right arrows move it", name.get())
                        on:pointerdown=move |event| mover.column_pointer_down(id, &event)
                        on:keydown=on_key>
                        <span class="column-name" data-testid="column-name-text" title="Click to rename"
                            on:click=move |_| if !mover.column_was_dragged() { renaming.set(true) }>{name}</span>
                        <span class="count">{move || count.get()}</span>
                    </h2>
                }
            >
                <NameInput name=name.get_untracked() editing=renaming label="Column name"
                    testid="column-rename-input" on_save=rename/>
            </Show>
            <Menu label=format!("Column {} actions", name.get_untracked()) face="⋯" testid="column-menu">
                <button type="button" role="menuitem" data-testid="column-rename" on:click=move |_| renaming.set(true)>"Rename"</button>
                <button type="button" role="menuitem" data-testid="column-move-left"
                    disabled=move || place.get().0 == Some(0)
                    on:click=move |_| mover.shift_column(id, false)>"Move left"</button>
                <button type="button" role="menuitem" data-testid="column-move-right"
                    disabled=move || { let (at, len) = place.get(); at.is_none_or(|at| at + 1 >= len) }
                    on:click=move |_| mover.shift_column(id, true)>"Move right"</button>
                <button type="button" role="menuitem" class="danger" data-testid="column-delete"
                    on:click=move |_| deleting.set(true)>"Delete column"</button>
            </Menu>
        </div>
        <ErrorMessage error=error/>
        <DeleteColumnDialog id=id name=name open=deleting/>
    }
}
