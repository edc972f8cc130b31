//! The team's webhooks (on the Team page, for its owners and admins): the endpoints with their
//! events and whether they work, fail or were turned off; a form to register one (its URL, the
//! events, "All events" in one click); the new endpoint's signing secret shown this once, with
//! "Copy"; per endpoint "Send test event", its deliveries (newest first: the event, the outcome
//! with the answer's HTTP status or what went wrong, the tries, when), refreshed on demand and by
//! themselves while one waits for its first try; and "Delete", confirmed in a dialog.

use std::time::Duration as Every;

use chrono::{DateTime, Duration, Utc};
use leptos::html;
use leptos::prelude::*;
use rapport_domain::webhooks::{
    CreatedWebhook, DeliveryStatus, NewWebhook, Webhook, WebhookDelivery, WebhookEvent,
    DISABLE_AFTER_DAYS, URL_MAX,
};
use rapport_domain::{TeamId, WebhookId};

use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::clipboard::copy_text;
use crate::components::dialog::Dialog;
use crate::components::errors::{report, ErrorMessage};

/// The endpoints as loaded: none before the first answer, else the list or what went wrong.
type Listed = Option<Result<Vec<Webhook>, String>>;

/// What an event means, as the page says it. Every event has its line: a new one does not
/// compile until it is described here.
fn meaning(event: WebhookEvent) -> &'static str {
    match event {
        WebhookEvent::InfluencerCreated => "An influencer was added to the team",
        WebhookEvent::InfluencerUpdated => {
            "An influencer's name, contact, shipping or tags changed"
        }
        WebhookEvent::CardAdded => "An influencer was put on a board",
        WebhookEvent::CardMoved => "A card moved",
        WebhookEvent::CardRemoved => "A card was removed from a board",
        WebhookEvent::ConnectionAccepted => "A creator accepted the team's invitation",
        WebhookEvent::MessageReceived => "A message came to the team (in the app or by e-mail)",
        WebhookEvent::MatchFound => "A creator turned up among the data sources' contacts",
        WebhookEvent::ReminderDue => "A reminder fell due",
        WebhookEvent::WebhookTest => "A test event, sent when asked",
    }
}

/// The events an endpoint may choose, in the domain's order: all but the test event, which an
/// endpoint receives whenever it is asked for one, whatever it chose.
fn choosable() -> impl Iterator<Item = WebhookEvent> {
    WebhookEvent::ALL
        .iter()
        .copied()
        .filter(|event| *event != WebhookEvent::WebhookTest)
}

/// A moment as people read it, in their time zone: "1 Dec 2026, 14:05".
fn moment(at: DateTime<Utc>) -> String {
    at.with_timezone(&chrono::Local)
        .format("%-d %b %Y, %H:%M")
        .to_string()
}

/// A delivery's moment, to the second: "1 Dec, 14:05:09".
fn instant(at: DateTime<Utc>) -> String {
    at.with_timezone(&chrono::Local)
        .format("%-d %b, %H:%M:%S")
        .to_string()
}

/// When a delivery went through, after its event at `created`: the time alone on the same day.
fn delivered(created: DateTime<Utc>, at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&chrono::Local);
    if local.date_naive() == created.with_timezone(&chrono::Local).date_naive() {
        format!("delivered {}", local.format("%H:%M:%S"))
    } else {
        format!("delivered {}", instant(at))
    }
}

/// Where an endpoint stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Health {
    /// Its deliveries go through (or it has had none yet).
    Working,
    /// Its deliveries fail, since when.
    Failing(DateTime<Utc>),
    /// Turned off, when, after failing since when (if known).
    Off(DateTime<Utc>, Option<DateTime<Utc>>),
}

impl Health {
    fn of(webhook: &Webhook) -> Self {
        match (webhook.disabled_at, webhook.failing_since) {
            (Some(off), since) => Self::Off(off, since),
            (None, Some(since)) => Self::Failing(since),
            (None, None) => Self::Working,
        }
    }

    /// Its badge: the word, and the badge's class.
    fn badge(self) -> (&'static str, &'static str) {
        match self {
            Self::Working => ("Active", "badge"),
            Self::Failing(_) => ("Failing", "badge failing"),
            Self::Off(..) => ("Turned off", "badge off"),
        }
    }

