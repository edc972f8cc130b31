//! The team's favourite creators, shared by the team, most recently starred first.

use leptos::prelude::*;
use leptos_router::components::A;
use rapport_domain::page::PageQuery;

use crate::api;
use crate::components::creator_card::CreatorCard;
use crate::session::use_session;

/// The favourites page.
#[component]
pub fn FavouritesPage() -> impl IntoView {
    let session = use_session();
    let refetch = Trigger::new();
    let favourites = LocalResource::new(move || {
        refetch.track();
        let team = session.team.get();
        async move {
            match team {
                Some(team) => api::network::list_favourites(team, &PageQuery::first(200))
                    .await
                    .map(|p| Some((team, p))),
                None => Ok(None),
            }
        }
    });
    view! {
        <section class="network-page single">
            <h1>"Favourites"</h1>
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || favourites.get().map(|result| match result {
                    Err(failed) => view! { <p class="error">{failed.message()}</p> }.into_any(),
                    Ok(None) => view! { <p class="empty">"Join or create a team first."</p> }.into_any(),
                    Ok(Some((_, page))) if page.items.is_empty() => view! {
                        <p class="empty" data-testid="favourites-empty">"No favourites yet: star creators in the "
                            <A href="/network">"network"</A>"."</p>
                    }.into_any(),
                    Ok(Some((team, page))) => view! {
                        <div class="creator-grid" data-testid="favourites">
                            {page.items.into_iter().map(|creator| view! {
                                <CreatorCard creator=creator team=team on_unstar=Callback::new(move |()| refetch.notify())/>
                            }).collect_view()}
                        </div>
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}
