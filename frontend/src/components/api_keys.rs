//! The team's API keys (on the Team page, for its owners and admins): the keys with their prefix,
//! access, maker, last use and expiry; a form to make one (name, read only or read and write, an
//! optional last day); the new key's secret shown this once, with "Copy" and a curl line that
//! uses it; "Revoke", confirmed in place.

use std::time::Duration as Every;

use chrono::{DateTime, NaiveDate, Utc};
use leptos::html;
use leptos::prelude::*;
use rapport_domain::api_keys::{ApiKey, ApiKeyScope, CreatedApiKey, NewApiKey, API_KEY_NAME_MAX};
use rapport_domain::TeamId;

use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::clipboard::copy_text;
use crate::components::errors::{report, ErrorMessage};

/// What a scope lets a key do, as the page says it.
fn scope_label(scope: ApiKeyScope) -> &'static str {
    match scope {
        ApiKeyScope::Read => "Read only",
        ApiKeyScope::Write => "Read and write",
    }
}

/// The expiry of a date input's value: none when empty, else the end of that day in UTC
/// (23:59:59), so a key given today's date still works until the day is over.
fn end_of_day(value: &str) -> Result<Option<DateTime<Utc>>, ()> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let day = NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(drop)?;
    let end = day.and_hms_opt(23, 59, 59).ok_or(())?;
    Ok(Some(end.and_utc()))
}

/// A day as people read it, in their time zone: "1 Dec 2026".
fn day(at: DateTime<Utc>) -> String {
    at.with_timezone(&chrono::Local)
        .format("%-d %b %Y")
        .to_string()
}

