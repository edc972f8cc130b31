//! The team's data sources (`/sources`): a card per source (what it is, its state, its counts,
//! disconnecting; a Mailchimp or Klaviyo list's sync, its progress, its schedule and its key),
//! uploading a list with a progress bar and its report, connecting Mailchimp and Klaviyo lists;
//! and the Influencers tab (`/sources?tab=influencers`): who among the contacts is a creator or
//! one of the team's influencers, where from in the source's words, filtered by source, platform
//! and followers; each can go on a board, be invited to connect, or be dismissed.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use rapport_domain::boards::{AddCards, BoardListQuery, ByInfluencer, ByProfile, CardSource};
use rapport_domain::connections::CreateConnectionInvite;
use rapport_domain::list_providers::{
    ConnectLists, ListProvider, ProviderKey, ProviderList, SourceUpdate, API_KEY_MAX,
    SYNC_EVERY_HOURS_DEFAULT,
};
use rapport_domain::profiles::Platform;
use rapport_domain::sources::{CsvImport, Source, SourceKind, SourceMatch, SourceState};
use rapport_domain::{BoardId, SourceId, TeamId};
use wasm_bindgen::JsCast;

use crate::api::{self, ApiError};
use crate::app::on_demand;
use crate::change::Change;
use crate::components::dialog::Dialog;
use crate::components::errors::{report, ErrorMessage};
use crate::format::{compact, platform_icon};
use crate::session::use_session;

mod by_hand;

use by_hand::{AddByHand, DigestToggle};

/// The data sources page.
#[component]
pub fn SourcesPage() -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let influencers_tab =
        RwSignal::new(query.with_untracked(|q| q.get("tab").as_deref() == Some("influencers")));
    let refetch = Trigger::new();
    view! {
        <section class="card sources-page">
            <h1>"Data sources"</h1>
            <p class="muted">"Find the creators who already know you: upload your customer lists or connect your Mailchimp and Klaviyo lists, and see who among them is a creator of the network or one of your influencers."</p>
            <div class="tabs" role="tablist">
                <button type="button" role="tab" data-testid="tab-sources" aria-selected=move || (!influencers_tab.get()).to_string()
                    on:click=move |_| influencers_tab.set(false)>"Sources"</button>
                <button type="button" role="tab" data-testid="tab-influencers" aria-selected=move || influencers_tab.get().to_string()
                    on:click=move |_| influencers_tab.set(true)>"Influencers"</button>
            </div>
            {move || match session.team.get() {
                None => view! { <p class="empty">"Choose a team first."</p> }.into_any(),
                Some(team) => if influencers_tab.get() {
                    on_demand(matches_tab(team)).into_any()
                } else {
                    view! {
                        <div class="source-adders">
                            <Upload team=team refetch=refetch/>
                            <ConnectSection team=team refetch=refetch/>
                            <AddByHand team=team refetch=refetch/>
                        </div>
                        <DigestToggle team=team/>
                        <SourceCards team=team refetch=refetch/>
                    }.into_any()
                },
            }}
        </section>
    }
}

