//! Notifications, newest first; opening the page marks them read. One about an influencer (a
//! due reminder) opens their page. Below, what the member of the current team is also sent by
//! e-mail.

use leptos::prelude::*;
use leptos_router::components::A;
use rapport_domain::notifications::Notification;
use rapport_domain::page::PageQuery;

use crate::api;
use crate::change::Change;
use crate::components::notification_settings::{MailSetting, MailToggles};
use crate::session::use_session;

/// One notification: its line, a link when it is about an influencer, and its time.
fn item(n: Notification) -> impl IntoView {
    let when = format!(" · {}", n.created_at.format("%Y-%m-%d %H:%M"));
    let line = match n.influencer_id {
        Some(influencer) => view! {
            <A href=format!("/influencers/{influencer}") attr:data-testid="notification-link">{n.text}</A>
        }
        .into_any(),
        None => n.text.into_any(),
    };
    view! {
        <li data-testid="notification" class:unread=!n.read>
            {line}
            <span class="muted">{when}</span>
        </li>
    }
}

/// The notifications page.
#[component]
pub fn NotificationsPage() -> impl IntoView {
    let session = use_session();
    let list = LocalResource::new(move || async move {
        api::notifications::list(&PageQuery::first(100)).await
    });
    let mark = Action::new_local(Change::run);
    Effect::new(move |_| {
        if let Some(Ok(page)) = list.get() {
            if page.unread > 0 {
                mark.dispatch_local(Change::new(async move {
                    if api::notifications::mark_all_read().await.is_ok() {
                        session.notifications_seen.notify();
                    }
                }));
            }
        }
    });
    view! {
        <section class="card">
            <h1>"Notifications"</h1>
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || list.get().map(|result| match result {
                    Err(failed) => view! { <p class="error">{failed.message()}</p> }.into_any(),
                    Ok(page) if page.items.is_empty() => view! { <p class="empty" data-testid="notifications-empty">"Nothing yet."</p> }.into_any(),
                    Ok(page) => view! {
                        <ul class="rows" data-testid="notifications">
                            {page.items.into_iter().map(item).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Transition>
        </section>
        {move || session.team.get().map(|team| view! {
            <section class="card" data-testid="notification-settings">
                <h2>"E-mail"</h2>
                <p class="muted">"Notifications always show here. As a member of this team, you can also get mail:"</p>
                <MailToggles team=team settings=vec![
                    MailSetting::ReminderEmail,
                    MailSetting::OverdueDigest,
                    MailSetting::MatchDigest,
                ]/>
            </section>
        })}
    }
}
