//! The Data sources page's cards, one per source: what it is, its state, its counts and
//! disconnecting; for a Mailchimp or Klaviyo list also its sync, progress, schedule and key; for
//! Instagram its account and page, its sync, progress and schedule, the followers a fan needs to
//! count, and logging in with Facebook again; for a Facebook page the page.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use rapport_domain::facebook::{PageConnect, MIN_FOLLOWERS_DEFAULT, MIN_FOLLOWERS_MAX};
use rapport_domain::list_providers::{
    ListProvider, ProviderKey, SourceUpdate, API_KEY_MAX, SYNC_EVERY_HOURS_DEFAULT,
};
use rapport_domain::sources::{Source, SourceKind, SourceState};
use rapport_domain::{SourceId, TeamId};

use super::facebook::LoginButton;
use super::{counted, min_followers, schedule_options, MIN_FOLLOWERS_INVALID};
use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::errors::{report, ErrorMessage};
use crate::format::grouped;

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

/// How a source keeps up to date, which decides what its card offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Upkeep {
    /// Read again on a schedule with a stored API key (Mailchimp, Klaviyo): its sync, and a new
    /// key when the key stops working.
    Key(ListProvider),
    /// Read again on a schedule through a Facebook login (Instagram): its sync, the followers a
    /// fan needs, and logging in again when the login stops working.
    FacebookLogin,
    /// Stored once (an uploaded list, influencers added by hand, a Facebook page).
    Stored,
}

impl Upkeep {
    fn of(kind: SourceKind) -> Self {
        match (ListProvider::parse(kind.as_str()), kind) {
            (Some(provider), _) => Self::Key(provider),
            (None, SourceKind::Instagram) => Self::FacebookLogin,
            _ => Self::Stored,
        }
    }

    /// Whether it syncs on a schedule (and its card shows the sync).
    fn syncs(self) -> bool {
        self != Self::Stored
    }
}

/// What a source's contacts are called: an Instagram source's are the brand's fans.
fn contact_words(kind: SourceKind) -> (&'static str, &'static str) {
    if kind == SourceKind::Instagram {
        ("fan", "fans")
    } else {
        ("contact", "contacts")
    }
}

/// The page a source reads, in words: "@democoffee via page Demo Coffee Co." for Instagram,
/// "Page Demo Coffee Outlet · Retail" for a Facebook page (its category alone when the source is
/// named after the page).
fn page_line(source: &Source) -> Option<String> {
    let page = source.page.as_ref()?;
    match (source.kind, &page.category) {
        (SourceKind::Instagram, _) => Some(match &page.instagram_username {
            Some(username) => format!("@{username} via page {}", page.name),
            None => format!("Via page {}", page.name),
        }),
        (_, category) if page.name == source.name => category.clone(),
        (_, Some(category)) => Some(format!("Page {} · {category}", page.name)),
        (_, None) => Some(format!("Page {}", page.name)),
    }
}

/// An Instagram source's threshold, in words.
fn threshold_line(source: &Source) -> Option<String> {
    (source.kind == SourceKind::Instagram).then(|| {
        let count = source.min_followers.unwrap_or(MIN_FOLLOWERS_DEFAULT);
        format!(
            "Fans with ≥ {} followers count as influencers.",
            grouped(count)
        )
    })
}