/// Uploading a list: name, file, a progress bar, then the report.
#[component]
fn Upload(team: TeamId, refetch: Trigger) -> impl IntoView {
    let name = RwSignal::new("Customers".to_owned());
    let file = RwSignal::new_local(None::<web_sys::File>);
    let sent = RwSignal::new(None::<f64>);
    let error = RwSignal::new(None::<ApiError>);
    let imported = RwSignal::new(None::<CsvImport>);
    let uploading = Action::new_local(Change::run);
    let upload = move || {
        let Some(chosen) = file.get_untracked() else {
            error.set(Some(ApiError::local(
                422,
                "no_file",
                "Choose a CSV file first.",
            )));
            return;
        };
        let list = name.get_untracked();
        error.set(None);
        imported.set(None);
        sent.set(Some(0.0));
        uploading.dispatch_local(Change::new(async move {
            let progress = move |share: f64| {
                sent.try_set(Some(share));
            };
            let result = api::sources::upload_csv(team, &list, chosen, progress).await;
            sent.try_set(None);
            if let Some(done) = report(error, result) {
                imported.try_set(Some(done));
                refetch.notify();
            }
        }));
    };
    view! {
        <section class="upload" data-testid="csv-upload">
            <h2>"Upload a list"</h2>
            <p class="muted">"Any CSV export works (Shopify, Mailchimp, Klaviyo, HubSpot, Excel): the e-mail column is found by itself; columns of Instagram, TikTok or YouTube handles help too. Only keyed fingerprints of the addresses are kept. A list does not update by itself: upload it again under the same name to replace it."</p>
            <form class="inline-form" on:submit=move |ev| { ev.prevent_default(); upload(); }>
                <label>"Name "
                    <input type="text" data-testid="csv-name" maxlength="100" prop:value=name
                        on:input=move |ev| name.set(event_target_value(&ev))/>
                </label>
                <input type="file" accept=".csv,.txt,text/csv" data-testid="csv-file"
                    on:change=move |ev| {
                        let chosen = ev
                            .target()
                            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                            .and_then(|input| input.files())
                            .and_then(|files| files.get(0));
                        file.set(chosen);
                    }/>
                <button type="submit" data-testid="csv-send" disabled=move || uploading.pending().get()>"Upload"</button>
            </form>
            {move || sent.get().map(|share| view! {
                <div class="progress" data-testid="csv-progress">
                    {if share < 1.0 {
                        view! { <progress max="1" value=share.to_string()></progress>" Uploading…" }.into_any()
                    } else {
                        view! { <progress></progress>" Reading and matching…" }.into_any()
                    }}
                </div>
            })}
            <ErrorMessage error=error/>
            {move || imported.get().map(|done| view! { <ImportReport report=done/> })}
        </section>
    }
}

#[component]
fn ImportReport(report: CsvImport) -> impl IntoView {
    let shown = report.first_invalid.len() as u64;
    view! {
        <div class="report" data-testid="csv-report">
            <p>
                <strong>{report.source.name.clone()}</strong>
                {format!(": {} read (e-mail column \u{201c}{}\u{201d}), {}, {}, {} invalid.",
                    plural(report.rows, "row"), report.email_column, plural(report.valid, "address"),
                    plural(report.duplicates, "duplicate"), report.invalid)}
            </p>
            <p data-testid="csv-matches">
                {format!("{} of them are creators or your influencers. ", report.matches)}
                <A href="/sources?tab=influencers">"See who"</A>
            </p>
            {(!report.first_invalid.is_empty()).then(|| view! {
                <details>
                    <summary>{if report.invalid > shown { format!("The first {shown} invalid rows") } else { "The invalid rows".to_owned() }}</summary>
                    <ul data-testid="csv-invalid">
                        {report.first_invalid.into_iter().map(|row| view! {
                            <li>{format!("Line {}: {}", row.line, row.reason)}</li>
                        }).collect_view()}
                    </ul>
                </details>
            })}
        </div>
    }
}

