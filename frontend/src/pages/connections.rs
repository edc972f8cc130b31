//! The team's connections: "Pending" (invitations waiting for creators, each revocable) and
//! "Connected" (creators with their e-mail address, a link to the team's influencer, and "End").

use leptos::prelude::*;
use leptos_router::components::A;
use rapport_domain::page::PageQuery;

use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::chat::avatar::ChatAvatar;
use crate::components::errors::{report, ErrorMessage};
use crate::session::use_session;
use leptos_router::hooks::use_navigate;
use rapport_domain::messages::OpenConversation;

/// Everything there is, for a list that is short by nature (at most 200).
fn all() -> PageQuery {
    PageQuery::first(200)
}

/// The connections page (brand side).
#[component]
pub fn ConnectionsPage() -> impl IntoView {
    let session = use_session();
    let pending_tab = RwSignal::new(false);
    let refetch = Trigger::new();
    let error = RwSignal::new(None::<ApiError>);
    let changes = Action::new_local(Change::run);
    let navigate = use_navigate();
    let open_thread = Callback::new(move |id: rapport_domain::ConversationId| {
        navigate(&format!("/messages/{id}"), Default::default());
    });
    let sent = LocalResource::new(move || {
        refetch.track();
        let team = session.team.get();
        async move {
            match team {
                Some(team) => api::connections::list_sent(team, &all())
                    .await
                    .map(|p| p.items),
                None => Ok(Vec::new()),
            }
        }
    });
    let connected = LocalResource::new(move || {
        refetch.track();
        let team = session.team.get();
        async move {
            match team {
                Some(team) => api::connections::list_team(team, &all())
                    .await
                    .map(|p| p.items),
                None => Ok(Vec::new()),
            }
        }
    });
    view! {
        <section class="card connections-page">
            <h1>"Connections"</h1>
            <div class="tabs" role="tablist">
                <button type="button" role="tab" data-testid="tab-connected" aria-selected=move || (!pending_tab.get()).to_string()
                    on:click=move |_| pending_tab.set(false)>"Connected"</button>
                <button type="button" role="tab" data-testid="tab-pending" aria-selected=move || pending_tab.get().to_string()
                    on:click=move |_| pending_tab.set(true)>"Pending"</button>
            </div>
            <ErrorMessage error=error/>
            <Show when=move || pending_tab.get()>
                <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                    {move || sent.get().map(|result| match result {
                        Err(failed) => view! { <p class="error">{failed.message()}</p> }.into_any(),
                        Ok(items) if items.is_empty() => view! {
                            <p class="empty" data-testid="pending-empty">"No pending invitations. Invite creators from the "<A href="/network">"network"</A>"."</p>
                        }.into_any(),
                        Ok(items) => view! {
                            <ul class="rows" data-testid="pending-invites">
                                {items.into_iter().map(|invite| {
                                    let id = invite.id;
                                    view! {
                                        <li data-testid="pending-invite">
                                            <strong>{invite.creator.display_name.clone()}</strong>
                                            <span class="muted">{format!(" · sent by {} on {} · expires {}",
                                                invite.invited_by_name, invite.created_at.format("%Y-%m-%d"), invite.expires_at.format("%Y-%m-%d"))}</span>
                                            {invite.message.map(|m| view! { <blockquote>{m}</blockquote> })}
                                            <button type="button" class="link" data-testid="pending-revoke" title="Revoke the invitation"
                                                on:click=move |_| {
                                                    if let Some(team) = session.team.get_untracked() {
                                                        changes.dispatch_local(Change::new(async move {
                                                            if report(error, api::connections::revoke(team, id).await).is_some() {
                                                                refetch.notify();
                                                            }
                                                        }));
                                                    }
                                                }>"Revoke"</button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                    })}
                </Transition>
            </Show>
            <Show when=move || !pending_tab.get()>
                <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                    {move || connected.get().map(|result| match result {
                        Err(failed) => view! { <p class="error">{failed.message()}</p> }.into_any(),
                        Ok(items) if items.is_empty() => view! {
                            <p class="empty" data-testid="connected-empty">"No connections yet. Creators who accept your invitations appear here."</p>
                        }.into_any(),
                        Ok(items) => view! {
                            <ul class="rows" data-testid="connections">
                                {items.into_iter().map(|connection| {
                                    let id = connection.id;
                                    let name = connection.creator.display_name.clone();
                                    let on_chat = connection.influencer_id.map(|influencer| Callback::new(move |()| {
                                        if let Some(team) = session.team.get_untracked() {
                                            let request = OpenConversation { influencer_id: influencer };
                                            changes.dispatch_local(Change::new(async move {
                                                if let Some(opened) = report(error, api::messages::open_team(team, &request).await) {
                                                    open_thread.run(opened.id);
                                                }
                                            }));
                                        }
                                    }));
                                    view! {
                                        <li data-testid="connection" class="with-avatar">
                                            <ChatAvatar name=name.clone() testid="connection-chat" on_chat=on_chat/>
                                            <strong data-testid="connection-name">{name}</strong>
                                            " "<a href=format!("mailto:{}", connection.email) data-testid="connection-email">{connection.email.clone()}</a>
                                            <span class="muted">{format!(" · since {}", connection.created_at.format("%Y-%m-%d"))}</span>" "
                                            {connection.influencer_id.map(|influencer| view! {
                                                <A href=format!("/influencers/{influencer}") attr:data-testid="connection-influencer">"Open influencer"</A>
                                            })}" "
                                            <button type="button" class="link" data-testid="connection-end"
                                                on:click=move |_| {
                                                    if let Some(team) = session.team.get_untracked() {
                                                        changes.dispatch_local(Change::new(async move {
                                                            if report(error, api::connections::end_for_team(team, id).await).is_some() {
                                                                refetch.notify();
                                                            }
                                                        }));
                                                    }
                                                }>"End connection"</button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                    })}
                </Transition>
            </Show>
        </section>
    }
}
