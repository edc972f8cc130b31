//! The team's integrations that read its influencers' figures (on the Team page): the Instagram
//! business account (connected on the Data sources page) and the YouTube Data API key (pasted
//! here, checked with YouTube, shown again only by its last characters).

use leptos::prelude::*;
use leptos_router::components::A;
use rapport_domain::TeamId;

use crate::api;
use crate::change::Change;
use crate::components::errors::{report, ErrorMessage};

/// The Integrations section.
#[component]
pub fn TeamIntegrationsSection(team: TeamId) -> impl IntoView {
    let error = RwSignal::new(None);
    let refetch = Trigger::new();
    let found = LocalResource::new(move || {
        refetch.track();
        api::analytics::integrations(team)
    });
    let key = RwSignal::new(String::new());
    let changes = Action::new_local(Change::run);
    let save = move || {
        let api_key = key.get_untracked();
        changes.dispatch_local(Change::new(async move {
            if report(error, api::analytics::set_youtube_key(team, api_key).await).is_some() {
                key.set(String::new());
                refetch.notify();
            }
        }));
    };
    let remove = move |_| {
        changes.dispatch_local(Change::new(async move {
            if report(error, api::analytics::remove_youtube_key(team).await).is_some() {
                refetch.notify();
            }
        }));
    };
    view! {
        <section data-testid="integrations">
            <h2>"Integrations"</h2>
            <p class="muted">"What reads your influencers' figures (followers, engagement, recent posts) once a day, with your own API quotas."</p>
            <ErrorMessage error=error/>
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || found.get().map(|result| match result {
                    Err(failed) => view! { <p class="error">{failed.message()}</p> }.into_any(),
                    Ok(found) => view! {
                        <dl class="facts">
                            <dt>"Instagram"</dt>
                            <dd data-testid="integration-instagram">{match found.instagram_account {
                                Some(account) => view! { {format!("Read through {account}")} }.into_any(),
                                None => view! { "Not connected: " <A href="/sources">"connect your Instagram business account"</A> }.into_any(),
                            }}</dd>
                            <dt>"YouTube"</dt>
                            <dd data-testid="integration-youtube">{if found.youtube_key {
                                view! {
                                    {format!("API key {} stored · about {} quota units a day (of the default 10,000)",
                                        found.youtube_key_hint.unwrap_or_default(), found.youtube_units_per_day)}
                                    " "<button type="button" class="link" data-testid="youtube-key-remove" on:click=remove>"Remove"</button>
                                }.into_any()
                            } else {
                                view! { "No key: YouTube figures are not read." }.into_any()
                            }}</dd>
                            <dt>"TikTok"</dt>
                            <dd>"Read when a creator connects their own TikTok; type figures in meanwhile."</dd>
                        </dl>
                    }.into_any(),
                })}
            </Transition>
            <form class="inline" on:submit=move |ev| { ev.prevent_default(); save(); }>
                <input data-testid="youtube-key" autocomplete="off" placeholder="YouTube Data API key (AIza…)"
                    aria-label="YouTube Data API key" prop:value=key on:input=move |ev| key.set(event_target_value(&ev))/>
                <button type="submit" data-testid="youtube-key-save" disabled=move || changes.pending().get()>"Check and store"</button>
            </form>
            <p class="muted small">"Google Cloud console → APIs & Services → enable YouTube Data API v3 → Credentials → API key. Stored encrypted."</p>
        </section>
    }
}