    /// What to know and do about it; nothing while it works.
    fn explained(self) -> Option<String> {
        match self {
            Self::Working => None,
            Self::Failing(since) => Some(format!(
                "Its deliveries have failed since {}. If they still fail on {}, it is turned off \
                 and nothing more is sent to it.",
                moment(since),
                moment(since + Duration::days(DISABLE_AFTER_DAYS)),
            )),
            Self::Off(at, since) => Some(format!(
                "Turned off on {}: its deliveries failed for {DISABLE_AFTER_DAYS} days{}. Nothing \
                 is sent to it any more. Once it is fixed, check it with “Send test event”, then \
                 register it again (it gets a new secret) and delete this one.",
                moment(at),
                since.map_or(String::new(), |since| format!(" (since {})", moment(since))),
            )),
        }
    }
}

/// A delivery's outcome: the word, the badge's class, and the answer's HTTP status or what went
/// wrong (with, while it is retried, that it will be).
fn outcome(delivery: &WebhookDelivery) -> (&'static str, &'static str, String) {
    let answer = match (delivery.response_status, &delivery.error) {
        (Some(code), _) => format!("HTTP {code}"),
        (None, Some(error)) => error.clone(),
        (None, None) => String::new(),
    };
    match (delivery.status, delivery.attempts) {
        (DeliveryStatus::Delivered, _) => ("Delivered", "badge", answer),
        (DeliveryStatus::Pending, 0) => (
            "Queued",
            "badge waiting",
            "Waiting for its first try".to_owned(),
        ),
        (DeliveryStatus::Pending, _) => (
            "Retrying",
            "badge failing",
            format!("{answer} · tried again later, after a growing wait"),
        ),
        (DeliveryStatus::Failed, _) => ("Failed", "badge off", answer),
    }
}

/// The message of `error` that belongs to the form's `field` (the URL's refusal belongs to the
/// URL), if any.
fn field_error(error: Option<&ApiError>, field: &str) -> Option<String> {
    let problem = error?.problem.as_ref()?;
    let messages: Vec<&str> = problem
        .errors
        .iter()
        .filter(|found| found.field == field)
        .map(|found| found.message.as_str())
        .collect();
    if !messages.is_empty() {
        return Some(messages.join(" "));
    }
    (field == "url" && problem.code == "webhook_target_refused").then(|| problem.detail.clone())
}

/// What the list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Shape {
    Loading,
    Failed(String),
    Empty,
    Endpoints,
}

/// The webhooks section: its code arrives when the Team page shows it, in its own chunk of the
/// web app, so the page's chunk stays within its budget. Under a `Transition` rather than the
/// app's `on_demand` (a `Suspense`): the section's reloads (its endpoints, a refresh of the
/// deliveries) then leave it on the screen, and the focus where it is, instead of showing
/// "Loading…" in its place each time.
#[component]
pub fn WebhooksSection(team: TeamId) -> impl IntoView {
    view! {
        <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {Suspend::new(webhooks_section(team))}
        </Transition>
    }
}

#[cfg(not(test))]
#[lazy]
fn webhooks_section(team: TeamId) -> AnyView {
    view! { <Webhooks team=team/> }.into_any()
}

/// In unit tests, the same without the split.
#[cfg(test)]
async fn webhooks_section(team: TeamId) -> AnyView {
    view! { <Webhooks team=team/> }.into_any()
}

