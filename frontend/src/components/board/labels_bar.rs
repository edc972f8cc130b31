//! The board's labels: create them, and filter the board by labels and by text.

use gloo_net::http::Method;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rapport_domain::boards::{CreateLabel, Label, UpdateLabel};

use crate::api::{self, ApiError};
use crate::board_state::Filter;
use crate::components::errors::ErrorMessage;
use crate::session::use_session;

/// Colours offered for new labels.
const COLORS: &[(&str, &str)] = &[
    ("#2f9e44", "Green"),
    ("#1971c2", "Blue"),
    ("#e8590c", "Orange"),
    ("#c2255c", "Pink"),
    ("#6741d9", "Violet"),
    ("#495057", "Grey"),
];

/// Filter chips, a search box and a "new label" form.
#[component]
pub fn LabelsBar(
    board: String,
    labels: Vec<Label>,
    filter: RwSignal<Filter>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let session = use_session();
    let manage = labels.clone();
    let name = RwSignal::new(String::new());
    let color = RwSignal::new(COLORS[0].0.to_owned());
    let error = RwSignal::new(None::<ApiError>);
    let create = move |_| {
        let request = CreateLabel {
            name: name.get_untracked(),
            color: color.get_untracked(),
        };
        let board = board.clone();
        spawn_local(async move {
            match api::call::<_, Label>(
                session,
                Method::POST,
                &format!("/boards/{board}/labels"),
                Some(&request),
            )
            .await
            {
                Ok(_) => {
                    name.set(String::new());
                    error.set(None);
                    reload.update(|v| *v += 1);
                }
                Err(failed) => error.set(Some(failed)),
            }
        });
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
            <form class="inline" on:submit=move |ev| { ev.prevent_default(); create(()); }>
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
                    {manage.into_iter().map(|label| view! { <LabelEditor label=label reload=reload error=error/> }).collect_view()}
                </ul>
            </details>
        </div>
    }
}

/// Rename, recolour or delete one label.
#[component]
fn LabelEditor(
    label: Label,
    reload: RwSignal<u32>,
    error: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let session = use_session();
    let id = label.id;
    let name = RwSignal::new(label.name.clone());
    let color = RwSignal::new(label.color.clone());
    let send = move |method: Method, body: Option<UpdateLabel>| {
        spawn_local(async move {
            match api::call::<_, serde_json::Value>(
                session,
                method,
                &format!("/labels/{id}"),
                body.as_ref(),
            )
            .await
            {
                Ok(_) => {
                    error.set(None);
                    reload.update(|v| *v += 1);
                }
                Err(failed) => error.set(Some(failed)),
            }
        });
    };
    view! {
        <li data-testid="label-editor">
            <form class="inline" on:submit=move |ev| {
                ev.prevent_default();
                send(Method::PATCH, Some(UpdateLabel { name: Some(name.get_untracked()), color: Some(color.get_untracked()) }));
            }>
                <input aria-label="Label name" data-testid="label-edit-name" prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
                <input aria-label="Colour" type="color" data-testid="label-edit-color" prop:value=color on:input=move |ev| color.set(event_target_value(&ev))/>
                <button type="submit" data-testid="label-edit-save">"Save"</button>
                <button type="button" class="link" data-testid="label-delete" on:click=move |_| send(Method::DELETE, None)>"Delete"</button>
            </form>
        </li>
    }
}
