//! The messenger, for a team member and for a creator: the conversations (last message, unread
//! count, most recent first) beside the open thread. A live message moves its conversation to
//! the top (and counts as unread unless its thread is open) without reading the list again.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use rapport_domain::messages::{Conversation, Side};
use rapport_domain::ConversationId;

use crate::api::{self, ApiError};
use crate::components::chat::thread::Thread;
use crate::components::chat::updates::apply_message;
use crate::live::use_live;
use crate::session::use_session;

/// The messages page: `/messages` and `/messages/:id`.
#[component]
pub fn MessagesPage() -> impl IntoView {
    let session = use_session();
    let live = use_live();
    let params = use_params_map();
    let open = Memo::new(move |_| {
        params.with(|p| p.get("id").and_then(|id| id.parse::<ConversationId>().ok()))
    });
    let reread = Trigger::new();
    let conversations = LocalResource::new(move || {
        let team = session.team.get();
        reread.track();
        live.reconnected.track();
        async move {
            let mut all = match team {
                Some(team) => api::messages::list_team(team).await?.items,
                None => Vec::new(),
            };
            // A creator (or someone who is both) also has their own conversations.
            if let Ok(mine) = api::messages::list_mine().await {
                for conversation in mine {
                    if !all.iter().any(|c| c.id == conversation.id) {
                        all.push(conversation);
                    }
                }
            }
            all.sort_by_key(|c| std::cmp::Reverse(c.updated_at));
            Ok::<_, ApiError>(all)
        }
    });
    // Live messages update the list in place; a conversation the list lacks reads it again.
    let shown = RwSignal::new(None::<Result<Vec<Conversation>, ApiError>>);
    Effect::new(move |_| shown.set(conversations.get()));
    Effect::new(move |_| {
        let Some(message) = live.message.get() else {
            return;
        };
        let team = session.team.get_untracked();
        let known = shown.try_update(|list| match list {
            Some(Ok(list)) => {
                let own = list
                    .iter()
                    .find(|c| c.id == message.conversation_id)
                    .is_some_and(|c| (Some(c.team.id) == team) == (message.side == Side::Team));
                apply_message(list, &message, open.get_untracked(), own)
            }
            _ => true,
        });
        if known == Some(false) {
            reread.notify();
        }
    });
    // This side read a conversation (here or in another window).
    Effect::new(move |_| {
        let Some((id, side, _)) = live.read.get() else {
            return;
        };
        let team = session.team.get_untracked();
        shown.update(|list| {
            if let Some(Ok(list)) = list {
                if let Some(c) = list.iter_mut().find(|c| c.id == id) {
                    if (Some(c.team.id) == team) == (side == Side::Team) {
                        c.unread = 0;
                    }
                }
            }
        });
    });
    // Opening a thread reads it.
    Effect::new(move |_| {
        if let Some(id) = open.get() {
            shown.update(|list| {
                if let Some(Ok(list)) = list {
                    if let Some(c) = list.iter_mut().find(|c| c.id == id) {
                        c.unread = 0;
                    }
                }
            });
        }
    });
    view! {
        <section class="messenger">
            <aside class="conversations" data-testid="conversations">
                <h1>"Messages"</h1>
                {move || match shown.get() {
                        None => view! { <p class="loading">"Loading…"</p> }.into_any(),
                        Some(Err(failed)) => view! { <p class="error">{failed.message()}</p> }.into_any(),
                        Some(Ok(list)) if list.is_empty() => view! {
                            <p class="empty" data-testid="conversations-empty">
                                "No conversations yet. Start one from Connections, or from an influencer's Chat tab."
                            </p>
                        }.into_any(),
                        Some(Ok(list)) => view! {
                            <ul class="rows">
                                {list.into_iter().map(|c| view! { <ConversationRow conversation=c open=open/> }).collect_view()}
                            </ul>
                        }.into_any(),
                    }}
            </aside>
            <div class="thread-pane">
                {move || match open.get() {
                    Some(id) => view! { <Thread id=id/> }.into_any(),
                    None => view! { <p class="empty">"Choose a conversation."</p> }.into_any(),
                }}
            </div>
        </section>
    }
}

#[component]
fn ConversationRow(
    conversation: Conversation,
    open: Memo<Option<ConversationId>>,
) -> impl IntoView {
    let id = conversation.id;
    let name = if use_session().team.get_untracked() == Some(conversation.team.id) {
        conversation.influencer_name.clone()
    } else {
        conversation.team.name.clone()
    };
    let preview = conversation
        .last_message
        .as_ref()
        .map(|m| m.text.chars().take(60).collect::<String>())
        .unwrap_or_default();
    view! {
        <li data-testid="conversation" class:current=move || open.get() == Some(id)>
            <A href=format!("/messages/{id}")>
                <strong>{name}</strong>
                {(conversation.unread > 0).then(|| view! {
                    <span class="bell-count inline" data-testid="conversation-unread">{conversation.unread}</span>
                })}
            </A>
            <div class="muted">{preview}</div>
        </li>
    }
}