/// The section itself.
#[component]
fn Webhooks(team: TeamId) -> impl IntoView {
    // What just happened, for screen readers: registered, test sent, deleted.
    let status = RwSignal::new(String::new());
    let refetch = Trigger::new();
    let endpoints = LocalResource::new(move || {
        refetch.track();
        api::webhooks::list(team)
    });
    // The rows are keyed by id and read their state from here, so a reload keeps what is open.
    let listed: Memo<Listed> =
        Memo::new(move |_| endpoints.get().map(|found| found.map_err(|e| e.message())));
    let shape = Memo::new(move |_| {
        listed.with(|found| match found {
            None => Shape::Loading,
            Some(Err(message)) => Shape::Failed(message.clone()),
            Some(Ok(list)) if list.is_empty() => Shape::Empty,
            Some(Ok(_)) => Shape::Endpoints,
        })
    });
    let created = RwSignal::new(None::<CreatedWebhook>);
    let deleting = RwSignal::new(None::<Webhook>);
    let dialog_open = RwSignal::new(false);
    let heading = NodeRef::<html::H2>::new();
    let focus_heading = move || {
        if let Some(heading) = heading.get_untracked() {
            let _ = heading.focus();
        }
    };
    // After a deletion the focus goes to the heading once the row is gone (its button had it).
    let refocus = RwSignal::new(false);
    Effect::new(move |_| {
        listed.track();
        if refocus.get_untracked() {
            refocus.set(false);
            focus_heading();
        }
    });
    let done = Callback::new(move |()| {
        created.set(None);
        status.set(String::new());
        focus_heading();
    });
    let ask_delete = Callback::new(move |webhook: Webhook| {
        deleting.set(Some(webhook));
        dialog_open.set(true);
    });
    let deleted = Callback::new(move |url: String| {
        status.set(format!("Endpoint {url} deleted."));
        refocus.set(true);
        refetch.notify();
    });
    view! {
        <section class="webhooks" data-testid="webhooks" aria-labelledby="webhooks-heading">
            <h2 id="webhooks-heading" tabindex="-1" node_ref=heading>"Webhooks"</h2>
            <p class="muted">"Rapport POSTs what happens in this team to your endpoints as JSON, signed the Standard Webhooks way: check each request's "
                <code>"webhook-signature"</code>" header with the endpoint's secret. A failed delivery is tried again with a growing wait; an endpoint that fails for "
                {DISABLE_AFTER_DAYS}" days is turned off and the team's owners are told."</p>
            <p class="sr-only" role="status" data-testid="webhooks-status">{move || status.get()}</p>
            {move || created.get().map(|made| view! { <SecretPanel created=made done=done/> })}
            {move || match shape.get() {
                Shape::Loading => view! { <p class="loading">"Loading…"</p> }.into_any(),
                Shape::Failed(message) => view! { <p class="error">{message}</p> }.into_any(),
                Shape::Empty => view! {
                    <p class="empty" data-testid="webhooks-empty">"No endpoints yet."</p>
                }.into_any(),
                Shape::Endpoints => view! {
                    <ul class="webhook-list" data-testid="webhook-list">
                        <For
                            each=move || listed.with(|found| match found {
                                Some(Ok(list)) => list.clone(),
                                _ => Vec::new(),
                            })
                            key=|webhook| webhook.id
                            children=move |webhook| view! {
                                <EndpointRow webhook=webhook team=team listed=listed status=status
                                    refetch=refetch ask_delete=ask_delete/>
                            }
                        />
                    </ul>
                }.into_any(),
            }}
            <h3>"New endpoint"</h3>
            <NewEndpoint team=team created=created status=status refetch=refetch/>
            <Dialog open=dialog_open title="Delete endpoint" testid="webhook-delete-dialog">
                {move || deleting.get_untracked().map(|webhook| view! {
                    <DeleteEndpoint webhook=webhook team=team open=dialog_open deleted=deleted/>
                })}
            </Dialog>
        </section>
    }
}

