//! The card's labels in the panel: press one to apply or remove it.

use leptos::prelude::*;
use rapport_domain::boards::{Card, Label};
use rapport_domain::LabelId;

use crate::api;
use crate::change::Change;
use crate::contexts::board::BoardContext;
use crate::contexts::influencer::use_influencer;

/// The board's labels, those on the card pressed.
#[component]
pub fn CardLabels(card: Card, labels: Vec<Label>) -> impl IntoView {
    let influencer = use_influencer();
    let board = use_context::<BoardContext>();
    let id = card.id;
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
    view! {
        <section>
            <h3>"Labels"</h3>
            <div class="chips" data-testid="panel-labels">
                {labels.into_iter().map(|label| {
                    let on = card.label_ids.contains(&label.id);
                    let id = label.id;
                    view! {
                        <button
                            class="chip toggle"
                            class:off=!on
                            style=format!("background:{}", label.color)
                            aria-pressed=on.to_string()
                            data-testid="label-toggle"
                            on:click=move |_| toggle(id, !on)
                        >{label.name}</button>
                    }
                }).collect_view()}
            </div>
        </section>
    }
}
