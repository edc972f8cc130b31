//! The top bar: the product, the brand's and the creator's screens, the notification bell, the
//! team switcher, the user and log-out.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};
use rapport_domain::auth::RefreshRequest;
use rapport_domain::page::PageQuery;

use crate::api;
use crate::change::Change;
use crate::session::use_session;

/// The notification bell: the unread count (kept by the top bar), opening the notifications page.
#[component]
fn Bell(unread: RwSignal<u64>) -> impl IntoView {
    view! {
        <A href="/notifications" attr:class="bell" attr:data-testid="nav-bell"
            attr:aria-label=move || format!("Notifications ({} unread)", unread.get())>
            <svg class="icon-svg" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
                <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2z" fill="currentColor"/>
            </svg>
            <Show when=move || { unread.get() > 0 }>
                <span class="bell-count" data-testid="bell-count">{move || unread.get()}</span>
            </Show>
        </A>
    }
}

/// The top bar.
#[component]
pub fn Nav() -> impl IntoView {
    let session = use_session();
    // Read again when the team changes too: joining a team by invitation changes the list.
    let me = LocalResource::new(move || {
        let signed_in = session.stored.get().is_some();
        let _ = session.team.get();
        async move {
            if signed_in {
                api::me::get_me().await.ok()
            } else {
                None
            }
        }
    });
    let location = use_location();
    let to_profile = use_navigate();
    // The bell's count lives as long as the bar (the links below are rebuilt when `me` is read
    // again): read on sign-in, on every navigation, and when the notifications page marks them
    // read. A count arriving after the bar is gone is dropped (`try_set`).
    let unread = RwSignal::new(0_u64);
    let live = crate::live::use_live();
    Effect::new(move |_| {
        let _ = location.pathname.get();
        session.notifications_seen.track();
        live.notified.track();
        live.reconnected.track();
        if session.stored.get().is_none() {
            unread.set(0);
            return;
        }
        leptos::task::spawn_local_scoped(async move {
            if let Ok(page) = api::notifications::list(&PageQuery::first(1)).await {
                unread.try_set(page.unread);
            }
        });
    });
    // Pick the first team when none is chosen (or the chosen one is gone); a creator without a
    // team has no boards: their home is their profile.
    Effect::new(move |_| {
        if let Some(Some(me)) = me.get() {
            if me.teams.is_empty()
                && me.creator_id.is_some()
                && location.pathname.get_untracked() == "/"
            {
                to_profile("/creator", Default::default());
            }
            let chosen = session.team.get_untracked();
            if chosen.is_none_or(|t| !me.teams.iter().any(|team| team.id == t)) {
                if let Some(first) = me.teams.first() {
                    session.choose_team(first.id);
                }
            }
        }
    });
    let navigate = use_navigate();
    // Ending the session on the server is not waited for: the app forgets it at once.
    let end_session = Action::new_local(Change::run);
    let logout = move |_| {
        if let Some(stored) = session.stored.get_untracked() {
            let request = RefreshRequest {
                refresh_token: stored.refresh_token,
            };
            end_session.dispatch_local(Change::new(async move {
                let _ = api::auth::logout(&request).await;
            }));
        }
        session.clear();
        navigate("/login", Default::default());
    };
    view! {
        <header class="topbar">
            <A href="/" attr:class="brand">"Rapport"</A>
            {move || match me.get().flatten() {
                None => view! {
                    <nav class="links">
                        <A href="/login">"Log in"</A>
                        <A href="/signup">"Sign up"</A>
                    </nav>
                }.into_any(),
                Some(me) => {
                    let teams = me.teams.clone();
                    let many = teams.len() > 1;
                    let brand = !teams.is_empty();
                    let creator = me.creator_id.is_some();
                    view! {
                        <nav class="links">
                            <Show when=move || brand>
                                <A href="/" attr:data-testid="nav-boards">"Boards"</A>
                                <A href="/network" attr:data-testid="nav-network">"Network"</A>
                                <A href="/favourites" attr:data-testid="nav-favourites">"Favourites"</A>
                                <A href="/connections" attr:data-testid="nav-connections">"Connections"</A>
                                <A href="/sources" attr:data-testid="nav-sources">"Data sources"</A>
                                <A href="/reminders" attr:data-testid="nav-reminders">"My reminders"</A>
                                <A href="/team" attr:data-testid="nav-team">"Team"</A>
                            </Show>
                            <Show when=move || creator>
                                <A href="/creator" attr:data-testid="nav-creator">{if brand { "Creator profile" } else { "Profile" }}</A>
                                <A href="/creator/invites" attr:data-testid="nav-creator-invites">"Invites"</A>
                                <A href="/creator/connections" attr:data-testid="nav-creator-connections">{if brand { "My connections" } else { "Connections" }}</A>
                            </Show>
                            <A href="/messages" attr:data-testid="nav-messages">"Messages"</A>
                            <Bell unread=unread/>
                            <Show when=move || many>
                                <select
                                    data-testid="team-switcher"
                                    aria-label="Team"
                                    on:change=move |ev| {
                                        if let Ok(id) = event_target_value(&ev).parse() {
                                            session.choose_team(id);
                                        }
                                    }
                                >
                                    {teams.iter().map(|team| {
                                        let id = team.id;
                                        view! {
                                            <option
                                                value=team.id.to_string()
                                                selected=move || session.team.get() == Some(id)
                                            >{team.name.clone()}</option>
                                        }
                                    }).collect_view()}
                                </select>
                            </Show>
                            <span class="user" data-testid="user-name">{me.user.name.clone()}</span>
                            <button class="link" data-testid="logout" on:click=logout.clone()>"Log out"</button>
                        </nav>
                    }.into_any()
                }
            }}
        </header>
    }
}