/// The form that registers an endpoint; its errors show at the fields they concern.
#[component]
fn NewEndpoint(
    team: TeamId,
    created: RwSignal<Option<CreatedWebhook>>,
    status: RwSignal<String>,
    refetch: Trigger,
) -> impl IntoView {
    let url = RwSignal::new(String::new());
    let chosen = RwSignal::new(Vec::<WebhookEvent>::new());
    let error = RwSignal::new(None::<ApiError>);
    let changes = Action::new_local(Change::run);
    let every = choosable().count();
    let url_error = move || error.with(|found| field_error(found.as_ref(), "url"));
    let events_error = move || error.with(|found| field_error(found.as_ref(), "events"));
    // What concerns neither field shows above the button.
    let other_error = Signal::derive(move || {
        (url_error().is_none() && events_error().is_none())
            .then(|| error.get())
            .flatten()
    });
    let choose = move |event: WebhookEvent, on: bool| {
        chosen.update(|list| {
            list.retain(|found| *found != event);
            if on {
                list.push(event);
            }
        });
    };
    let submit = move || {
        let request = NewWebhook {
            url: url.get_untracked(),
            events: chosen
                .with_untracked(|list| choosable().filter(|e| list.contains(e)).collect()),
        };
        changes.dispatch_local(Change::new(async move {
            if let Some(made) = report(error, api::webhooks::create(team, &request).await) {
                status.try_set(format!(
                    "Endpoint {} registered. Copy its signing secret now: you won't see it again.",
                    made.webhook.url
                ));
                url.try_set(String::new());
                chosen.try_set(Vec::new());
                created.try_set(Some(made));
                refetch.notify();
            }
        }));
    };
    view! {
        <form class="webhook-form" data-testid="webhook-form" on:submit=move |ev| { ev.prevent_default(); submit(); }>
            <label>"Endpoint URL"
                <input type="url" data-testid="webhook-url-input" required maxlength=URL_MAX.to_string()
                    autocomplete="off" spellcheck="false" placeholder="https://example.com/hooks/rapport"
                    aria-describedby="webhook-url-help webhook-url-error"
                    aria-invalid=move || url_error().is_some().then_some("true")
                    prop:value=url on:input=move |ev| url.set(event_target_value(&ev))/>
            </label>
            <p id="webhook-url-help" class="muted small">
                "Where Rapport POSTs the events: an https:// address this server can reach (http:// is taken too)."
            </p>
            {move || url_error().map(|message| view! {
                <p id="webhook-url-error" class="error" role="alert" data-testid="webhook-url-error">{message}</p>
            })}
            <fieldset aria-describedby="webhook-events-error">
                <legend>"Events"</legend>
                <label class="check all">
                    <input type="checkbox" data-testid="webhook-events-all"
                        prop:checked=move || chosen.with(|list| list.len() == every)
                        prop:indeterminate=move || chosen.with(|list| !list.is_empty() && list.len() < every)
                        on:change=move |ev| chosen.set(if event_target_checked(&ev) { choosable().collect() } else { Vec::new() })/>
                    "All events"
                </label>
                {choosable().map(|event| view! {
                    <label class="check">
                        <input type="checkbox" data-testid="webhook-event" value=event.as_str()
                            prop:checked=move || chosen.with(|list| list.contains(&event))
                            on:change=move |ev| choose(event, event_target_checked(&ev))/>
                        <span><code>{event.as_str()}</code>" "<span class="muted">{meaning(event)}</span></span>
                    </label>
                }).collect_view()}
            </fieldset>
            {move || events_error().map(|message| view! {
                <p id="webhook-events-error" class="error" role="alert" data-testid="webhook-events-error">{message}</p>
            })}
            <p class="muted small">"Every endpoint also receives "<code>"webhook.test"</code>" when you send it a test event."</p>
            <ErrorMessage error=other_error/>
            <button type="submit" data-testid="webhook-create" disabled=move || changes.pending().get()>"Add endpoint"</button>
        </form>
    }
}

/// A new endpoint's signing secret, shown this once: "Copy", what it is for, and "Done".
#[component]
fn SecretPanel(created: CreatedWebhook, done: Callback<()>) -> impl IntoView {
    let copied = RwSignal::new(None::<bool>);
    let copy_button = NodeRef::<html::Button>::new();
    // The panel takes the focus when it shows: copying the secret is what to do next.
    Effect::new(move |_| {
        if let Some(button) = copy_button.get() {
            let _ = button.focus();
        }
    });
    let secret = StoredValue::new(created.secret.clone());
    let copy = move |_| {
        let text = secret.get_value();
        leptos::task::spawn_local(async move {
            copied.try_set(Some(copy_text(&text).await));
        });
    };
    view! {
        <div class="notice webhook-secret" data-testid="webhook-secret-panel" role="region" aria-label="The new endpoint's signing secret">
            <p><strong>"Endpoint registered: "</strong><code>{created.webhook.url.clone()}</code></p>
            <p>"Its signing secret is below. Copy it now and keep it somewhere safe: "
                <strong>"you won't see it again"</strong>". Your endpoint uses it to check each request's "
                <code>"webhook-signature"</code>"."</p>
            <code class="secret" data-testid="webhook-secret">{created.secret.clone()}</code>
            <div class="actions">
                <button type="button" data-testid="webhook-copy" node_ref=copy_button on:click=copy>"Copy"</button>
                <button type="button" class="secondary" data-testid="webhook-done" on:click=move |_| done.run(())>"Done"</button>
            </div>
            <p class="small" role="status" data-testid="webhook-copied">{move || match copied.get() {
                Some(true) => "Copied to the clipboard.",
                Some(false) => "The browser did not let Rapport copy it: select the secret above and copy it yourself.",
                None => "",
            }}</p>
        </div>
    }
}