/// A source that does not sync on a schedule: what it is and where it stands.
fn describe(source: &Source) -> String {
    if source.kind == SourceKind::Facebook {
        return format!(
            "{} · connected {}",
            kind_name(source.kind),
            source.created_at.format("%Y-%m-%d %H:%M")
        );
    }
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

/// A source's counts: "3 contacts, 1 match, 1 former subscriber" ("5 fans, 2 matches" on
/// Instagram).
fn counts(source: &Source) -> String {
    let (one, many) = contact_words(source.kind);
    let mut text = format!(
        "{}, {}",
        counted(source.contacts, one, many),
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
                "No sources yet: upload a list, or connect an e-mail list or Instagram above."
                    .to_owned(),
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

/// Where a source that syncs stands, in words: its status line, and the bar of a running sync
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
            let (one, many) = contact_words(source.kind);
            match (progress, total) {
                (Some(p), Some(total)) => format!("{} of {total} {many} read", p.done),
                (Some(p), None) => format!("{} read", counted(p.done, one, many)),
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

/// What changes on a card as the source does: its name, kind, page, key, state and counts.
fn card_body(source: &Source) -> impl IntoView {
    let syncs = Upkeep::of(source.kind).syncs();
    let kind = if syncs {
        kind_name(source.kind).to_owned()
    } else {
        describe(source)
    };
    let status = syncs.then(|| sync_status(source, Utc::now())).flatten();
    let note = match source.kind {
        SourceKind::Facebook => Some("Stored; Facebook does not list a page's fans."),
        _ if !source.updates_itself => {
            Some("Does not update by itself: upload the list again to refresh it.")
        }
        _ => None,
    };
    // A Facebook page has no contacts to count.
    let counted = (source.kind != SourceKind::Facebook).then(|| counts(source));
    view! {
        <strong data-testid="source-name">{source.name.clone()}</strong>
        <span class="muted">{format!(" · {kind}")}</span>
        {page_line(source).map(|line| view! { <p data-testid="source-page">{line}</p> })}
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
        {counted.map(|text| view! { <p data-testid="source-counts">{text}</p> })}
        {threshold_line(source).map(|line| view! { <p class="muted" data-testid="source-threshold">{line}</p> })}
        {note.map(|note| view! { <p class="muted" data-testid="source-note">{note}</p> })}
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
    let kind = first.as_ref().map(|s| s.kind);
    let upkeep = kind.map_or(Upkeep::Stored, Upkeep::of);
    let team = first.as_ref().map(|s| s.team_id);
    let every = first
        .as_ref()
        .and_then(|s| s.sync_every_hours)
        .unwrap_or(SYNC_EVERY_HOURS_DEFAULT);
    let state = move || list.with(|l| l.iter().find(|s| s.id == id).map(|s| s.state));
    let confirming = RwSignal::new(false);
    let new_key = RwSignal::new(String::new());
    let threshold = RwSignal::new(
        first
            .as_ref()
            .and_then(|s| s.min_followers)
            .unwrap_or(MIN_FOLLOWERS_DEFAULT)
            .to_string(),
    );
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
            let request = SourceUpdate {
                sync_every_hours: Some(sync_every_hours),
                ..SourceUpdate::default()
            };
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
    let save_threshold = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(count) = min_followers(&threshold.get_untracked()) else {
            error.set(Some(ApiError::local(
                422,
                "validation_failed",
                MIN_FOLLOWERS_INVALID,
            )));
            return;
        };
        let request = SourceUpdate {
            min_followers: Some(count),
            ..SourceUpdate::default()
        };
        change(Box::pin(async move {
            api::sources::update(id, &request).await.map(drop)
        }));
    };
    let disconnect = move |_| change(Box::pin(api::sources::disconnect(id)));
    let warning = match (upkeep, kind) {
        (Upkeep::Key(_), _) => "Disconnecting deletes the stored key, this list's contacts and the matches no other source has. Influencers already on boards stay. ",
        (Upkeep::FacebookLogin, _) => "Disconnecting deletes the stored Facebook login, the fans read and the matches no other source has. Influencers already on boards stay. ",
        (Upkeep::Stored, Some(SourceKind::Facebook)) => "Disconnecting deletes the stored page and its Facebook login. ",
        (Upkeep::Stored, _) => "Disconnecting deletes this source's contacts and its matches. Influencers already on boards stay. ",
    };
    view! {
        <li class="source-card" data-testid="source" data-state=move || state().map(SourceState::as_str)>
            {move || {
                clock.track();
                source().map(|s| card_body(&s))
            }}
            {matches!(upkeep, Upkeep::Key(_)).then(|| view! {
                <form class="inline replace-key" data-testid="source-replace-key" on:submit=save_key
                    hidden=move || state() != Some(SourceState::Failed)>
                    <label>"Replace key"
                        <input type="password" autocomplete="off" spellcheck="false" data-testid="source-new-key"
                            maxlength=API_KEY_MAX.to_string() prop:value=new_key
                            on:input=move |ev| new_key.set(event_target_value(&ev))/>
                    </label>
                    <button type="submit" data-testid="source-save-key" disabled=move || changes.pending().get()>"Save key"</button>
                </form>
            })}
            {team.filter(|_| upkeep == Upkeep::FacebookLogin).map(|team| view! {
                <Show when=move || state() == Some(SourceState::Failed)>
                    <div class="actions" data-testid="source-reconnect-row">
                        <LoginButton team=team connect=PageConnect::Instagram error=error
                            label="Reconnect with Facebook" testid="source-reconnect"/>
                    </div>
                </Show>
            })}
            {upkeep.syncs().then(|| view! {
                <div class="actions">
                    <button type="button" data-testid="source-sync" on:click=sync
                        disabled=move || changes.pending().get() || state() == Some(SourceState::Syncing)>"Sync now"</button>
                    <label>"Sync every "
                        <select data-testid="source-every" on:change=reschedule>{schedule_options(every)}</select>
                    </label>
                </div>
            })}
            {(upkeep == Upkeep::FacebookLogin).then(|| view! {
                <form class="actions threshold" data-testid="source-threshold-form" on:submit=save_threshold>
                    <label>"Count fans with at least "
                        <input type="number" min="0" max=MIN_FOLLOWERS_MAX.to_string() step="1" data-testid="source-min-followers"
                            prop:value=threshold on:input=move |ev| threshold.set(event_target_value(&ev))/>
                        " followers"
                    </label>
                    <button type="submit" data-testid="source-save-min-followers" disabled=move || changes.pending().get()>"Save"</button>
                </form>
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
    use rapport_domain::facebook::ConnectedPage;

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

    fn source(kind: SourceKind, page: Option<ConnectedPage>) -> Source {
        Source {
            id: SourceId(uuid::Uuid::nil()),
            team_id: TeamId(uuid::Uuid::nil()),
            kind,
            name: "Demo Coffee Co.".to_owned(),
            state: SourceState::Synced,
            error: None,
            contacts: 3,
            matches: 2,
            former_subscribers: 0,
            updates_itself: kind != SourceKind::Csv,
            synced_at: None,
            list_id: None,
            key_hint: None,
            sync_every_hours: None,
            next_sync_at: None,
            progress: None,
            page,
            min_followers: None,
            created_at: Utc
                .with_ymd_and_hms(2026, 11, 30, 9, 5, 0)
                .single()
                .unwrap_or_default(),
        }
    }

    fn page(username: Option<&str>, category: Option<&str>) -> ConnectedPage {
        ConnectedPage {
            id: "104000000000001".to_owned(),
            name: "Demo Coffee Co.".to_owned(),
            category: category.map(str::to_owned),
            instagram_account_id: username.map(|_| "17841400000000001".to_owned()),
            instagram_username: username.map(str::to_owned),
        }
    }

    #[test]
    fn each_kind_keeps_up_its_own_way() {
        assert_eq!(
            Upkeep::of(SourceKind::Mailchimp),
            Upkeep::Key(ListProvider::Mailchimp)
        );
        assert_eq!(Upkeep::of(SourceKind::Instagram), Upkeep::FacebookLogin);
        for kind in [SourceKind::Csv, SourceKind::Manual, SourceKind::Facebook] {
            assert!(!Upkeep::of(kind).syncs());
        }
    }

    #[test]
    fn instagram_and_facebook_cards_read_their_page() {
        let mut instagram = source(SourceKind::Instagram, Some(page(Some("democoffee"), None)));
        assert_eq!(
            page_line(&instagram).as_deref(),
            Some("@democoffee via page Demo Coffee Co.")
        );
        assert_eq!(counts(&instagram), "3 fans, 2 matches");
        assert_eq!(
            threshold_line(&instagram).as_deref(),
            Some("Fans with ≥ 1,000 followers count as influencers.")
        );
        instagram.min_followers = Some(25_000);
        assert_eq!(
            threshold_line(&instagram).as_deref(),
            Some("Fans with ≥ 25,000 followers count as influencers.")
        );
        instagram.page = Some(page(None, None));
        assert_eq!(
            page_line(&instagram).as_deref(),
            Some("Via page Demo Coffee Co.")
        );
        let mut facebook = source(SourceKind::Facebook, Some(page(None, Some("Coffee Shop"))));
        assert_eq!(page_line(&facebook).as_deref(), Some("Coffee Shop"));
        facebook.name = "Our page".to_owned();
        assert_eq!(
            page_line(&facebook).as_deref(),
            Some("Page Demo Coffee Co. · Coffee Shop")
        );
        assert_eq!(threshold_line(&facebook), None);
        assert_eq!(
            describe(&facebook),
            "Facebook page · connected 2026-11-30 09:05"
        );
        let list = source(SourceKind::Csv, None);
        assert_eq!(page_line(&list), None);
        assert_eq!(counts(&list), "3 contacts, 2 matches");
    }
}
