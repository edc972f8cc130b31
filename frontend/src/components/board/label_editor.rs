//! Renaming, recolouring or deleting one label.

use leptos::prelude::*;
use rapport_domain::boards::{Label, UpdateLabel};

use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::errors::report;
use crate::contexts::board::use_board;

/// One label in the labels dialog; failures show in `error` (the dialog's).
#[component]
pub fn LabelEditor(label: Label, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let page = use_board();
    let id = label.id;
    let name = RwSignal::new(label.name);
    let color = RwSignal::new(label.color);
    let changes = Action::new_local(Change::run);
    let done = move |result: Result<(), ApiError>| {
        if report(error, result).is_some() {
            page.refetch.notify();
        }
    };
    let save = move || {
        let request = UpdateLabel {
            name: Some(name.get_untracked()),
            color: Some(color.get_untracked()),
        };
        changes.dispatch_local(Change::new(async move {
            done(api::labels::update_label(id, &request).await.map(drop));
        }));
    };
    let delete = move || {
        changes.dispatch_local(Change::new(async move {
            done(api::labels::delete_label(id).await);
        }));
    };
    view! {
        <li data-testid="label-editor">
            <form class="inline" on:submit=move |ev| { ev.prevent_default(); save(); }>
                <input aria-label="Label name" data-testid="label-edit-name" prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
                <input aria-label="Colour" type="color" data-testid="label-edit-color" prop:value=color on:input=move |ev| color.set(event_target_value(&ev))/>
                <button type="submit" data-testid="label-edit-save">"Save"</button>
                <button type="button" class="link" data-testid="label-delete" on:click=move |_| delete()>"Delete"</button>
            </form>
        </li>
    }
}
