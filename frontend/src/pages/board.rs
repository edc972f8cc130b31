//! One board: the page. It reads the board (again whenever a change notifies the board context's
//! `refetch`) into the board context, and shows it with `components::board`, and the panel of
//! the card opened. The screen is built once per board: later readings update it in place.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use rapport_domain::BoardId;

use crate::api::{self, ApiError};
use crate::app::on_demand;
use crate::components::board::screen::BoardScreen;
use crate::components::board::undo::UndoToast;
use crate::components::influencer::panel::InfluencerPanel;
use crate::contexts::board::BoardContext;
use rapport_domain::CardId;

/// Where the page is: reading the board the first time, showing it, or failed to read it.
#[derive(Debug, Clone, PartialEq)]
enum Shown {
    Loading,
    Board(BoardId),
    Failed(String),
}

/// The board page.
#[component]
pub fn BoardPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<BoardId>().ok())
    });
    let page = BoardContext::new(id);
    provide_context(page);
    // The panel's code is a chunk of its own (it is not needed to show the board); fetch it now,
    // so that opening the first card does not wait for it.
    leptos::task::spawn_local(__preload_influencer_panel());
    let reading = LocalResource::new(move || {
        let id = page.id.get();
        page.refetch.track();
        async move {
            let id = id
                .ok_or_else(|| ApiError::local(404, "not_found", "This address names no board."))?;
            let started = page.generation.get_untracked();
            let board = api::boards::get_board(id).await?;
            // A change of this page began meanwhile (or is under way): this reading may be from
            // before it, so it is set aside and the board read again once the change is done.
            if page.held.get_untracked() || page.generation.get_untracked() != started {
                page.stale.set(true);
            } else {
                page.show(&board);
            }
            Ok::<_, ApiError>(id)
        }
    });
    // Changes only when the board or the outcome does, so a new reading keeps the screen.
    let shown = Memo::new(move |last: Option<&Shown>| match reading.get() {
        None => last.cloned().unwrap_or(Shown::Loading),
        Some(Ok(id)) => Shown::Board(id),
        Some(Err(failed)) => Shown::Failed(failed.message()),
    });
    view! {
        {move || match shown.get() {
            Shown::Loading => view! { <p class="loading">"Loading the board…"</p> }.into_any(),
            Shown::Failed(message) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
            Shown::Board(id) => view! { <BoardScreen id=id/> }.into_any(),
        }}
        {move || page.opened.get().map(|card| {
            on_demand(influencer_panel(card, Callback::new(move |()| page.opened.set(None))))
        })}
        <UndoToast/>
    }
}

/// The influencer panel of `card`, split from the first load (see `app`).
#[lazy]
fn influencer_panel(card: CardId, on_close: Callback<()>) -> AnyView {
    view! { <InfluencerPanel card=card on_close=on_close/> }.into_any()
}
