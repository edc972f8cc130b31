//! Deleting a column: a dialog that says how many cards it holds and asks where they go, to
//! another column (the first other one is offered) or off the board with the column.

use leptos::prelude::*;
use rapport_domain::boards::DeleteColumnQuery;
use rapport_domain::ColumnId;

use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::dialog::Dialog;
use crate::components::errors::{report, ErrorMessage};
use crate::contexts::board::use_board;

/// The "Delete column" dialog of the column `id`, open while `open` holds.
#[component]
pub fn DeleteColumnDialog(id: ColumnId, name: Memo<String>, open: RwSignal<bool>) -> impl IntoView {
    let page = use_board();
    view! {
        <Dialog open=open title="Delete column" testid="delete-column">
            {
                let (cards, others) = page.columns.with_untracked(|all| {
                    let cards = all.iter().find(|c| c.id == id).map_or(0, |c| c.cards.len());
                    let others: Vec<(ColumnId, String)> = all
                        .iter()
                        .filter(|c| c.id != id)
                        .map(|c| (c.id, c.name.clone()))
                        .collect();
                    (cards, others)
                });
                let target = RwSignal::new(others.first().map(|(id, _)| *id));
                let error = RwSignal::new(None::<ApiError>);
                let delete = Action::new_local(Change::run);
                let confirm = move |_| {
                    let query = match target.get_untracked() {
                        _ if cards == 0 => DeleteColumnQuery::default(),
                        Some(to) => DeleteColumnQuery { move_cards_to: Some(to), delete_cards: None },
                        None => DeleteColumnQuery { move_cards_to: None, delete_cards: Some(true) },
                    };
                    delete.dispatch_local(Change::new(async move {
                        if report(error, api::columns::delete_column(id, &query).await).is_some() {
                            open.set(false);
                            page.refetch.notify();
                        }
                    }));
                };
                let cards_text = if cards == 1 { "1 card".to_owned() } else { format!("{cards} cards") };
                view! {
                    <p>"Delete the column “"{name.get_untracked()}"”?"</p>
                    {(cards > 0).then(|| view! {
                        <fieldset class="choices" data-testid="delete-column-cards">
                            <legend>{format!("It holds {cards_text}. They go:")}</legend>
                            {others.into_iter().map(|(other, other_name)| view! {
                                <label class="check">
                                    <input type="radio" name="cards-go" data-testid="delete-column-move-to"
                                        prop:checked=move || target.get() == Some(other)
                                        on:change=move |_| target.set(Some(other))/>
                                    {format!("to “{other_name}”")}
                                </label>
                            }).collect_view()}
                            <label class="check">
                                <input type="radio" name="cards-go" data-testid="delete-column-delete-cards"
                                    prop:checked=move || target.get().is_none()
                                    on:change=move |_| target.set(None)/>
                                "off the board, with the column (notes and reminders stay with the influencers)"
                            </label>
                        </fieldset>
                    })}
                    <ErrorMessage error=error/>
                    <div class="dialog-actions">
                        <button type="button" class="secondary" on:click=move |_| open.set(false)>"Cancel"</button>
                        <button type="button" class="danger" data-testid="delete-column-confirm"
                            disabled=move || delete.pending().get() on:click=confirm>"Delete column"</button>
                    </div>
                }
            }
        </Dialog>
    }
}