/// Connecting Mailchimp or Klaviyo lists: a button each, opening its dialog.
#[component]
fn ConnectSection(team: TeamId, refetch: Trigger) -> impl IntoView {
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
#[lazy]
fn connect_form(
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

/// "1 row", "2 rows", "3 addresses".
fn plural(count: u64, one: &str) -> String {
    match (count, one.ends_with('s')) {
        (1, _) => format!("1 {one}"),
        (_, true) => format!("{count} {one}es"),
        _ => format!("{count} {one}s"),
    }
}

/// "1 contact", "3 contacts".
fn counted(count: i64, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}

/// What a source is, in words.
fn kind_name(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Csv => "Uploaded list",
        SourceKind::Mailchimp => "Mailchimp",
        SourceKind::Klaviyo => "Klaviyo",
        SourceKind::Instagram => "Instagram",
        SourceKind::Facebook => "Facebook page",
        SourceKind::Manual => "Added by hand",
    }
}

/// A source that is not a provider's list: what it is and where it stands.
fn describe(source: &Source) -> String {
    let state = match (source.state, source.synced_at) {
        (SourceState::Synced, Some(at)) if !source.updates_itself => {
            format!("uploaded {}", at.format("%Y-%m-%d %H:%M"))
        }
        (SourceState::Synced, Some(at)) => format!("synced {}", at.format("%Y-%m-%d %H:%M")),
        (SourceState::Syncing, _) => "syncing…".to_owned(),
        (SourceState::Failed, _) => "failed".to_owned(),
        _ => "never synced".to_owned(),
    };
    format!("{} · {state}", kind_name(source.kind))
}

/// A source's counts: "3 contacts, 1 match, 1 former subscriber".
fn counts(source: &Source) -> String {
    let mut text = format!(
        "{}, {}",
        counted(source.contacts, "contact", "contacts"),
        counted(source.matches, "match", "matches")
    );
    if source.former_subscribers > 0 {
        text.push_str(", ");
        text.push_str(&counted(
            source.former_subscribers,
            "former subscriber",
            "former subscribers",
        ));
    }
    text
}

/// When `at` is, seen from `now`: "just now", "5 minutes ago", "in 3 hours", or beyond a day its
/// local date and time.
fn when(at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let seconds = (at - now).num_seconds();
    // To the nearest minute, and beyond an hour to the nearest hour.
    let minutes = (seconds.abs() + 30) / 60;
    let words = match minutes {
        0 if seconds > 0 => return "in a moment".to_owned(),
        0 => return "just now".to_owned(),
        1..=59 => counted(minutes, "minute", "minutes"),
        60..=1409 => counted((minutes + 30) / 60, "hour", "hours"),
        _ => {
            return at
                .with_timezone(&chrono::Local)
                .format("on %Y-%m-%d at %H:%M")
                .to_string()
        }
    };
    if seconds > 0 {
        format!("in {words}")
    } else {
        format!("{words} ago")
    }
}

/// The schedules a team picks from, in hours, as they read after "Sync every".
const SCHEDULES: [(u32, &str); 6] = [
    (1, "hour"),
    (3, "3 hours"),
    (6, "6 hours"),
    (12, "12 hours"),
    (24, "day"),
    (168, "week"),
];

/// The options of a schedule select, `current` selected (and listed last, if the API set another).
fn schedule_options(current: u32) -> impl IntoView {
    let mut options: Vec<(u32, String)> = SCHEDULES
        .iter()
        .map(|(hours, label)| (*hours, (*label).to_owned()))
        .collect();
    if !SCHEDULES.iter().any(|(hours, _)| *hours == current) {
        options.push((current, counted(i64::from(current), "hour", "hours")));
    }
    options
        .into_iter()
        .map(|(hours, label)| {
            view! { <option value=hours.to_string() selected=hours == current>{label}</option> }
        })
        .collect_view()
}

/// How often the sources are read again while one waits for its first sync or syncs.
const POLL_EVERY: Duration = Duration::from_secs(2);

/// The team's sources, a card each. While one waits for its first sync or syncs, the sources are
/// read again every 2 seconds, so its progress moves and its state turns without a reload. The
/// cards are made again only when a source comes or goes: what is typed or picked in one
/// survives the re-reads.
#[component]
fn SourceCards(team: TeamId, refetch: Trigger) -> impl IntoView {
    let error = RwSignal::new(None::<ApiError>);
    let sources = LocalResource::new(move || {
        refetch.track();
        api::sources::list(team)
    });
    // The last list read: a re-read that fails keeps the cards.
    let list = Memo::new(move |last: Option<&Vec<Source>>| match sources.get() {
        Some(Ok(list)) => list,
        _ => last.cloned().unwrap_or_default(),
    });
    // The cards' sources; none before the first read; why the read failed when there are none.
    let shown = Memo::new(move |_| -> Option<Result<Vec<SourceId>, String>> {
        let ids: Vec<SourceId> = list.with(|l| l.iter().map(|s| s.id).collect());
        if ids.is_empty() {
            sources
                .get()
                .map(|read| read.map(|_| ids).map_err(|failed| failed.message()))
        } else {
            Some(Ok(ids))
        }
    });
    Effect::new(move |_| {
        let busy = list.with(|l| {
            l.iter()
                .any(|s| matches!(s.state, SourceState::New | SourceState::Syncing))
        });
        if busy {
            if let Ok(every) = set_interval_with_handle(move || refetch.notify(), POLL_EVERY) {
                on_cleanup(move || every.clear());
            }
        }
    });
    // Relative times ("5 minutes ago") move on by themselves.
    let clock = Trigger::new();
    if let Ok(tick) = set_interval_with_handle(move || clock.notify(), Duration::from_secs(60)) {
        on_cleanup(move || tick.clear());
    }
    let message = move || {
        let (class, testid, text) = match shown.get() {
            None => ("loading", "sources-loading", "Loading…".to_owned()),
            Some(Err(why)) => ("error", "sources-error", why),
            Some(Ok(ids)) if ids.is_empty() => (
                "empty",
                "sources-empty",
                "No sources yet: upload a list or connect an e-mail list above.".to_owned(),
            ),
            Some(Ok(_)) => return None,
        };
        Some(view! { <p class=class data-testid=testid>{text}</p> })
    };
    view! {
        <ErrorMessage error=error/>
        {message}
        {move || shown.get().and_then(Result::ok).filter(|ids| !ids.is_empty()).map(|ids| view! {
            <ul class="source-cards" data-testid="sources">
                {ids.into_iter().map(|id| view! { <SourceCard id=id list=list clock=clock refetch=refetch error=error/> }).collect_view()}
            </ul>
        })}
    }
}

/// Where a provider's list stands, in words: its status line, and the bar of a running sync
/// (its value and maximum, none when unknown).
struct SyncStatus {
    text: String,
    bar: Option<(Option<String>, Option<String>)>,
}

fn sync_status(source: &Source, now: DateTime<Utc>) -> Option<SyncStatus> {
    let mut bar = None;
    let mut text = match source.state {
        SourceState::New => "Waiting for its first sync".to_owned(),
        SourceState::Syncing => {
            let progress = source.progress.as_ref();
            let total = progress.and_then(|p| p.total);
            bar = Some((
                total.and(progress).map(|p| p.done.to_string()),
                total.map(|t| t.max(1).to_string()),
            ));
            match (progress, total) {
                (Some(p), Some(total)) => format!("{} of {total} contacts read", p.done),
                (Some(p), None) => format!("{} read", counted(p.done, "contact", "contacts")),
                _ => "Syncing…".to_owned(),
            }
        }
        SourceState::Synced => source.synced_at.map_or_else(
            || "Synced".to_owned(),
            |at| format!("Synced {}", when(at, now)),
        ),
        SourceState::Failed => source
            .synced_at
            .map(|at| format!("Last synced {}", when(at, now)))
            .unwrap_or_default(),
    };
    if let Some(at) = source
        .next_sync_at
        .filter(|_| source.state != SourceState::New)
    {
        let at = if at > now {
            when(at, now)
        } else {
            "soon".to_owned()
        };
        if !text.is_empty() {
            text.push_str(". ");
        }
        text.push_str(&format!("Next sync {at}"));
    }
    (!text.is_empty() || bar.is_some()).then_some(SyncStatus { text, bar })
}

/// What changes on a card as the source does: its name, kind, key, state and counts.
fn card_body(source: &Source) -> impl IntoView {
    let provider = ListProvider::parse(source.kind.as_str()).is_some();
    let kind = if provider {
        kind_name(source.kind).to_owned()
    } else {
        describe(source)
    };
    let status = provider.then(|| sync_status(source, Utc::now())).flatten();
    let note = (!source.updates_itself)
        .then_some("Does not update by itself: upload the list again to refresh it.");
    view! {
        <strong data-testid="source-name">{source.name.clone()}</strong>
        <span class="muted">{format!(" · {kind}")}</span>
        {source.key_hint.as_ref().map(|hint| view! {
            <small class="key-hint" data-testid="source-key">{format!("key {hint}")}</small>
        })}
        {source.error.clone().map(|why| view! { <p class="error" role="alert" data-testid="source-error">{why}</p> })}
        {status.map(|status| view! {
            <p class="progress" data-testid="source-status">
                {status.bar.map(|(value, max)| view! { <progress value=value max=max></progress> })}
                {status.text}
            </p>
        })}
        <p data-testid="source-counts">{counts(source)}</p>
        {note.map(|note| view! { <p class="muted">{note}</p> })}
    }
}

#[component]
fn SourceCard(
    id: SourceId,
    list: Memo<Vec<Source>>,
    clock: Trigger,
    refetch: Trigger,
    error: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let source = move || list.with(|l| l.iter().find(|s| s.id == id).cloned());
    let first = list.with_untracked(|l| l.iter().find(|s| s.id == id).cloned());
    let provider = first
        .as_ref()
        .and_then(|s| ListProvider::parse(s.kind.as_str()));
    let every = first
        .as_ref()
        .and_then(|s| s.sync_every_hours)
        .unwrap_or(SYNC_EVERY_HOURS_DEFAULT);
    let state = move || list.with(|l| l.iter().find(|s| s.id == id).map(|s| s.state));
    let confirming = RwSignal::new(false);
    let new_key = RwSignal::new(String::new());
    let changes = Action::new_local(Change::run);
    // Runs a change of this source, then reads the sources again.
    let change = move |work: Pin<Box<dyn Future<Output = Result<(), ApiError>>>>| {
        changes.dispatch_local(Change::new(async move {
            if report(error, work.await).is_some() {
                new_key.try_set(String::new());
            }
            refetch.notify();
        }));
    };
    let sync = move |_| {
        change(Box::pin(async move {
            api::sources::sync_now(id).await.map(drop)
        }))
    };
    let reschedule = move |ev: leptos::ev::Event| {
        if let Ok(sync_every_hours) = event_target_value(&ev).parse::<u32>() {
            let request = SourceUpdate { sync_every_hours };
            change(Box::pin(async move {
                api::sources::update(id, &request).await.map(drop)
            }));
        }
    };
    let save_key = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let key = ProviderKey {
            api_key: new_key.get_untracked().trim().to_owned(),
        };
        if !key.api_key.is_empty() {
            change(Box::pin(async move {
                api::sources::replace_key(id, &key).await.map(drop)
            }));
        }
    };
    let disconnect = move |_| change(Box::pin(api::sources::disconnect(id)));
    let warning = if provider.is_some() {
        "Disconnecting deletes the stored key, this list's contacts and the matches no other source has. Influencers already on boards stay. "
    } else {
        "Disconnecting deletes this source's contacts and its matches. Influencers already on boards stay. "
    };
    view! {
        <li class="source-card" data-testid="source" data-state=move || state().map(SourceState::as_str)>
            {move || {
                clock.track();
                source().map(|s| card_body(&s))
            }}
            {provider.is_some().then(|| view! {
                <form class="inline replace-key" data-testid="source-replace-key" on:submit=save_key
                    hidden=move || state() != Some(SourceState::Failed)>
                    <label>"Replace key"
                        <input type="password" autocomplete="off" spellcheck="false" data-testid="source-new-key"
                            maxlength=API_KEY_MAX.to_string() prop:value=new_key
                            on:input=move |ev| new_key.set(event_target_value(&ev))/>
                    </label>
                    <button type="submit" data-testid="source-save-key" disabled=move || changes.pending().get()>"Save key"</button>
                </form>
                <div class="actions">
                    <button type="button" data-testid="source-sync" on:click=sync
                        disabled=move || changes.pending().get() || state() == Some(SourceState::Syncing)>"Sync now"</button>
                    <label>"Sync every "
                        <select data-testid="source-every" on:change=reschedule>{schedule_options(every)}</select>
                    </label>
                </div>
            })}
            <Show when=move || confirming.get() fallback=move || view! {
                <button type="button" class="link" data-testid="source-disconnect" on:click=move |_| confirming.set(true)>"Disconnect"</button>
            }>
                <p class="notice" data-testid="source-confirm">
                    {warning}
                    <button type="button" class="danger-link" data-testid="source-disconnect-confirm" on:click=disconnect>"Disconnect and delete"</button>" "
                    <button type="button" class="link" on:click=move |_| confirming.set(false)>"Keep it"</button>
                </p>
            </Show>
        </li>
    }
}

