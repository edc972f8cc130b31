//! The labels dialog ("Labels" → "Manage labels"): the board's labels to rename, recolour or
//! delete, each saved with its own "Save", and a new label, created with "Save" too.

use leptos::prelude::*;
use rapport_domain::boards::CreateLabel;

use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::board::label_editor::LabelEditor;
use crate::components::dialog::Dialog;
use crate::components::errors::{report, ErrorMessage};
use crate::contexts::board::{use_board, use_loaded_board};

/// Colours offered for new labels.
const COLORS: &[(&str, &str)] = &[
    ("#2f9e44", "Green"),
    ("#1971c2", "Blue"),
    ("#e8590c", "Orange"),
    ("#c2255c", "Pink"),
    ("#6741d9", "Violet"),
    ("#495057", "Grey"),
];

/// The dialog, open while the board context's `managing_labels` holds.
#[component]
pub fn LabelsDialog() -> impl IntoView {
    let page = use_board();
    view! {
        <Dialog open=page.managing_labels title="Labels" testid="labels-dialog">
            <LabelsForm/>
        </Dialog>
    }
}

#[component]
fn LabelsForm() -> impl IntoView {
    let page = use_board();
    let board = use_loaded_board().id;
    let name = RwSignal::new(String::new());
    let color = RwSignal::new(COLORS[0].0.to_owned());
    let error = RwSignal::new(None::<ApiError>);
    let create = Action::new_local(Change::run);
    let submit = move || {
        let request = CreateLabel {
            name: name.get_untracked(),
            color: color.get_untracked(),
        };
        create.dispatch_local(Change::new(async move {
            if report(error, api::labels::create_label(board, &request).await).is_some() {
                name.set(String::new());
                page.refetch.notify();
            }
        }));
    };
    view! {
        <ul class="label-list">
            <For each=move || page.labels.get() key=|label| (label.id, label.name.clone(), label.color.clone()) let:label>
                <LabelEditor label=label error=error/>
            </For>
        </ul>
        <Show when=move || page.labels.with(Vec::is_empty)>
            <p class="muted" data-testid="labels-empty">"No labels yet. Labels sort influencers: gifted, paid, to contact…"</p>
        </Show>
        <form class="inline new-label" on:submit=move |ev| { ev.prevent_default(); submit(); }>
            <input data-testid="label-name" aria-label="New label's name" placeholder="New label" required maxlength="50"
                prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
            <select data-testid="label-color" aria-label="Colour" on:change=move |ev| color.set(event_target_value(&ev))>
                {COLORS.iter().map(|(value, label)| view! { <option value=*value>{*label}</option> }).collect_view()}
            </select>
            <button type="submit" data-testid="label-create">"Save"</button>
        </form>
        <ErrorMessage error=error/>
        <div class="dialog-actions">
            <button type="button" class="secondary" data-testid="labels-done" on:click=move |_| page.managing_labels.set(false)>"Done"</button>
        </div>
    }
}
