//! Notifications, newest first; opening the page marks them read.

use leptos::prelude::*;
use rapport_domain::page::PageQuery;

use crate::api;
use crate::change::Change;
use crate::session::use_session;

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
                            {page.items.into_iter().map(|n| view! {
                                <li data-testid="notification" class:unread=!n.read>
                                    {n.text.clone()}
                                    <span class="muted">{format!(" · {}", n.created_at.format("%Y-%m-%d %H:%M"))}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}
