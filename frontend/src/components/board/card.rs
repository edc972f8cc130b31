//! A card: the influencer's avatar, name, accounts and the card's labels. Press it (or Enter) to
//! open the influencer's panel; drag it, or Space and the arrows, to move it.

use leptos::prelude::*;
use rapport_domain::boards::{CardView, Label};

use crate::contexts::board::{use_board, use_loaded_board};
use crate::format::{compact, initials, platform_icon};

/// One card of a column.
#[component]
pub fn CardItem(card: CardView) -> impl IntoView {
    let labels = use_board().labels;
    let mover = use_loaded_board().mover;
    let id = card.id;
    let name = card.influencer.display_name.clone();
    let applied = card.label_ids;
    // The board's labels in their order; a renamed or recoloured label shows at once.
    let chips = move || -> Vec<Label> {
        labels.with(|labels| {
            labels
                .iter()
                .filter(|l| applied.contains(&l.id))
                .cloned()
                .collect()
        })
    };
    let lifted = move || mover.is_lifted(id);
    view! {
        <li
            class="card-item"
            class:lifted=lifted
            tabindex="0"
            aria-roledescription="draggable card"
            aria-label=format!("{name}: Space lifts it, arrow keys move it, Space drops it, Escape cancels")
            data-testid="card"
            data-card-id=id.to_string()
            on:pointerdown=move |ev| mover.pointer_down(id, &ev)
            on:keydown=move |ev| mover.key(id, &ev)
        >
            <span class="avatar" aria-hidden="true">{initials(&name)}</span>
            <div class="card-body">
                <strong data-testid="card-name">{name.clone()}</strong>
                <ul class="accounts">
                    {card.influencer.accounts.into_iter().map(|account| view! {
                        <li>
                            <span class=format!("platform {}", account.platform.as_str()) title=account.platform.label()>
                                {platform_icon(account.platform)}
                            </span>
                            {account.handle.clone()}
                            {account.followers.map(|f| view! { <span class="muted">{format!(" · {}", compact(f))}</span> })}
                        </li>
                    }).collect_view()}
                </ul>
                <div class="chips">
                    {move || chips().into_iter().map(|label| view! {
                        <span class="chip" style:background=label.color.clone()>{label.name}</span>
                    }).collect_view()}
                </div>
            </div>
        </li>
    }
}
