//! An avatar (initials) with a chat icon on it: clicking the icon opens the conversation.

use leptos::prelude::*;

use crate::format::initials;

/// `name`'s avatar; the chat icon (test id `testid`) runs `on_chat`. Without `on_chat` (nobody
/// to write to yet) the avatar has no icon.
#[component]
pub fn ChatAvatar(
    name: String,
    testid: &'static str,
    on_chat: Option<Callback<()>>,
) -> impl IntoView {
    let label = format!("Chat with {name}");
    view! {
        <span class="avatar-wrap">
            <span class="avatar" aria-hidden="true">{initials(&name)}</span>
            {on_chat.map(|on_chat| view! {
                <button type="button" class="avatar-chat" data-testid=testid aria-label=label.clone() title=label
                    on:click=move |_| on_chat.run(())>
                    <svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true">
                        <path d="M4 5h16v10H9l-5 4z" fill="currentColor"/>
                    </svg>
                </button>
            })}
        </span>
    }
}
