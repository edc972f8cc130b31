//! One influencer on a page of its own (reminders and notifications link here): the header
//! (name, accounts and followers) and the tabs: Overview (contact and shipping, notes,
//! reminders), Insights (analytics, growth charts, recent posts), Chat, Team comments and
//! History. `?tab=insights` (or `chat`, `comments`, `history`) opens on that tab.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use rapport_domain::notes::NoteKind;
use rapport_domain::InfluencerId;

use crate::api::{self, ApiError};
use crate::components::chat::tab::ChatTab;
use crate::components::errors::ErrorMessage;
use crate::components::influencer::details::{Contact, Profile};
use crate::components::influencer::history::History;
use crate::components::influencer::insights::InsightsTab;
use crate::components::influencer::notes::NotesList;
use crate::components::influencer::reminders::Reminders;
use crate::components::influencer::tabs::{InfluencerTabs, Tab};
use crate::contexts::influencer::InfluencerContext;

/// The influencer page.
#[component]
pub fn InfluencerPage() -> impl IntoView {
    let params = use_params_map();
    let context = InfluencerContext::new();
    provide_context(context);
    let query = use_query_map();
    let tab = RwSignal::new(query.with_untracked(|q| Tab::from_key(q.get("tab").as_deref())));
    let influencer = LocalResource::new(move || {
        let id = params
            .read()
            .get("id")
            .and_then(|id| id.parse::<InfluencerId>().ok());
        context.refetch.track();
        async move {
            match id {
                Some(id) => api::influencers::get_influencer(id).await,
                None => Err(ApiError::local(
                    404,
                    "not_found",
                    "This address names no influencer.",
                )),
            }
        }
    });
    view! {
        <section class="card influencer-page">
            <ErrorMessage error=context.error/>
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || influencer.get().map(|result| match result {
                    Err(failed) => view! { <p class="error">{failed.message()}</p> }.into_any(),
                    Ok(person) => {
                        let id = person.id;
                        view! {
                            <Profile person=person.clone()/>
                            <InfluencerTabs tab=tab/>
                            {move || match tab.get() {
                                Tab::Overview => view! {
                                    <Contact person=person.clone()/>
                                    <NotesList influencer=id kind=NoteKind::Note/>
                                    <Reminders influencer=id/>
                                }.into_any(),
                                Tab::Insights => view! { <InsightsTab influencer=id/> }.into_any(),
                                Tab::Chat => view! { <ChatTab person=person.clone()/> }.into_any(),
                                Tab::Comments => view! { <NotesList influencer=id kind=NoteKind::Comment/> }.into_any(),
                                Tab::History => view! { <History influencer=id/> }.into_any(),
                            }}
                        }.into_any()
                    }
                })}
            </Transition>
        </section>
    }
}