/// One endpoint: its URL, state and events, "Send test event", its deliveries, and "Delete".
#[component]
fn EndpointRow(
    webhook: Webhook,
    team: TeamId,
    listed: Memo<Listed>,
    status: RwSignal<String>,
    refetch: Trigger,
    ask_delete: Callback<Webhook>,
) -> impl IntoView {
    let id = webhook.id;
    let url = StoredValue::new(webhook.url.clone());
    let first = StoredValue::new(webhook.clone());
    // The endpoint as last loaded (it may start failing, or be turned off).
    let current = Memo::new(move |_| {
        listed
            .with(|found| match found {
                Some(Ok(list)) => list.iter().find(|w| w.id == id).cloned(),
                _ => None,
            })
            .unwrap_or_else(|| first.get_value())
    });
    let health = Memo::new(move |_| current.with(Health::of));
    let showing = RwSignal::new(false);
    let reload = Trigger::new();
    let error = RwSignal::new(None::<ApiError>);
    let changes = Action::new_local(Change::run);
    let send_test = move |_| {
        changes.dispatch_local(Change::new(async move {
            if report(error, api::webhooks::send_test(team, id).await).is_some() {
                if let Some(url) = url.try_get_value() {
                    status.try_set(format!(
                        "Test event sent to {url}: it shows in its deliveries."
                    ));
                }
                showing.try_set(true);
                reload.notify();
            }
        }));
    };
    let panel = format!("webhook-deliveries-{id}");
    view! {
        <li class="webhook" class:off=move || matches!(health.get(), Health::Off(..)) data-testid="webhook">
            <div class="webhook-head">
                <code class="webhook-url" data-testid="webhook-url">{webhook.url.clone()}</code>
                <span class=move || health.get().badge().1 data-testid="webhook-state">{move || health.get().badge().0}</span>
            </div>
            <dl class="facts">
                <dt>"Events"</dt>
                <dd>
                    <ul class="webhook-events" data-testid="webhook-events">
                        {webhook.events.iter().map(|event| view! {
                            <li><code title=meaning(*event)>{event.as_str()}</code></li>
                        }).collect_view()}
                    </ul>
                </dd>
                <dt>"Registered"</dt>
                <dd>{moment(webhook.created_at)}</dd>
            </dl>
            {move || health.get().explained().map(|text| view! {
                <p class="warning" data-testid="webhook-health">{text}</p>
            })}
            <ErrorMessage error=error/>
            <div class="actions">
                <button type="button" class="secondary" data-testid="webhook-test"
                    aria-label=format!("Send a test event to {}", webhook.url)
                    disabled=move || changes.pending().get() on:click=send_test>"Send test event"</button>
                <button type="button" class="secondary" data-testid="webhook-deliveries-toggle"
                    aria-expanded=move || showing.get().to_string() aria-controls=panel.clone()
                    on:click=move |_| showing.update(|open| *open = !*open)>
                    {move || if showing.get() { "Hide deliveries" } else { "Show deliveries" }}
                </button>
                <button type="button" class="danger-link" data-testid="webhook-delete"
                    aria-label=format!("Delete {}", webhook.url)
                    on:click=move |_| ask_delete.run(current.get_untracked())>"Delete"</button>
            </div>
            <div id=panel>
                <Show when=move || showing.get()>
                    <Deliveries team=team id=id reload=reload refetch=refetch/>
                </Show>
            </div>
        </li>
    }
}

