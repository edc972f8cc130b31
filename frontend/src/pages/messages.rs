//! The messenger, for a team member and for a creator: the conversations (last message, unread
//! count, most recent first) beside the open thread, which shows each message with its author,
//! time and whether the other side read it, and takes a new one. Messages arrive live.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use rapport_domain::messages::{Channel, Conversation, CreateMessage, Message, Side};
use rapport_domain::page::PageQuery;
use rapport_domain::ConversationId;

use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::errors::{report, ErrorMessage};
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
    let conversations = LocalResource::new(move || {
        let team = session.team.get();
        let _ = live.message.get();
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
    view! {
        <section class="messenger">
            <aside class="conversations" data-testid="conversations">
                <h1>"Messages"</h1>
                <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                    {move || conversations.get().map(|result| match result {
                        Err(failed) => view! { <p class="error">{failed.message()}</p> }.into_any(),
                        Ok(list) if list.is_empty() => view! {
                            <p class="empty" data-testid="conversations-empty">
                                "No conversations yet. Start one from Connections."
                            </p>
                        }.into_any(),
                        Ok(list) => view! {
                            <ul class="rows">
                                {list.into_iter().map(|c| view! { <ConversationRow conversation=c open=open/> }).collect_view()}
                            </ul>
                        }.into_any(),
                    })}
                </Transition>
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

#[component]
fn Thread(id: ConversationId) -> impl IntoView {
    let live = use_live();
    let error = RwSignal::new(None::<ApiError>);
    let messages = RwSignal::new(Vec::<Message>::new());
    let conversation = RwSignal::new(None::<Conversation>);
    let mine = RwSignal::new(Side::Team);
    let loaded = LocalResource::new(move || {
        live.reconnected.track();
        async move {
            let about = api::messages::get_conversation(id).await?;
            let page = api::messages::list_messages(id, &PageQuery::first(200)).await?;
            let _ = api::messages::mark_read(id).await;
            Ok::<_, ApiError>((about, page.items))
        }
    });
    let session = use_session();
    Effect::new(move |_| match loaded.get() {
        Some(Ok((about, mut items))) => {
            items.reverse();
            // The caller's side: a member of the conversation's team writes as the team.
            let side = if session.team.get_untracked() == Some(about.team.id) {
                Side::Team
            } else {
                Side::Influencer
            };
            mine.set(side);
            conversation.set(Some(about));
            // Live messages may have arrived while the thread was read: keep them, once each.
            messages.update(|shown| {
                for message in items {
                    if !shown.iter().any(|m| m.id == message.id) {
                        shown.push(message);
                    }
                }
                shown.sort_by_key(|m| m.id);
            });
        }
        Some(Err(failed)) => error.set(Some(failed)),
        None => {}
    });
    // Live: a message of this conversation joins the thread (once: messages are kept by id).
    let mark = Action::new_local(Change::run);
    Effect::new(move |_| {
        let Some(message) = live.message.get() else {
            return;
        };
        if message.conversation_id != id {
            return;
        }
        let from_other = message.side != mine.get_untracked();
        let added = messages.try_update(|all| {
            if all.iter().any(|m| m.id == message.id) {
                false
            } else {
                all.push(message);
                true
            }
        });
        if added == Some(true) && from_other {
            mark.dispatch_local(Change::new(async move {
                let _ = api::messages::mark_read(id).await;
            }));
        }
    });
    let text = RwSignal::new(String::new());
    let sending = Action::new_local(Change::run);
    let send = move || {
        let request = CreateMessage {
            text: text.get_untracked(),
        };
        sending.dispatch_local(Change::new(async move {
            if let Some(sent) = report(error, api::messages::send(id, &request).await) {
                text.try_set(String::new());
                messages.try_update(|all| {
                    if !all.iter().any(|m| m.id == sent.id) {
                        all.push(sent);
                    }
                });
            }
        }));
    };
    view! {
        <div class="thread" data-testid="thread">
            {move || conversation.get().map(|c| {
                let by_email = c.channel == Channel::Email;
                view! {
                    <h2 data-testid="thread-title">
                        {if mine.get() == Side::Team { c.influencer_name.clone() } else { c.team.name.clone() }}
                        {by_email.then(|| view! {
                            <span class="muted">" · by e-mail (in dev mode, answer from the "<a href="/dev/mailbox">"dev mailbox"</a>")"</span>
                        })}
                    </h2>
                }
            })}
            <ol class="messages" data-testid="messages">
                <For each=move || messages.get() key=|m| m.id let:message>
                    <MessageItem message=message mine=mine/>
                </For>
            </ol>
            <ErrorMessage error=error/>
            <form class="composer" on:submit=move |ev| { ev.prevent_default(); send(); }>
                <textarea data-testid="message-text" rows="3" maxlength="10000" aria-label="Message"
                    prop:value=text on:input=move |ev| text.set(event_target_value(&ev))
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
                            ev.prevent_default();
                            send();
                        }
                    }></textarea>
                <button type="submit" data-testid="message-send" disabled=move || sending.pending().get()>"Send"</button>
            </form>
        </div>
    }
}

#[component]
fn MessageItem(message: Message, mine: RwSignal<Side>) -> impl IntoView {
    let own = move || message.side == mine.get();
    let when = message.created_at.format("%Y-%m-%d %H:%M").to_string();
    let read = message.read;
    view! {
        <li class="message" class:own=own data-testid="message">
            <div class="meta">
                <strong>{message.author_name.clone()}</strong>
                <span class="muted">{format!(" · {when}")}{message.by_email.then_some(" · e-mail")}</span>
                <Show when=move || own() && read>
                    <span class="muted" data-testid="message-read">" · read"</span>
                </Show>
            </div>
            <p class="text" data-testid="message-body">{message.text.clone()}</p>
        </li>
    }
}
