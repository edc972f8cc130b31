//! The dev mailbox (dev mode only): every mail Rapport sent, newest first; a mail with a reply
//! address (a message to an influencer) can be answered here as its recipient would.

use leptos::prelude::*;
use rapport_domain::mail::Mail;
use rapport_domain::MailId;

use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::errors::{report, ErrorMessage};

/// The dev mailbox page.
#[component]
pub fn DevMailboxPage() -> impl IntoView {
    let refetch = Trigger::new();
    // The mails answered here, kept by the page: a reply reloads the list (it may have sent more
    // mail), which makes each mail's item anew.
    let replied = RwSignal::new(Vec::new());
    let mails = LocalResource::new(move || {
        refetch.track();
        api::dev::mailbox()
    });
    view! {
        <section class="card">
            <h1>"Dev mailbox"</h1>
            <p class="muted">"Mail sent in dev mode lands here instead of a mail server."</p>
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || mails.get().map(|result| match result {
                    Err(failed) if failed.status == 404 => view! { <p class="empty">"Dev mode is off: mail goes to the configured server."</p> }.into_any(),
                    Err(failed) => view! { <p class="error">{failed.message()}</p> }.into_any(),
                    Ok(page) => view! {
                        <ul class="rows" data-testid="mailbox">
                            {page.items.into_iter().map(|mail| view! { <MailItem mail=mail refetch=refetch replied=replied/> }).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn MailItem(mail: Mail, refetch: Trigger, replied: RwSignal<Vec<MailId>>) -> impl IntoView {
    let id = mail.id;
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let sent = Memo::new(move |_| replied.with(|ids| ids.contains(&id)));
    let replying = Action::new_local(Change::run);
    let from = mail
        .from_name
        .clone()
        .map(|name| format!(" from {name}"))
        .unwrap_or_default();
    view! {
        <li data-testid="mail">
            <strong data-testid="mail-subject">{mail.subject.clone()}</strong>
            <span class="muted">{format!(" to {}{from} · {}", mail.to, mail.created_at.format("%H:%M:%S"))}</span>
            <pre class="mail-text">{mail.text.clone()}</pre>
            {mail.reply_to.clone().map(|reply_to| view! {
                <form class="stack" on:submit=move |ev| {
                    ev.prevent_default();
                    let typed = text.get_untracked();
                    replying.dispatch_local(Change::new(async move {
                        if report(error, api::dev::reply(id, &typed).await).is_some() {
                            text.try_set(String::new());
                            replied.try_update(|ids| ids.push(id));
                            refetch.notify();
                        }
                    }));
                }>
                    <label>{format!("Reply as {} (to {reply_to})", mail.to)}
                        <textarea data-testid="mail-reply-text" rows="2" prop:value=text
                            on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                    </label>
                    <ErrorMessage error=error/>
                    <button type="submit" data-testid="mail-reply-send">"Send reply"</button>
                    <Show when=move || sent.get()><span class="muted" data-testid="mail-replied">"Replied."</span></Show>
                </form>
            })}
        </li>
    }
}
