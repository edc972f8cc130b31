//! The creator side: invitations from brands (accept or decline) and connections (end one).

use leptos::prelude::*;
use rapport_domain::page::PageQuery;

use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::chat::avatar::ChatAvatar;
use crate::components::errors::{report, ErrorMessage};

/// Everything there is, for a list that is short by nature (at most 200).
fn all() -> PageQuery {
    PageQuery::first(200)
}

/// Pending invitations to connect.
#[component]
pub fn CreatorInvitesPage() -> impl IntoView {
    let refetch = Trigger::new();
    let error = RwSignal::new(None::<ApiError>);
    let changes = Action::new_local(Change::run);
    let invites = LocalResource::new(move || {
        refetch.track();
        async move {
            api::connections::list_received(&all())
                .await
                .map(|p| p.items)
        }
    });
    view! {
        <section class="card">
            <h1>"Invitations"</h1>
            <ErrorMessage error=error/>
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || invites.get().map(|result| match result {
                    Err(failed) => view! { <p class="error">{failed.message()}</p> }.into_any(),
                    Ok(items) if items.is_empty() => view! {
                        <p class="empty" data-testid="invites-empty">"No invitations. Brands that find you in the network can invite you to connect."</p>
                    }.into_any(),
                    Ok(items) => view! {
                        <ul class="rows" data-testid="received-invites">
                            {items.into_iter().map(|invite| {
                                let id = invite.id;
                                view! {
                                    <li data-testid="received-invite">
                                        <strong>{invite.team.name.clone()}</strong>
                                        <span class="muted">{format!(" · {} · {} · expires {}", invite.invited_by_name,
                                            invite.created_at.format("%Y-%m-%d"), invite.expires_at.format("%Y-%m-%d"))}</span>
                                        {invite.message.map(|m| view! { <blockquote>{m}</blockquote> })}
                                        <div class="row">
                                            <button type="button" data-testid="invite-accept" on:click=move |_| {
                                                changes.dispatch_local(Change::new(async move {
                                                    if report(error, api::connections::accept(id).await).is_some() { refetch.notify(); }
                                                }));
                                            }>"Accept"</button>
                                            <button type="button" class="secondary" data-testid="invite-decline" on:click=move |_| {
                                                changes.dispatch_local(Change::new(async move {
                                                    if report(error, api::connections::decline(id).await).is_some() { refetch.notify(); }
                                                }));
                                            }>"Decline"</button>
                                        </div>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}

/// The teams the creator is connected to.
#[component]
pub fn CreatorConnectionsPage() -> impl IntoView {
    let navigate = leptos_router::hooks::use_navigate();
    let open_thread = Callback::new(move |id: rapport_domain::ConversationId| {
        navigate(&format!("/messages/{id}"), Default::default());
    });
    let refetch = Trigger::new();
    let error = RwSignal::new(None::<ApiError>);
    let changes = Action::new_local(Change::run);
    let connections = LocalResource::new(move || {
        refetch.track();
        async move { api::connections::list_mine(&all()).await.map(|p| p.items) }
    });
    view! {
        <section class="card">
            <h1>"Connections"</h1>
            <ErrorMessage error=error/>
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || connections.get().map(|result| match result {
                    Err(failed) => view! { <p class="error">{failed.message()}</p> }.into_any(),
                    Ok(items) if items.is_empty() => view! {
                        <p class="empty" data-testid="my-connections-empty">"No connections yet."</p>
                    }.into_any(),
                    Ok(items) => view! {
                        <ul class="rows" data-testid="my-connections">
                            {items.into_iter().map(|connection| {
                                let id = connection.id;
                                view! {
                                    <li data-testid="my-connection" class="with-avatar">
                                        <ChatAvatar name=connection.team.name.clone() testid="my-connection-chat" on_chat=Some(Callback::new(move |()| {
                                            changes.dispatch_local(Change::new(async move {
                                                if let Some(opened) = report(error, api::messages::open_mine(id).await) {
                                                    open_thread.run(opened.id);
                                                }
                                            }));
                                        }))/>
                                        <strong>{connection.team.name.clone()}</strong>
                                        <span class="muted">{format!(" · since {}", connection.created_at.format("%Y-%m-%d"))}</span>" "
                                        <button type="button" class="link" data-testid="my-connection-end" on:click=move |_| {
                                            changes.dispatch_local(Change::new(async move {
                                                if report(error, api::connections::end_mine(id).await).is_some() { refetch.notify(); }
                                            }));
                                        }>"End connection"</button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}
