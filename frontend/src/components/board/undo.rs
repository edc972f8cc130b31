//! Taking a card off the board, and "Undo". The card leaves the board at once and the API is
//! told; a toast offers "Undo" for ten seconds, which puts a card for the same influencer back in
//! its column, between the neighbours it had (those still there), with its labels. Notes,
//! reminders and history are the influencer's and never left.

use std::time::Duration;

use leptos::prelude::*;
use rapport_domain::boards::{AddCardStatus, AddCards, ByInfluencer, CardSource};
use rapport_domain::{BoardId, CardId};

use crate::api::{self, ApiError};
use crate::board_state::{put_back, remove_card, restore_move, Columns, Removed};
use crate::change::Change;
use crate::components::errors::ErrorMessage;
use crate::contexts::board::{use_board, BoardContext};

/// How long "Undo" is offered.
const UNDO_FOR: Duration = Duration::from_secs(10);

/// Takes `card` off the board: at once on screen, then in the API; offers "Undo".
pub fn take_off(page: BoardContext, card: CardId) {
    let Some(removed) = page
        .columns
        .try_update(|columns| remove_card(columns, card))
        .flatten()
    else {
        return;
    };
    page.opened.set(None);
    page.undo_error.set(None);
    page.removed.set(Some(removed));
    page.removals.dispatch_local(Change::new(async move {
        if let Err(failed) = api::cards::remove_card(card).await {
            page.removed.set(None);
            page.undo_error.set(Some(failed));
            page.refetch.notify();
        }
    }));
}

/// Puts the removed card back: at once on screen, then in the API.
fn undo(page: BoardContext, board: BoardId, removed: Removed) {
    page.removed.set(None);
    let columns = page.columns.get_untracked();
    page.columns.update(|columns| put_back(columns, &removed));
    page.removals.dispatch_local(Change::new(async move {
        if let Err(failed) = restore(board, &columns, &removed).await {
            page.undo_error.set(Some(failed));
        }
        page.refetch.notify();
    }));
}

/// The API calls that put the card back (`columns`: the board without it).
async fn restore(board: BoardId, columns: &Columns, removed: &Removed) -> Result<(), ApiError> {
    let request = AddCards {
        column_id: removed.column,
        items: vec![CardSource::Influencer(ByInfluencer {
            influencer_id: removed.card.influencer.id,
        })],
    };
    let answer = api::cards::add_cards(board, &request).await?;
    let result = answer.results.into_iter().next();
    let card = match result {
        Some(added) if added.status != AddCardStatus::Invalid => added.card_id,
        Some(refused) => {
            let why = refused.error.map_or_else(String::new, |e| e.message);
            return Err(ApiError::local(
                422,
                "not_restored",
                format!("The card could not be put back. {why}"),
            ));
        }
        None => None,
    };
    let Some(card) = card else {
        return Err(ApiError::local(
            422,
            "not_restored",
            "The card could not be put back.",
        ));
    };
    api::cards::move_card(card, &restore_move(columns, removed)).await?;
    for label in &removed.card.label_ids {
        api::cards::apply_label(card, *label).await?;
    }
    Ok(())
}

/// The toast saying a card was removed, with "Undo"; and why a removal or an undo failed.
#[component]
pub fn UndoToast() -> impl IntoView {
    let page = use_board();
    view! {
        {move || page.removed.get().map(|removed| {
            // The toast's own timer: cleared with the toast (a newer removal, "Undo", or leaving
            // the page), so it never fires into a page that is gone.
            let expiry = set_timeout_with_handle(move || page.removed.set(None), UNDO_FOR).ok();
            on_cleanup(move || {
                if let Some(expiry) = expiry {
                    expiry.clear();
                }
            });
            let name = removed.card.influencer.display_name.clone();
            view! {
                <div class="toast" role="status" data-testid="undo-toast">
                    <span>{format!("{name} was removed from the board.")}</span>
                    <button type="button" class="link" data-testid="undo"
                        disabled=move || page.removals.pending().get()
                        on:click=move |_| {
                            if let Some(board) = page.id.get_untracked() {
                                undo(page, board, removed.clone());
                            }
                        }>"Undo"</button>
                    <button type="button" class="icon" aria-label="Dismiss" data-testid="undo-dismiss"
                        on:click=move |_| page.removed.set(None)>"×"</button>
                </div>
            }
        })}
        <ErrorMessage error=page.undo_error/>
    }
}
