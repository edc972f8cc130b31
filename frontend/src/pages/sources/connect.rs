//! Connecting Mailchimp and Klaviyo lists on the Data sources page: a button per provider, opening
//! a dialog whose content is its own chunk of the web app.

use leptos::prelude::*;
use rapport_domain::list_providers::{
    ConnectLists, ListProvider, ProviderKey, ProviderList, API_KEY_MAX, SYNC_EVERY_HOURS_DEFAULT,
};
use rapport_domain::TeamId;

use super::{counted, schedule_options};
use crate::api::{self, ApiError};
use crate::app::on_demand;
use crate::change::Change;
use crate::components::dialog::Dialog;
use crate::components::errors::{report, ErrorMessage};

/// Connecting Mailchimp or Klaviyo lists: a button each, opening its dialog.
#[component]
pub(super) fn ConnectSection(team: TeamId, refetch: Trigger) -> impl IntoView {
    view! {
        <section class="upload connect-lists" data-testid="connect-lists">
            <h2>"Connect an e-mail list"</h2>
            <p class="muted">"Mailchimp audiences and Klaviyo lists stay in sync on a schedule: new subscribers are matched as they come, and those who leave are kept apart as former subscribers. The API key is stored encrypted and never shown again."</p>
            <div class="row">
                <ProviderButton provider=ListProvider::Mailchimp team=team refetch=refetch/>
                <ProviderButton provider=ListProvider::Klaviyo team=team refetch=refetch/>
            </div>
        </section>
    }
}

/// A provider's button and its dialog.
#[component]
fn ProviderButton(provider: ListProvider, team: TeamId, refetch: Trigger) -> impl IntoView {
    let open = RwSignal::new(false);
    let (title, testid) = match provider {
        ListProvider::Mailchimp => ("Connect Mailchimp", "mailchimp-dialog"),
        ListProvider::Klaviyo => ("Connect Klaviyo", "klaviyo-dialog"),
    };
    view! {
        <button type="button" data-testid=format!("connect-{}", provider.as_str()) on:click=move |_| open.set(true)>{title}</button>
        <Dialog open=open title=title testid=testid>
            {on_demand(connect_form(provider, team, refetch, open))}
        </Dialog>
    }
}

/// A provider dialog's content: its code arrives the first time a dialog opens (its own chunk of
/// the web app, so the page itself loads less).
#[cfg(not(test))]
#[lazy]
fn connect_form(
    provider: ListProvider,
    team: TeamId,
    refetch: Trigger,
    open: RwSignal<bool>,
) -> AnyView {
    view! { <ConnectForm provider=provider team=team refetch=refetch open=open/> }.into_any()
}

/// In unit tests, the same without the split: a split function with arguments keeps its loader's
/// import in the test build, which the wasm test runner cannot resolve.
#[cfg(test)]
async fn connect_form(
    provider: ListProvider,
    team: TeamId,
    refetch: Trigger,
    open: RwSignal<bool>,
) -> AnyView {
    view! { <ConnectForm provider=provider team=team refetch=refetch open=open/> }.into_any()
}

/// The dialog's content: the key, checked by reading its lists; the lists to connect and their
/// schedule.
#[component]
fn ConnectForm(
    provider: ListProvider,
    team: TeamId,
    refetch: Trigger,
    open: RwSignal<bool>,
) -> impl IntoView {
    let key = RwSignal::new(String::new());
    let lists = RwSignal::new(None::<Vec<ProviderList>>);
    let picked = RwSignal::new(Vec::<String>::new());
    let every = RwSignal::new(SYNC_EVERY_HOURS_DEFAULT);
    let error = RwSignal::new(None::<ApiError>);
    let changes = Action::new_local(Change::run);
    let hint = match provider {
        ListProvider::Mailchimp => "In Mailchimp: Account → Extras → API keys.",
        ListProvider::Klaviyo => {
            "In Klaviyo: Settings → API keys, a private key with read access to lists and profiles."
        }
    };
    let hint_id = format!("{}-key-hint", provider.as_str());
    let check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let api_key = key.get_untracked().trim().to_owned();
        if api_key.is_empty() {
            error.set(Some(ApiError::local(
                422,
                "no_key",
                "Paste the API key first.",
            )));
            return;
        }
        lists.set(None);
        picked.set(Vec::new());
        error.set(None);
        changes.dispatch_local(Change::new(async move {
            let asked = ProviderKey { api_key };
            let result = api::sources::provider_lists(team, provider, &asked).await;
            // The key may have changed meanwhile: these lists are the old key's.
            if key.try_with_untracked(|k| k.trim() == asked.api_key) != Some(true) {
                return;
            }
            if let Some(found) = report(error, result) {
                lists.try_set(Some(found));
            }
        }));
    };
    let connect = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = ConnectLists {
            api_key: key.get_untracked().trim().to_owned(),
            list_ids: picked.get_untracked(),
            sync_every_hours: Some(every.get_untracked()),
        };
        if request.list_ids.is_empty() {
            return;
        }
        changes.dispatch_local(Change::new(async move {
            let result = api::sources::connect_lists(team, provider, &request).await;
            if report(error, result).is_some() {
                refetch.notify();
                open.try_set(false);
            }
        }));
    };
    view! {
        <form class="key-form" on:submit=check>
            <label>"API key"
                <input type="password" data-testid="provider-key" autocomplete="off" spellcheck="false"
                    maxlength=API_KEY_MAX.to_string() aria-describedby=hint_id.clone() prop:value=key
                    on:input=move |ev| {
                        key.set(event_target_value(&ev));
                        if lists.with_untracked(Option::is_some) {
                            lists.set(None);
                            picked.set(Vec::new());
                        }
                    }/>
            </label>
            <p class="muted hint" id=hint_id>{hint}</p>
            <div class="dialog-actions">
                <button type="submit" data-testid="provider-check" disabled=move || changes.pending().get()>"Check key"</button>
            </div>
        </form>
        <ErrorMessage error=error/>
        {move || lists.get().map(|found| view! {
            <form class="lists-form" on:submit=connect>
                <fieldset class="choices provider-lists" data-testid="provider-lists">
                    <legend>"Lists to connect"</legend>
                    {found.is_empty().then_some("This key reads no lists yet.")}
                    {found.into_iter().map(|list| list_choice(list, picked)).collect_view()}
                </fieldset>
                <label>"Sync every"
                    <select data-testid="provider-every"
                        on:change=move |ev| if let Ok(hours) = event_target_value(&ev).parse() { every.set(hours) }>
                        {schedule_options(every.get_untracked())}
                    </select>
                </label>
                <div class="dialog-actions">
                    <button type="submit" data-testid="provider-connect"
                        disabled=move || changes.pending().get() || picked.with(Vec::is_empty)>"Connect"</button>
                </div>
            </form>
        })}
    }
}

/// A list to tick: its name, its members, whether it is connected already.
fn list_choice(list: ProviderList, picked: RwSignal<Vec<String>>) -> impl IntoView {
    let id = list.id;
    let members = list
        .members
        .map(|n| format!(" · {}", counted(n, "member", "members")));
    let connected = list.connected;
    view! {
        <label class="check" data-testid="provider-list">
            <input type="checkbox" disabled=connected checked=connected
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    picked.update(|p| {
                        p.retain(|chosen| *chosen != id);
                        if on {
                            p.push(id.clone());
                        }
                    });
                }/>
            <span>{list.name}</span>
            <span class="muted">{members}{connected.then_some(" · already connected")}</span>
        </label>
    }
}
