//! One conversation's thread: each message with its author, time and whether the other side read
//! it; earlier messages on demand; a box for a new one. Messages and read marks arrive live.

use leptos::prelude::*;
use rapport_domain::messages::{Channel, Conversation, CreateMessage, Message, Side};
use rapport_domain::page::PageQuery;
use rapport_domain::ConversationId;

use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::chat::updates::{mark_read_upto, merge};
use crate::components::errors::{report, ErrorMessage};
use crate::live::use_live;
use crate::session::use_session;

/// Messages read at a time.
const PAGE: u32 = 100;

/// The thread of conversation `id`.
#[component]
pub fn Thread(id: ConversationId) -> impl IntoView {
    let live = use_live();
    let session = use_session();
    let error = RwSignal::new(None::<ApiError>);
    let messages = RwSignal::new(Vec::<Message>::new());
    let conversation = RwSignal::new(None::<Conversation>);
    let mine = RwSignal::new(Side::Team);
    let earlier = RwSignal::new(None::<String>);
    let loaded = LocalResource::new(move || {
        live.reconnected.track();
        async move {
            let about = api::messages::get_conversation(id).await?;
            let page = api::messages::list_messages(id, &PageQuery::first(PAGE)).await?;
            let _ = api::messages::mark_read(id).await;
            Ok::<_, ApiError>((about, page))
        }
    });
    Effect::new(move |_| match loaded.get() {
        Some(Ok((about, page))) => {
            // The caller's side: a member of the conversation's team writes as the team.
            let side = if session.team.get_untracked() == Some(about.team.id) {
                Side::Team
            } else {
                Side::Influencer
            };
            mine.set(side);
            conversation.set(Some(about));
            // Live messages may have arrived while the thread was read: keep them, once each.
            messages.update(|shown| merge(shown, page.items));
            if earlier.get_untracked().is_none() {
                earlier.set(page.next_cursor);
            }
        }
        Some(Err(failed)) => error.set(Some(failed)),
        None => {}
    });
    let reading_earlier = Action::new_local(Change::run);
    let read_earlier = move |_| {
        let Some(cursor) = earlier.get_untracked() else {
            return;
        };
        reading_earlier.dispatch_local(Change::new(async move {
            let query = PageQuery {
                limit: Some(PAGE),
                cursor: Some(cursor),
            };
            if let Some(page) = report(error, api::messages::list_messages(id, &query).await) {
                messages.try_update(|shown| merge(shown, page.items));
                earlier.try_set(page.next_cursor);
            }
        }));
    };
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
                merge(all, vec![message]);
                true
            }
        });
        if added == Some(true) && from_other {
            mark.dispatch_local(Change::new(async move {
                let _ = api::messages::mark_read(id).await;
            }));
        }
    });
    // Live: the other side read; our messages up to there show "read".
    Effect::new(move |_| {
        let Some((conversation_id, side, upto)) = live.read.get() else {
            return;
        };
        if conversation_id == id && side != mine.get_untracked() {
            messages.try_update(|all| mark_read_upto(all, side.other(), upto));
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
                messages.try_update(|all| merge(all, vec![sent]));
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
            <Show when=move || earlier.get().is_some()>
                <button type="button" class="link" data-testid="messages-earlier"
                    disabled=move || reading_earlier.pending().get()
                    on:click=read_earlier>"Earlier messages"</button>
            </Show>
            <ol class="messages" data-testid="messages">
                <For each=move || messages.get() key=|m| (m.id, m.read) let:message>
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