/// An endpoint's deliveries, newest first, with "Refresh". While one waits for its first try,
/// they are looked at again every two seconds; then the endpoint's state is too.
#[component]
fn Deliveries(team: TeamId, id: WebhookId, reload: Trigger, refetch: Trigger) -> impl IntoView {
    let found = LocalResource::new(move || {
        reload.track();
        async move {
            api::webhooks::deliveries(team, id)
                .await
                .map(|list| (list, Utc::now()))
        }
    });
    let waited = StoredValue::new(false);
    let look = move || {
        let waiting = found.with_untracked(|found| match found {
            Some(Ok((list, _))) => list
                .iter()
                .any(|d| d.status == DeliveryStatus::Pending && d.attempts == 0),
            _ => false,
        });
        if waiting {
            reload.notify();
        } else if waited.get_value() {
            // A first try just ended: the endpoint may have started failing.
            refetch.notify();
        }
        waited.set_value(waiting);
    };
    if let Ok(tick) = set_interval_with_handle(look, Every::from_secs(2)) {
        on_cleanup(move || tick.clear());
    }
    let refresh = move |_| {
        reload.notify();
        refetch.notify();
    };
    view! {
        <div class="webhook-deliveries" data-testid="webhook-deliveries">
            <div class="webhook-deliveries-head">
                <h3>"Deliveries"</h3>
                <span class="muted small" data-testid="webhook-deliveries-updated">{move || {
                    found.with(|found| match found {
                        Some(Ok((_, at))) => format!("as of {}", at.with_timezone(&chrono::Local).format("%H:%M:%S")),
                        _ => String::new(),
                    })
                }}</span>
                <button type="button" class="secondary" data-testid="webhook-deliveries-refresh" on:click=refresh>"Refresh"</button>
            </div>
            {move || match found.get() {
                None => view! { <p class="loading">"Loading…"</p> }.into_any(),
                Some(Err(failed)) => view! { <p class="error" role="alert">{failed.message()}</p> }.into_any(),
                Some(Ok((list, _))) if list.is_empty() => view! {
                    <p class="empty" data-testid="webhook-deliveries-empty">"None yet: send a test event to try the endpoint."</p>
                }.into_any(),
                Some(Ok((list, _))) => view! {
                    <ol class="webhook-delivery-list" aria-label="Deliveries, newest first">
                        {list.into_iter().map(|delivery| view! { <DeliveryRow delivery=delivery/> }).collect_view()}
                    </ol>
                }.into_any(),
            }}
        </div>
    }
}

/// One delivery: the event, the outcome, the tries, when it happened (and was delivered).
#[component]
fn DeliveryRow(delivery: WebhookDelivery) -> impl IntoView {
    let (word, class, answer) = outcome(&delivery);
    let tries = if delivery.attempts == 1 {
        " try"
    } else {
        " tries"
    };
    view! {
        <li class="webhook-delivery" data-testid="webhook-delivery">
            <code class="event" data-testid="delivery-event">{delivery.event.as_str()}</code>
            <span class="outcome">
                <span class=class data-testid="delivery-status">{word}</span>" "
                <span data-testid="delivery-answer">{answer}</span>
            </span>
            <span class="tries muted"><span data-testid="delivery-attempts">{delivery.attempts}</span>{tries}</span>
            <span class="when muted">
                <time datetime=delivery.created_at.to_rfc3339() data-testid="delivery-time">{instant(delivery.created_at)}</time>
                {delivery.delivered_at.map(|at| format!(" · {}", delivered(delivery.created_at, at)))}
            </span>
        </li>
    }
}

