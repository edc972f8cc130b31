//! The Chat tab of the influencer view: the team's conversation with the influencer (opened on
//! first use, the same one every time), in the app with a connected creator and by e-mail
//! otherwise; without an e-mail address it says what is missing before anyone writes.

use leptos::prelude::*;
use rapport_domain::influencers::Influencer;
use rapport_domain::messages::{Channel, OpenConversation};

use crate::api;
use crate::components::chat::thread::Thread;

/// The chat with `person`, for the signed-in member's team.
#[component]
pub fn ChatTab(person: Influencer) -> impl IntoView {
    let influencer = person.id;
    let team = person.team_id;
    let no_address = person.email.is_none();
    let name = person.display_name.clone();
    let opened = LocalResource::new(move || async move {
        api::messages::open_team(
            team,
            &OpenConversation {
                influencer_id: influencer,
            },
        )
        .await
    });
    view! {
        <section class="chat-tab" data-testid="chat-tab">
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || opened.get().map(|result| match result {
                    Err(failed) => view! { <p class="error">{failed.message()}</p> }.into_any(),
                    Ok(conversation) => {
                        let missing = conversation.channel == Channel::Email && no_address;
                        view! {
                            {missing.then(|| view! {
                                <p class="notice" data-testid="chat-no-email">
                                    {format!("{name} has no Rapport account and no e-mail address: add their address under Contact to write to them.")}
                                </p>
                            })}
                            <Thread id=conversation.id/>
                        }.into_any()
                    }
                })}
            </Transition>
        </section>
    }
}
