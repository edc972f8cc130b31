//! The board's filter: text (a name or a handle) and labels (a card needs one of those chosen).

use leptos::prelude::*;

use crate::board_state::Filter;
use crate::contexts::board::use_board;

/// The search box, a chip per label, and "Clear" while anything is filtered out.
#[component]
pub fn FilterBar() -> impl IntoView {
    let page = use_board();
    let filter = page.filter;
    view! {
        <div class="filter" role="search">
            <input type="search" placeholder="Filter by name or handle" aria-label="Filter cards" data-testid="filter-text"
                prop:value=move || filter.get().text
                on:input=move |ev| filter.update(|f| f.text = event_target_value(&ev))/>
            <div class="chips" data-testid="filter-labels" aria-label="Filter by label">
                <For each=move || page.labels.get() key=|label| (label.id, label.name.clone(), label.color.clone()) let:label>
                    {
                        let id = label.id;
                        let on = move || filter.with(|f| f.labels.contains(&id));
                        view! {
                            <button type="button" class="chip toggle" class:off=move || !on() style:background=label.color.clone()
                                aria-pressed=move || on().to_string() data-testid="filter-label"
                                on:click=move |_| filter.update(|f| {
                                    if let Some(at) = f.labels.iter().position(|l| *l == id) {
                                        f.labels.remove(at);
                                    } else {
                                        f.labels.push(id);
                                    }
                                })
                            >{label.name}</button>
                        }
                    }
                </For>
            </div>
            <Show when=move || filter.with(Filter::is_active)>
                <button type="button" class="link" data-testid="filter-clear" on:click=move |_| filter.set(Filter::default())>"Clear"</button>
            </Show>
        </div>
    }
}