/// The delete dialog's content: what goes with the endpoint, "Cancel" and "Delete endpoint".
#[component]
fn DeleteEndpoint(
    webhook: Webhook,
    team: TeamId,
    open: RwSignal<bool>,
    deleted: Callback<String>,
) -> impl IntoView {
    let error = RwSignal::new(None::<ApiError>);
    let changes = Action::new_local(Change::run);
    let id = webhook.id;
    let url = StoredValue::new(webhook.url.clone());
    let confirm = move |_| {
        let url = url.get_value();
        changes.dispatch_local(Change::new(async move {
            if report(error, api::webhooks::delete(team, id).await).is_some() {
                open.try_set(false);
                deleted.run(url);
            }
        }));
    };
    view! {
        <p>"Delete the endpoint "<code data-testid="webhook-delete-url">{webhook.url.clone()}</code>"?"</p>
        <p class="hint">"It stops receiving events at once, and its deliveries' history goes with it. This cannot be undone."</p>
        <ErrorMessage error=error/>
        <div class="dialog-actions">
            <button type="button" class="secondary" data-testid="webhook-delete-cancel" on:click=move |_| open.set(false)>"Cancel"</button>
            <button type="button" class="danger" data-testid="webhook-delete-confirm"
                disabled=move || changes.pending().get() on:click=confirm>"Delete endpoint"</button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use chrono::TimeZone;
    use rapport_domain::problem::{FieldError, Problem};
    use rapport_domain::WebhookDeliveryId;

    use super::*;

    fn delivery(status: DeliveryStatus, attempts: i32) -> WebhookDelivery {
        WebhookDelivery {
            id: WebhookDeliveryId::from(uuid::Uuid::nil()),
            event: WebhookEvent::CardMoved,
            status,
            attempts,
            response_status: None,
            error: None,
            created_at: Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap(),
            delivered_at: None,
        }
    }

    #[test]
    fn the_test_event_is_not_chosen_but_every_other_is() {
        let events: Vec<_> = choosable().collect();
        assert_eq!(events.len(), WebhookEvent::ALL.len() - 1);
        assert!(!events.contains(&WebhookEvent::WebhookTest));
    }

    #[test]
    fn an_outcome_says_the_answer_or_what_went_wrong() {
        let mut answered = delivery(DeliveryStatus::Delivered, 1);
        answered.response_status = Some(204);
        assert_eq!(
            outcome(&answered),
            ("Delivered", "badge", "HTTP 204".to_owned())
        );
        assert_eq!(outcome(&delivery(DeliveryStatus::Pending, 0)).0, "Queued");
        let mut refused = delivery(DeliveryStatus::Pending, 2);
        refused.response_status = Some(500);
        refused.error = Some("The endpoint answered 500.".to_owned());
        let (word, _, answer) = outcome(&refused);
        assert_eq!(word, "Retrying");
        assert!(answer.starts_with("HTTP 500 · "), "{answer}");
        let mut unreachable = delivery(DeliveryStatus::Failed, 9);
        unreachable.error = Some("The endpoint could not be reached.".to_owned());
        assert_eq!(
            outcome(&unreachable),
            (
                "Failed",
                "badge off",
                "The endpoint could not be reached.".to_owned()
            )
        );
    }

    #[test]
    fn an_endpoint_says_whether_it_works_fails_or_was_turned_off() {
        let since = Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap();
        let mut webhook = Webhook {
            id: WebhookId::from(uuid::Uuid::nil()),
            url: "https://example.com/hooks".to_owned(),
            events: vec![WebhookEvent::CardMoved],
            created_at: since,
            failing_since: None,
            disabled_at: None,
        };
        assert_eq!(Health::of(&webhook), Health::Working);
        assert_eq!(Health::of(&webhook).badge().0, "Active");
        assert_eq!(Health::of(&webhook).explained(), None);
        webhook.failing_since = Some(since);
        assert_eq!(Health::of(&webhook), Health::Failing(since));
        assert_eq!(Health::of(&webhook).badge().0, "Failing");
        let off = since + Duration::days(DISABLE_AFTER_DAYS);
        webhook.disabled_at = Some(off);
        let health = Health::of(&webhook);
        assert_eq!(health, Health::Off(off, Some(since)));
        assert_eq!(health.badge(), ("Turned off", "badge off"));
        let told = health.explained().unwrap_or_default();
        assert!(told.starts_with("Turned off on "), "{told}");
        assert!(told.contains("failed for 3 days (since "), "{told}");
        assert!(told.contains("register it again"), "{told}");
    }

    #[test]
    fn errors_go_to_their_field() {
        let mut problem =
            Problem::new(422, "Unprocessable Entity", "validation_failed", "Invalid.");
        problem.errors.push(FieldError {
            field: "events".to_owned(),
            code: "required".to_owned(),
            message: "Choose at least one event.".to_owned(),
        });
        let invalid = ApiError {
            status: 422,
            problem: Some(problem),
        };
        assert_eq!(field_error(Some(&invalid), "url"), None);
        assert_eq!(
            field_error(Some(&invalid), "events").as_deref(),
            Some("Choose at least one event.")
        );
        let refused = ApiError::local(
            422,
            "webhook_target_refused",
            "It leads to a private address.",
        );
        assert_eq!(
            field_error(Some(&refused), "url").as_deref(),
            Some("It leads to a private address.")
        );
        assert_eq!(field_error(None, "url"), None);
    }
}