/// The profile to put a match on a board by, when it has an account.
fn card_source(found: &SourceMatch) -> Option<CardSource> {
    if let Some(influencer_id) = found.influencer_id {
        return Some(CardSource::Influencer(ByInfluencer { influencer_id }));
    }
    found.accounts.first().map(|account| {
        CardSource::Profile(ByProfile {
            profile: account.handle.clone(),
            platform: Some(account.platform),
        })
    })
}

/// The Influencers tab's code arrives the first time the tab opens (its own chunk of the web app,
/// so the sources load less).
#[lazy]
fn matches_tab(team: TeamId) -> AnyView {
    view! { <MatchesTab team=team/> }.into_any()
}

/// The Influencers tab.
#[component]
fn MatchesTab(team: TeamId) -> impl IntoView {
    let source = RwSignal::new(None::<SourceId>);
    let platform = RwSignal::new(None::<Platform>);
    let followers_min = RwSignal::new(0i64);
    let refetch = Trigger::new();
    let error = RwSignal::new(None::<ApiError>);
    let sources = LocalResource::new(move || api::sources::list(team));
    let boards = LocalResource::new(move || async move {
        api::boards::list_boards(team, &BoardListQuery::default())
            .await
            .map(|page| page.items)
    });
    let found = LocalResource::new(move || {
        refetch.track();
        let chosen = source.get();
        api::sources::matches(team, chosen)
    });
    // The filters on platform and followers apply to what was read.
    let keep = move |list: Vec<SourceMatch>| -> Vec<SourceMatch> {
        list.into_iter()
            .filter(|m| {
                platform.with(|p| p.is_none_or(|p| m.accounts.iter().any(|a| a.platform == p)))
            })
            .filter(|m| m.followers.unwrap_or(0) >= followers_min.get())
            .collect()
    };
    view! {
        <div class="filters inline-form">
            <label>"Source "
                <select data-testid="match-source" on:change=move |ev| source.set(event_target_value(&ev).parse().ok())>
                    <option value="">"All"</option>
                    {move || sources.get().and_then(Result::ok).map(|list| list.into_iter().map(|s| view! {
                        <option value=s.id.to_string()>{s.name}</option>
                    }).collect_view())}
                </select>
            </label>
            <label>"Platform "
                <select data-testid="match-platform" on:change=move |ev| platform.set(Platform::parse(&event_target_value(&ev)))>
                    <option value="">"Any"</option>
                    <option value="instagram">"Instagram"</option>
                    <option value="tiktok">"TikTok"</option>
                    <option value="youtube">"YouTube"</option>
                </select>
            </label>
            <label>"Followers at least "
                <input type="number" min="0" step="1000" data-testid="match-followers" prop:value=move || followers_min.get().to_string()
                    on:input=move |ev| followers_min.set(event_target_value(&ev).parse().unwrap_or(0))/>
            </label>
        </div>
        <ErrorMessage error=error/>
        <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || found.get().map(|result| match result.map(keep) {
                Err(failed) => view! { <p class="error">{failed.message()}</p> }.into_any(),
                Ok(list) if list.is_empty() => view! {
                    <p class="empty" data-testid="matches-empty">"Nobody yet. Upload a list under Sources: creators and influencers among its contacts appear here."</p>
                }.into_any(),
                Ok(list) => {
                    let boards = boards.get().and_then(Result::ok).unwrap_or_default();
                    view! {
                        <ul class="rows" data-testid="matches">
                            {list.into_iter().map(|m| view! { <MatchRow found=m team=team boards=boards.clone() refetch=refetch error=error/> }).collect_view()}
                        </ul>
                    }.into_any()
                }
            })}
        </Transition>
    }
}

