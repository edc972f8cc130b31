//! One board: the page. It reads the board (again whenever a change notifies the board context's
//! `refetch`) and shows it with `components::board`, and the panel of the card opened.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use rapport_domain::BoardId;

use crate::api::{self, ApiError};
use crate::components::board::screen::BoardScreen;
use crate::components::influencer::panel::InfluencerPanel;
use crate::contexts::board::BoardContext;

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
    let board = LocalResource::new(move || {
        let id = page.id.get();
        page.refetch.track();
        async move {
            match id {
                Some(id) => api::boards::get_board(id).await,
                None => Err(ApiError::local(
                    404,
                    "not_found",
                    "This address names no board.",
                )),
            }
        }
    });
    view! {
        <Transition fallback=|| view! { <p class="loading">"Loading the board…"</p> }>
            {move || board.get().map(|result| match result {
                Err(failed) => view! { <p class="error" role="alert">{failed.message()}</p> }.into_any(),
                Ok(board) => view! { <BoardScreen board=board/> }.into_any(),
            })}
        </Transition>
        {move || page.opened.get().map(|card| view! {
            <InfluencerPanel card=card on_close=Callback::new(move |()| page.opened.set(None))/>
        })}
    }
}
