//! The Data sources page's cards, one per source: what it is, its state, its counts and
//! disconnecting; for a Mailchimp or Klaviyo list also its sync, progress, schedule and key.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use rapport_domain::list_providers::{
    ListProvider, ProviderKey, SourceUpdate, API_KEY_MAX, SYNC_EVERY_HOURS_DEFAULT,
};
use rapport_domain::sources::{Source, SourceKind, SourceState};
use rapport_domain::{SourceId, TeamId};

use super::{counted, schedule_options};
use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::errors::{report, ErrorMessage};

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

/// How often the sources are read again while one waits for its first sync or syncs.
const POLL_EVERY: Duration = Duration::from_secs(2);

/// The team's sources, a card each. While one waits for its first sync or syncs, the sources are
/// read again every 2 seconds, so its progress moves and its state turns without a reload. The
/// cards are made again only when a source comes or goes: what is typed or picked in one
/// survives the re-reads.
#[component]
pub(super) fn SourceCards(team: TeamId, refetch: Trigger) -> impl IntoView {
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
}