/// `count` and its noun, singular or plural.
fn counted(count: i64, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// When a key was last used, seen from `now`: "Never used", "just now", "5 minutes ago",
/// "3 hours ago", beyond a day "on 1 Dec 2026".
fn last_used(at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> String {
    let Some(at) = at else {
        return "Never used".to_owned();
    };
    let minutes = (now - at).num_minutes();
    match minutes {
        ..=0 => "just now".to_owned(),
        1..=59 => format!("{} ago", counted(minutes, "minute", "minutes")),
        60..=1439 => format!("{} ago", counted(minutes / 60, "hour", "hours")),
        _ => format!("on {}", day(at)),
    }
}

/// A key's expiry, seen from `now`.
fn expiry(at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> String {
    match at {
        None => "Never (until revoked)".to_owned(),
        Some(at) if at <= now => format!("Expired on {} UTC", at.format("%-d %b %Y, %H:%M")),
        Some(at) => format!("{} UTC", at.format("%-d %b %Y, %H:%M")),
    }
}

/// The API keys section.
#[component]
pub fn ApiKeysSection(team: TeamId) -> impl IntoView {
    let error = RwSignal::new(None::<ApiError>);
    // What just happened, for screen readers and the eye: created, copied, revoked.
    let status = RwSignal::new(String::new());
    let refetch = Trigger::new();
    let keys = LocalResource::new(move || {
        refetch.track();
        api::api_keys::list(team)
    });
    // Relative times ("5 minutes ago") move on by themselves.
    let now = RwSignal::new(Utc::now());
    if let Ok(tick) = set_interval_with_handle(move || now.set(Utc::now()), Every::from_secs(60)) {
        on_cleanup(move || tick.clear());
    }
    let name = RwSignal::new(String::new());
    let scope = RwSignal::new(ApiKeyScope::Read);
    let expires = RwSignal::new(String::new());
    let created = RwSignal::new(None::<CreatedApiKey>);
    let heading = NodeRef::<html::H2>::new();
    let changes = Action::new_local(Change::run);
    let create = move || {
        let Ok(expires_at) = end_of_day(&expires.get_untracked()) else {
            error.set(Some(ApiError::local(
                422,
                "validation_failed",
                "Expires: pick a day, or leave it empty for a key that works until revoked.",
            )));
            return;
        };
        let request = NewApiKey {
            name: name.get_untracked(),
            scope: scope.get_untracked(),
            expires_at,
        };
        created.set(None);
        changes.dispatch_local(Change::new(async move {
            if let Some(key) = report(error, api::api_keys::create(team, &request).await) {
                status.try_set(format!(
                    "Key “{}” created. Copy its secret now: it will not be shown again.",
                    key.key.name
                ));
                name.try_set(String::new());
                scope.try_set(ApiKeyScope::Read);
                expires.try_set(String::new());
                created.try_set(Some(key));
                refetch.notify();
            }
        }));
    };
    let revoked = Callback::new(move |name: String| {
        status.set(format!("Key “{name}” revoked: it no longer works."));
        if let Some(heading) = heading.get_untracked() {
            let _ = heading.focus();
        }
        refetch.notify();
    });
    let done = Callback::new(move |()| {
        created.set(None);
        status.set(String::new());
        if let Some(heading) = heading.get_untracked() {
            let _ = heading.focus();
        }
    });
    let today = Utc::now().date_naive().to_string();
    view! {
        <section class="api-keys" data-testid="api-keys" aria-labelledby="api-keys-heading">
            <h2 id="api-keys-heading" tabindex="-1" node_ref=heading>"API keys"</h2>
            <p class="muted">"For scripts and other software: a key works on this team's boards, influencers and the rest of its API, as "
                <code>"Authorization: Bearer <key>"</code>". What it changes shows in the history as done by the key."</p>
            <p class="sr-only" role="status" data-testid="api-keys-status">{move || status.get()}</p>
            <ErrorMessage error=error/>
            {move || created.get().map(|key| view! { <SecretPanel key=key team=team done=done/> })}
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || keys.get().map(|result| match result {
                    Err(failed) => view! { <p class="error">{failed.message()}</p> }.into_any(),
                    Ok(list) if list.is_empty() => view! {
                        <p class="empty" data-testid="api-keys-empty">"No keys yet."</p>
                    }.into_any(),
                    Ok(list) => view! {
                        <ul class="api-key-list" data-testid="api-key-list">
                            {list.into_iter().map(|key| view! {
                                <KeyRow key=key team=team now=now error=error revoked=revoked/>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Transition>
            <h3>"New key"</h3>
            <form class="api-key-form" data-testid="api-key-form" on:submit=move |ev| { ev.prevent_default(); create(); }>
                <label>"Name"
                    <input data-testid="api-key-name-input" required maxlength=API_KEY_NAME_MAX.to_string() autocomplete="off"
                        placeholder="What it is for: “Zapier”, “Shop sync”"
                        prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
                </label>
                <fieldset>
                    <legend>"Access"</legend>
                    <label class="check">
                        <input type="radio" name="api-key-scope" value="read" data-testid="api-key-scope-read"
                            prop:checked=move || scope.get() == ApiKeyScope::Read
                            on:change=move |_| scope.set(ApiKeyScope::Read)/>
                        "Read only (GET requests)"
                    </label>
                    <label class="check">
                        <input type="radio" name="api-key-scope" value="write" data-testid="api-key-scope-write"
                            prop:checked=move || scope.get() == ApiKeyScope::Write
                            on:change=move |_| scope.set(ApiKeyScope::Write)/>
                        "Read and write (what a member may do)"
                    </label>
                </fieldset>
                <label>"Expires (optional)"
                    <input type="date" data-testid="api-key-expiry" min=today aria-describedby="api-key-expiry-help"
                        prop:value=expires on:input=move |ev| expires.set(event_target_value(&ev))/>
                </label>
                <p id="api-key-expiry-help" class="muted small">
                    "Empty: the key works until it is revoked. With a day: it stops working at the end of that day, 23:59 UTC."
                </p>
                <button type="submit" data-testid="api-key-create" disabled=move || changes.pending().get()>"Create key"</button>
            </form>
        </section>
    }
}

/// A new key's secret, shown this once: "Copy", what to do with it, and "Done".
#[component]
fn SecretPanel(key: CreatedApiKey, team: TeamId, done: Callback<()>) -> impl IntoView {
    let copied = RwSignal::new(None::<bool>);
    let copy_button = NodeRef::<html::Button>::new();
    // The panel takes the focus when it shows: copying the secret is what to do next.
    Effect::new(move |_| {
        if let Some(button) = copy_button.get() {
            let _ = button.focus();
        }
    });
    let origin = window().location().origin().unwrap_or_default();
    let curl = format!(
        "curl -H \"Authorization: Bearer {}\" {origin}/api/v1/teams/{team}/boards",
        key.secret
    );
    let secret = StoredValue::new(key.secret.clone());
    let copy = move |_| {
        let text = secret.get_value();
        leptos::task::spawn_local(async move {
            copied.try_set(Some(copy_text(&text).await));
        });
    };
    view! {
        <div class="notice api-key-secret" data-testid="api-key-secret-panel">
            <p><strong>{format!("Key “{}” created.", key.key.name)}</strong>
                " Copy its secret now and keep it somewhere safe: it will not be shown again."</p>
            <code class="secret" data-testid="api-key-secret">{key.secret.clone()}</code>
            <div class="actions">
                <button type="button" data-testid="api-key-copy" node_ref=copy_button on:click=copy>"Copy"</button>
                <button type="button" class="secondary" data-testid="api-key-done" on:click=move |_| done.run(())>"Done"</button>
            </div>
            <p class="small" role="status" data-testid="api-key-copied">{move || match copied.get() {
                Some(true) => "Copied to the clipboard.",
                Some(false) => "The browser did not let Rapport copy it: select the secret above and copy it yourself.",
                None => "",
            }}</p>
            <p class="small">"Try it:"</p>
            <code class="command" data-testid="api-key-curl">{curl}</code>
        </div>
    }
}

/// One key: what it is, and "Revoke" with its confirmation.
#[component]
fn KeyRow(
    key: ApiKey,
    team: TeamId,
    now: RwSignal<DateTime<Utc>>,
    error: RwSignal<Option<ApiError>>,
    revoked: Callback<String>,
) -> impl IntoView {
    let confirming = RwSignal::new(false);
    // "Keep it" gives the focus back to "Revoke".
    let refocus = RwSignal::new(false);
    let confirm_button = NodeRef::<html::Button>::new();
    let revoke_button = NodeRef::<html::Button>::new();
    // The confirmation takes the focus when it shows, so a keyboard user answers it at once.
    Effect::new(move |_| {
        if let Some(button) = confirm_button.get() {
            let _ = button.focus();
        }
    });
    Effect::new(move |_| {
        if let Some(button) = revoke_button.get() {
            if refocus.get_untracked() {
                refocus.set(false);
                let _ = button.focus();
            }
        }
    });
    let changes = Action::new_local(Change::run);
    let id = key.id;
    let name = StoredValue::new(key.name.clone());
    let revoke = move |_| {
        let name = name.get_value();
        changes.dispatch_local(Change::new(async move {
            if report(error, api::api_keys::revoke(team, id).await).is_some() {
                revoked.run(name);
            }
        }));
    };
    let made = match &key.created_by {
        Some(by) => format!("by {by} on {}", day(key.created_at)),
        None => format!("on {}", day(key.created_at)),
    };
    let used_at = key.last_used_at;
    let expires_at = key.expires_at;
    view! {
        <li class="api-key" data-testid="api-key">
            <div class="api-key-head">
                <strong data-testid="api-key-name">{key.name.clone()}</strong>
                <code data-testid="api-key-prefix" title="The start of its secret">{format!("{}…", key.prefix)}</code>
                <span class="badge" data-testid="api-key-scope">{scope_label(key.scope)}</span>
            </div>
            <dl class="facts">
                <dt>"Created"</dt>
                <dd>{made}</dd>
                <dt>"Last used"</dt>
                <dd data-testid="api-key-last-used">{move || last_used(used_at, now.get())}</dd>
                <dt>"Expires"</dt>
                <dd data-testid="api-key-expires">{move || expiry(expires_at, now.get())}</dd>
            </dl>
            <Show when=move || confirming.get() fallback=move || view! {
                <button type="button" class="danger-link" data-testid="api-key-revoke" node_ref=revoke_button
                    aria-label=format!("Revoke {}", name.get_value()) on:click=move |_| confirming.set(true)>"Revoke"</button>
            }>
                <p class="notice" data-testid="api-key-revoke-confirm">
                    {format!("Revoke “{}”? Whatever uses it stops working at once; this cannot be undone. ", name.get_value())}
                    <button type="button" class="danger-link" data-testid="api-key-revoke-yes" node_ref=confirm_button
                        disabled=move || changes.pending().get() on:click=revoke>"Revoke key"</button>" "
                    <button type="button" class="link" data-testid="api-key-revoke-no"
                        on:click=move |_| { refocus.set(true); confirming.set(false); }>"Keep it"</button>
                </p>
            </Show>
        </li>
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use chrono::{Duration, TimeZone};

    use super::*;

    #[test]
    fn an_expiry_is_the_end_of_its_day_in_utc() {
        assert_eq!(end_of_day(""), Ok(None));
        assert_eq!(
            end_of_day("2026-12-31"),
            Ok(Some(
                Utc.with_ymd_and_hms(2026, 12, 31, 23, 59, 59).unwrap()
            ))
        );
        assert_eq!(end_of_day("31/12/2026"), Err(()));
    }

    #[test]
    fn last_use_reads_as_people_say_it() {
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap();
        assert_eq!(last_used(None, now), "Never used");
        assert_eq!(last_used(Some(now), now), "just now");
        assert_eq!(
            last_used(Some(now - Duration::minutes(1)), now),
            "1 minute ago"
        );
        assert_eq!(
            last_used(Some(now - Duration::minutes(42)), now),
            "42 minutes ago"
        );
        assert_eq!(
            last_used(Some(now - Duration::hours(3)), now),
            "3 hours ago"
        );
    }

    #[test]
    fn an_expiry_says_when_it_passed() {
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap();
        assert_eq!(expiry(None, now), "Never (until revoked)");
        assert_eq!(
            expiry(Some(now + Duration::days(1)), now),
            "2 Dec 2026, 12:00 UTC"
        );
        assert_eq!(
            expiry(Some(now - Duration::days(1)), now),
            "Expired on 30 Nov 2026, 12:00 UTC"
        );
    }
}
