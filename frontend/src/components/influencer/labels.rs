//! The card's labels in the panel: those applied, and "Edit" to choose among the board's labels
//! (press one to apply or remove it).

use leptos::prelude::*;
use rapport_domain::boards::{Card, Label};
use rapport_domain::LabelId;

use crate::api;
use crate::change::Change;
use crate::contexts::board::BoardContext;
use crate::contexts::influencer::use_influencer;

/// The labels of `card`, among the board's `labels`.
#[component]
pub fn CardLabels(card: Card, labels: Vec<Label>) -> impl IntoView {
    let influencer = use_influencer();
    let board = use_context::<BoardContext>();
    let id = card.id;
    let editing = influencer.editing_labels;
    let changes = Action::new_local(Change::run);
    let toggle = move |label: LabelId, on: bool| {
        changes.dispatch_local(Change::new(async move {
            let result = if on {
                api::cards::apply_label(id, label).await
            } else {
                api::cards::remove_label(id, label).await
            };
            match result {
                Ok(_) => {
                    influencer.refetch.notify();
                    if let Some(board) = board {
                        board.refetch.notify();
                    }
                }
                Err(failed) => influencer.error.set(Some(failed)),
            }
        }));
    };
    let applied: Vec<Label> = labels
        .iter()
        .filter(|l| card.label_ids.contains(&l.id))
        .cloned()
        .collect();
    let no_labels = labels.is_empty();
    view! {
        <section>
            <h3>"Labels"
                <button type="button" class="link" data-testid="labels-edit" aria-pressed=move || editing.get().to_string()
                    on:click=move |_| editing.update(|e| *e = !*e)>{move || if editing.get() { "Done" } else { "Edit" }}</button>
            </h3>
            <Show
                when=move || editing.get()
                fallback={
                    let applied = applied.clone();
                    move || if applied.is_empty() {
                        view! { <p class="muted" data-testid="panel-labels-none">"No labels. “Edit” applies the board's labels."</p> }.into_any()
                    } else {
                        view! {
                            <div class="chips" data-testid="panel-labels-applied">
                                {applied.iter().map(|label| view! {
                                    <span class="chip" style:background=label.color.clone()>{label.name.clone()}</span>
                                }).collect_view()}
                            </div>
                        }.into_any()
                    }
                }
            >
                {no_labels.then(|| view! { <p class="muted">"This board has no labels yet: create them under Labels → Manage labels."</p> })}
                <div class="chips" data-testid="panel-labels">
                    {labels.iter().map(|label| {
                        let on = card.label_ids.contains(&label.id);
                        let id = label.id;
                        view! {
                            <button type="button"
                                class="chip toggle"
                                class:off=!on
                                style:background=label.color.clone()
                                aria-pressed=on.to_string()
                                data-testid="label-toggle"
                                on:click=move |_| toggle(id, !on)
                            >{label.name.clone()}</button>
                        }
                    }).collect_view()}
                </div>
            </Show>
        </section>
    }
}
