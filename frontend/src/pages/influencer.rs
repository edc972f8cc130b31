//! One influencer on a page of its own (reminders link here): the details (profile, contact,
//! notes, reminders, comments, history) and, under the Chat tab (`?tab=chat`), the team's
//! conversation with them.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use rapport_domain::notes::NoteKind;
use rapport_domain::InfluencerId;

use crate::api::{self, ApiError};
use crate::components::chat::tab::ChatTab;
use crate::components::errors::ErrorMessage;
use crate::components::influencer::details::{Contact, Profile};
use crate::components::influencer::history::History;
use crate::components::influencer::notes::NotesList;
use crate::components::influencer::reminders::Reminders;
use crate::contexts::influencer::InfluencerContext;

/// The influencer page.
#[component]
pub fn InfluencerPage() -> impl IntoView {
    let params = use_params_map();
    let context = InfluencerContext::new();
    provide_context(context);
    let query = use_query_map();
    let chat = RwSignal::new(query.with_untracked(|q| q.get("tab").as_deref() == Some("chat")));
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
                        let chatting = person.clone();
                        view! {
                            <Profile person=person.clone()/>
                            <InfluencerTabs chat=chat/>
                            <Show when=move || chat.get() fallback=move || view! {
                                <Contact person=person.clone()/>
                                <NotesList influencer=id kind=NoteKind::Note/>
                                <Reminders influencer=id/>
                                <NotesList influencer=id kind=NoteKind::Comment/>
                                <History influencer=id/>
                            }>
                                <ChatTab person=chatting.clone()/>
                            </Show>
                        }.into_any()
                    }
                })}
            </Transition>
        </section>
    }
}

/// "Details" and "Chat": which half of the influencer view shows.
#[component]
pub fn InfluencerTabs(chat: RwSignal<bool>) -> impl IntoView {
    view! {
        <div class="tabs" role="tablist">
            <button type="button" role="tab" data-testid="tab-details" aria-selected=move || (!chat.get()).to_string()
                on:click=move |_| chat.set(false)>"Details"</button>
            <button type="button" role="tab" data-testid="tab-chat" aria-selected=move || chat.get().to_string()
                on:click=move |_| chat.set(true)>"Chat"</button>
        </div>
    }
}
