//! One influencer on a page of its own (reminders link here).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use rapport_domain::influencers::Influencer;
use rapport_domain::InfluencerId;

use crate::api::{self, ApiError};
use crate::components::errors::ErrorMessage;
use crate::components::panel::{Details, History, Posts, Reminders};
use crate::session::use_session;

/// The influencer page.
#[component]
pub fn InfluencerPage() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let version = RwSignal::new(0u32);
    let changed = RwSignal::new(0u32);
    let error = RwSignal::new(None::<ApiError>);
    let influencer = LocalResource::new(move || {
        let id = params.read().get("id").unwrap_or_default();
        let _ = version.get();
        async move { api::get::<Influencer>(session, &format!("/influencers/{id}")).await }
    });
    view! {
        <section class="card influencer-page">
            <ErrorMessage error=error/>
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || influencer.get().map(|result| match result {
                    Err(failed) => view! { <p class="error">{failed.message()}</p> }.into_any(),
                    Ok(person) => {
                        let id: InfluencerId = person.id;
                        view! {
                            <Details person=person version=version changed=changed error=error/>
                            <Reminders influencer=id error=error/>
                            <Posts influencer=id kind="notes" title="Notes" error=error/>
                            <Posts influencer=id kind="comments" title="Team comments" error=error/>
                            <History influencer=id version=version/>
                        }.into_any()
                    }
                })}
            </Transition>
        </section>
    }
}
