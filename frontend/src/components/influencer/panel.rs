//! The influencer panel of a card, read-first: name, accounts and stats, then the influencer
//! view's tabs: Overview (the card's labels, contact and shipping details as text with "Edit" for
//! the form, notes, reminders), Insights, Chat, Team comments and History; and taking the card
//! off the board. Everything but the labels and the card is the influencer's, so it is the same
//! on every board.

use leptos::prelude::*;
use rapport_domain::boards::{Card, Label};
use rapport_domain::notes::NoteKind;
use rapport_domain::CardId;

use crate::api::{self, ApiError};
use crate::components::board::undo::take_off;
use crate::components::chat::tab::ChatTab;
use crate::components::errors::ErrorMessage;
use crate::components::influencer::details::{Contact, Profile};
use crate::components::influencer::history::History;
use crate::components::influencer::insights::InsightsTab;
use crate::components::influencer::labels::CardLabels;
use crate::components::influencer::notes::NotesList;
use crate::components::influencer::reminders::Reminders;
use crate::components::influencer::tabs::{InfluencerTabs, Tab};
use crate::contexts::board::BoardContext;
use crate::contexts::influencer::{use_influencer, InfluencerContext};

/// The panel of the influencer on `card`.
#[component]
pub fn InfluencerPanel(card: CardId, on_close: Callback<()>) -> impl IntoView {
    let influencer = InfluencerContext::new();
    provide_context(influencer);
    let card_data = LocalResource::new(move || {
        influencer.refetch.track();
        async move {
            let card = api::cards::get_card(card).await?;
            let labels = api::labels::list_labels(card.board_id).await?;
            Ok::<_, ApiError>((card, labels))
        }
    });
    view! {
        <aside class="panel" data-testid="panel" aria-label="Influencer">
            <button class="link close" data-testid="panel-close" on:click=move |_| on_close.run(())>"Close"</button>
            <ErrorMessage error=influencer.error/>
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || card_data.get().map(|result| match result {
                    Err(failed) => view! { <p class="error">{failed.message()}</p> }.into_any(),
                    Ok((card, labels)) => view! { <PanelBody card=card labels=labels/> }.into_any(),
                })}
            </Transition>
        </aside>
    }
}

#[component]
fn PanelBody(card: Card, labels: Vec<Label>) -> impl IntoView {
    let refetch = use_influencer().refetch;
    let board = use_context::<BoardContext>();
    let id = card.influencer_id;
    let card_id = card.id;
    let person = LocalResource::new(move || {
        refetch.track();
        api::influencers::get_influencer(id)
    });
    let profile = move || {
        person.get().map(|result| match result {
            Err(failed) => view! { <p class="error">{failed.message()}</p> }.into_any(),
            Ok(person) => view! { <Profile person=person/> }.into_any(),
        })
    };
    let contact = move || {
        person
            .get()
            .and_then(Result::ok)
            .map(|person| view! { <Contact person=person/> })
    };
    let tab = RwSignal::new(Tab::Overview);
    let chatting = move || {
        person
            .get()
            .and_then(Result::ok)
            .map(|person| view! { <ChatTab person=person/> })
    };
    view! {
        <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>{profile}</Transition>
        <InfluencerTabs tab=tab/>
        {move || match tab.get() {
            Tab::Overview => view! {
                <CardLabels card=card.clone() labels=labels.clone()/>
                <Transition fallback=|| ()>{contact}</Transition>
                <NotesList influencer=id kind=NoteKind::Note/>
                <Reminders influencer=id/>
            }.into_any(),
            Tab::Insights => view! { <InsightsTab influencer=id/> }.into_any(),
            Tab::Chat => view! { <Transition fallback=|| ()>{chatting}</Transition> }.into_any(),
            Tab::Comments => view! { <NotesList influencer=id kind=NoteKind::Comment/> }.into_any(),
            Tab::History => view! { <History influencer=id/> }.into_any(),
        }}
        {board.map(|board| view! {
            <section class="panel-foot">
                <button type="button" class="danger-link" data-testid="card-remove"
                    on:click=move |_| take_off(board, card_id)>"Remove from this board"</button>
                <p class="muted">"Notes, reminders and history stay with the influencer."</p>
            </section>
        })}
    }
}
