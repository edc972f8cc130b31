//! The influencer's history: what the team did, newest first.

use leptos::prelude::*;
use rapport_domain::page::PageQuery;
use rapport_domain::InfluencerId;

use crate::api;
use crate::contexts::influencer::use_influencer;

/// The last 30 entries; read again when the influencer changes.
#[component]
pub fn History(influencer: InfluencerId) -> impl IntoView {
    let refetch = use_influencer().refetch;
    let history = LocalResource::new(move || {
        refetch.track();
        async move {
            let page = PageQuery {
                limit: Some(30),
                cursor: None,
            };
            api::activity::list_activity(influencer, &page).await
        }
    });
    view! {
        <section>
            <h3>"History"</h3>
            <ul class="history">
                {move || history.get().map(|result| match result {
                    Err(failed) => view! { <li class="error">{failed.message()}</li> }.into_any(),
                    Ok(page) => page.items.into_iter().map(|entry| view! {
                        <li>
                            <span>{entry.kind.as_str().replace('.', " ")}</span>
                            <span class="muted">{format!(" · {} · {}", entry.actor_name.unwrap_or_default(), entry.created_at.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M"))}</span>
                        </li>
                    }).collect_view().into_any(),
                })}
            </ul>
        </section>
    }
}
