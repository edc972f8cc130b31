//! The board's labels: create them, and filter the board by labels and by text.

use leptos::prelude::*;
use rapport_domain::boards::CreateLabel;

use crate::api::{self, ApiError};
use crate::board_state::Filter;
use crate::change::Change;
use crate::components::board::label_editor::LabelEditor;
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

/// Filter chips, a search box, a "new label" form and the labels to manage.
#[component]
pub fn LabelsBar() -> impl IntoView {
    let page = use_board();
    let board = use_loaded_board();
    let filter = page.filter;
    let labels = board.labels.get_value();
    let manage = labels.clone();
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
            if report(error, api::labels::create_label(board.id, &request).await).is_some() {
                name.set(String::new());
                page.refetch.notify();
            }
        }));
    };
    view! {
        <div class="labels-bar">
            <input type="search" placeholder="Filter by name or handle" aria-label="Filter cards" data-testid="filter-text"
                prop:value=move || filter.get().text
                on:input=move |ev| filter.update(|f| f.text = event_target_value(&ev))/>
            <div class="chips" data-testid="filter-labels">
                {labels.into_iter().map(|label| {
                    let id = label.id;
                    let on = move || filter.with(|f| f.labels.contains(&id));
                    view! {
                        <button class="chip toggle" class:off=move || !on() style=format!("background:{}", label.color)
                            aria-pressed=move || on().to_string() data-testid="filter-label"
                            on:click=move |_| filter.update(|f| {
                                if let Some(at) = f.labels.iter().position(|l| *l == id) {
                                    f.labels.remove(at);
                                } else {
                                    f.labels.push(id);
                                }
                            })
                        >{label.name.clone()}</button>
                    }
                }).collect_view()}
            </div>
            <Show when=move || filter.with(Filter::is_active)>
                <button class="link" data-testid="filter-clear" on:click=move |_| filter.set(Filter::default())>"Clear filters"</button>
            </Show>
            <form class="inline" on:submit=move |ev| { ev.prevent_default(); submit(); }>
                <input data-testid="label-name" placeholder="New label" required maxlength="50"
                    prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
                <select data-testid="label-color" aria-label="Colour" on:change=move |ev| color.set(event_target_value(&ev))>
                    {COLORS.iter().map(|(value, label)| view! { <option value=*value>{*label}</option> }).collect_view()}
                </select>
                <button type="submit" data-testid="label-create">"Add label"</button>
            </form>
            <ErrorMessage error=error/>
            <details class="manage-labels">
                <summary data-testid="labels-manage">"Manage labels"</summary>
                <ul class="posts">
                    {manage.into_iter().map(|label| view! { <LabelEditor label=label error=error/> }).collect_view()}
                </ul>
            </details>
        </div>
    }
}
