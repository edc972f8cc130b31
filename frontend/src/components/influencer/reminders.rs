//! The influencer's reminders: add one (what, when), tick one off.

use leptos::prelude::*;
use rapport_domain::page::TimePageQuery;
use rapport_domain::reminders::{CreateReminder, UpdateReminder};
use rapport_domain::{InfluencerId, ReminderId};

use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::errors::report;
use crate::contexts::influencer::use_influencer;

/// When a `datetime-local` input's value is due, in UTC (read in the browser's time zone).
fn due_at(local: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    let local = chrono::NaiveDateTime::parse_from_str(local, "%Y-%m-%dT%H:%M").ok()?;
    Some(
        local
            .and_local_timezone(chrono::Local)
            .single()
            .map_or_else(|| local.and_utc(), |t| t.with_timezone(&chrono::Utc)),
    )
}

/// The reminders of `influencer`, by due time, and the form adding one.
#[component]
pub fn Reminders(influencer: InfluencerId) -> impl IntoView {
    let error = use_influencer().error;
    let refetch = Trigger::new();
    let reminders = LocalResource::new(move || {
        refetch.track();
        async move { api::reminders::list_reminders(influencer, &TimePageQuery::default()).await }
    });
    let text = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let changes = Action::new_local(Change::run);
    let set_done = move |id: ReminderId, done: bool| {
        let update = UpdateReminder {
            done: Some(done),
            ..Default::default()
        };
        changes.dispatch_local(Change::new(async move {
            match api::reminders::update_reminder(id, &update).await {
                Ok(_) => refetch.notify(),
                Err(failed) => error.set(Some(failed)),
            }
        }));
    };
    let submit = move || {
        let Some(due_at) = due_at(&due.get_untracked()) else {
            error.set(Some(ApiError::local(
                0,
                "invalid",
                "Choose when the reminder is due.",
            )));
            return;
        };
        let request = CreateReminder {
            text: text.get_untracked(),
            due_at,
            assignee_id: None,
        };
        changes.dispatch_local(Change::new(async move {
            let created = api::reminders::create_reminder(influencer, &request).await;
            if report(error, created).is_some() {
                text.set(String::new());
                refetch.notify();
            }
        }));
    };
    view! {
        <section data-testid="panel-reminders">
            <h3>"Reminders"</h3>
            <form class="inline" on:submit=move |ev| { ev.prevent_default(); submit(); }>
                <input data-testid="reminder-text" placeholder="What to do" prop:value=text on:input=move |ev| text.set(event_target_value(&ev))/>
                <input data-testid="reminder-due" type="datetime-local" prop:value=due on:input=move |ev| due.set(event_target_value(&ev))/>
                <button type="submit" data-testid="reminder-add">"Add reminder"</button>
            </form>
            <ul class="posts">
                {move || reminders.get().map(|result| match result {
                    Err(failed) => view! { <li class="error">{failed.message()}</li> }.into_any(),
                    Ok(page) if page.items.is_empty() => view! { <li class="empty">"No reminders."</li> }.into_any(),
                    Ok(page) => page.items.into_iter().map(|reminder| {
                        let id = reminder.id;
                        let done = reminder.done_at.is_some();
                        view! {
                            <li data-testid="reminder-item" class:done=done>
                                <label class="check">
                                    <input type="checkbox" prop:checked=done data-testid="reminder-done"
                                        on:change=move |_| set_done(id, !done)/>
                                    {reminder.text}
                                </label>
                                <span class="muted">{reminder.due_at.with_timezone(&chrono::Local).format(" due %Y-%m-%d %H:%M").to_string()}</span>
                            </li>
                        }
                    }).collect_view().into_any(),
                })}
            </ul>
        </section>
    }
}
