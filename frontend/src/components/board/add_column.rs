//! Adding a column at the end of the board.

use leptos::prelude::*;
use rapport_domain::boards::CreateColumn;

use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::errors::{report, ErrorMessage};
use crate::contexts::board::{use_board, use_loaded_board};

/// The "New column" form.
#[component]
pub fn AddColumn() -> impl IntoView {
    let page = use_board();
    let board = use_loaded_board().id;
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
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
    view! {
        <form class="column add-column" on:submit=move |ev| { ev.prevent_default(); submit(); }>
            <input data-testid="column-name" placeholder="New column" required prop:value=name
                on:input=move |ev| name.set(event_target_value(&ev))/>
            <button type="submit" data-testid="column-add">"Add column"</button>
            <ErrorMessage error=error/>
        </form>
    }
}