#[component]
fn MatchRow(
    found: SourceMatch,
    team: TeamId,
    boards: Vec<rapport_domain::boards::Board>,
    refetch: Trigger,
    error: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let id = found.id;
    let changes = Action::new_local(Change::run);
    let board = RwSignal::new(boards.first().map(|b| b.id));
    let placed = RwSignal::new(None::<String>);
    let invited = RwSignal::new(false);
    let on_board = card_source(&found);
    let can_place = on_board.is_some();
    let name = found.display_name.clone();
    let handle = found
        .influencer_id
        .is_none()
        .then(|| found.accounts.first().map(|a| a.handle.clone()))
        .flatten();
    let add = move |_| {
        let (Some(chosen), Some(item)) = (board.get_untracked(), on_board.clone()) else {
            return;
        };
        let (handle, name) = (handle.clone(), name.clone());
        changes.dispatch_local(Change::new(async move {
            let Some(view) = report(error, api::boards::get_board(chosen).await) else {
                return;
            };
            let Some(column) = view.columns.first().map(|c| c.id) else {
                error.try_set(Some(ApiError::local(
                    422,
                    "no_column",
                    "That board has no column yet.",
                )));
                return;
            };
            let request = AddCards {
                column_id: column,
                items: vec![item],
            };
            let Some(added) = report(error, api::cards::add_cards(chosen, &request).await) else {
                return;
            };
            let result = added.results.into_iter().next();
            if let Some(failed) = result.as_ref().and_then(|r| r.error.clone()) {
                error.try_set(Some(ApiError::local(422, &failed.code, failed.message)));
                return;
            }
            // A creator put on a board becomes one of the team's influencers, first named by
            // their handle: give them their own name.
            if let (Some(influencer), Some(handle)) = (result.and_then(|r| r.influencer_id), handle)
            {
                if let Ok(person) = api::influencers::get_influencer(influencer).await {
                    if person.display_name == handle {
                        let _ = api::sources::name_influencer(influencer, &name).await;
                    }
                }
            }
            placed.try_set(Some(view.name));
        }));
    };
    let creator = found.creator_id;
    let invite = move |_| {
        let Some(creator_id) = creator else { return };
        let request = CreateConnectionInvite {
            creator_id,
            message: None,
        };
        changes.dispatch_local(Change::new(async move {
            if report(error, api::connections::send_invite(team, &request).await).is_some() {
                invited.try_set(true);
            }
        }));
    };
    let dismiss = move |_| {
        changes.dispatch_local(Change::new(async move {
            if report(error, api::sources::dismiss(id).await).is_some() {
                refetch.notify();
            }
        }));
    };
    let kind = if found.influencer_id.is_some() {
        "your influencer"
    } else {
        "network creator"
    };
    view! {
        <li data-testid="match" class="match-row">
            <strong data-testid="match-name">{found.display_name.clone()}</strong>
            <span class="muted">{format!(" · {kind}")}</span>
            <ul class="creator-accounts-list">
                {found.accounts.iter().map(|account| view! {
                    <li>
                        <span class="platform">{platform_icon(account.platform)}</span>" "{account.handle.clone()}
                        {account.followers.map(|f| format!(" · {}", compact(f)))}
                    </li>
                }).collect_view()}
            </ul>
            <p class="muted" data-testid="match-detail">{format!("{} ({}, by {})", found.detail, found.source_name, found.matched_by.as_str())}</p>
            <div class="actions">
                {can_place.then(|| view! {
                    <select data-testid="match-board" aria-label="Board"
                        on:change=move |ev| board.set(event_target_value(&ev).parse::<BoardId>().ok())>
                        {boards.iter().map(|b| view! { <option value=b.id.to_string()>{b.name.clone()}</option> }).collect_view()}
                    </select>
                    <button type="button" data-testid="match-add" on:click=add disabled=move || board.get().is_none()>"Add to board"</button>
                })}
                {creator.is_some().then(|| view! {
                    <button type="button" class="link" data-testid="match-invite" on:click=invite disabled=move || invited.get()>
                        {move || if invited.get() { "Invited" } else { "Invite to connect" }}
                    </button>
                })}
                <button type="button" class="link" data-testid="match-dismiss" on:click=dismiss>"Dismiss"</button>
                {move || placed.get().map(|name| view! { <span class="muted" data-testid="match-placed">{format!(" On {name}.")}</span> })}
            </div>
        </li>
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use chrono::{Duration, TimeZone, Utc};

    use super::*;

    #[test]
    fn times_read_as_people_say_them() {
        let now = Utc
            .with_ymd_and_hms(2026, 3, 1, 12, 0, 0)
            .single()
            .unwrap_or_default();
        assert_eq!(when(now - Duration::seconds(20), now), "just now");
        assert_eq!(when(now + Duration::seconds(20), now), "in a moment");
        assert_eq!(when(now - Duration::minutes(1), now), "1 minute ago");
        assert_eq!(when(now - Duration::minutes(42), now), "42 minutes ago");
        assert_eq!(when(now + Duration::hours(6), now), "in 6 hours");
        assert_eq!(when(now - Duration::minutes(61), now), "1 hour ago");
        assert_eq!(when(now + Duration::minutes(359), now), "in 6 hours");
        assert_eq!(when(now - Duration::seconds(100), now), "2 minutes ago");
        assert!(when(now - Duration::days(3), now).starts_with("on 2026-02-2"));
    }

    #[test]
    fn schedules_read_after_sync_every() {
        let labels: Vec<&str> = SCHEDULES.iter().map(|(_, label)| *label).collect();
        assert_eq!(
            labels,
            ["hour", "3 hours", "6 hours", "12 hours", "day", "week"]
        );
        assert!(SCHEDULES
            .iter()
            .any(|(hours, _)| *hours == SYNC_EVERY_HOURS_DEFAULT));
        assert_eq!(counted(1, "member", "members"), "1 member");
        assert_eq!(counted(0, "match", "matches"), "0 matches");
    }
}
