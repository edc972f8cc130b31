//! "+ Add column" at the end of the row: it opens an input; Enter (or "Add") adds the column and
//! leaves the input open for the next one, Escape closes it.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use rapport_domain::boards::CreateColumn;

use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::errors::{report, ErrorMessage};
use crate::contexts::board::{use_board, use_loaded_board};

/// The "+ Add column" button and its input.
#[component]
pub fn AddColumn() -> impl IntoView {
    let page = use_board();
    let board = use_loaded_board().id;
    let open = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let input = NodeRef::<html::Input>::new();
    Effect::new(move |_| {
        if let Some(element) = input.get() {
            let _ = element.focus();
        }
    });
    let add = Action::new_local(Change::run);
    let submit = move || {
        let request = CreateColumn {
            name: name.get_untracked(),
            before: None,
            after: None,
        };
        add.dispatch_local(Change::new(async move {
            if report(error, api::columns::create_column(board, &request).await).is_some() {
                name.set(String::new());
                page.refetch.notify();
            }
        }));
    };
    let close = move || {
        open.set(false);
        name.set(String::new());
        error.set(None);
    };
    view! {
        <div class="column add-column">
            <Show
                when=move || open.get()
                fallback=move || view! {
                    <button type="button" class="ghost" data-testid="column-add-open"
                        on:click=move |_| open.set(true)>"+ Add column"</button>
                }
            >
                <form on:submit=move |event| { event.prevent_default(); submit(); }>
                    <input node_ref=input data-testid="column-name" aria-label="Column name" placeholder="Column name"
                        required maxlength="100" prop:value=name
                        on:input=move |event| name.set(event_target_value(&event))
                        on:keydown=move |event: ev::KeyboardEvent| if event.key() == "Escape" { close() }/>
                    <div class="row">
                        <button type="submit" data-testid="column-add" disabled=move || add.pending().get()>"Add column"</button>
                        <button type="button" class="secondary" on:click=move |_| close()>"Cancel"</button>
                    </div>
                </form>
            </Show>
            <ErrorMessage error=error/>
        </div>
    }
}
