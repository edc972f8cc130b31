//! My reminders: open reminders assigned to me, by due time, each linking to its influencer.

use leptos::prelude::*;
use rapport_domain::reminders::{TeamRemindersQuery, UpdateReminder};
use rapport_domain::ReminderId;

use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::errors::ErrorMessage;
use crate::session::use_session;

/// The "My reminders" page.
#[component]
pub fn RemindersPage() -> impl IntoView {
    let session = use_session();
    let refetch = Trigger::new();
    let error = RwSignal::new(None::<ApiError>);
    let reminders = LocalResource::new(move || {
        let team = session.team.get();
        refetch.track();
        async move {
            let Some(team) = team else { return Ok(None) };
            let mine = TeamRemindersQuery {
                mine: Some(true),
                limit: Some(200),
                ..Default::default()
            };
            api::reminders::list_team_reminders(team, &mine)
                .await
                .map(Some)
        }
    });
    let changes = Action::new_local(Change::run);
    let done = move |id: ReminderId| {
        changes.dispatch_local(Change::new(async move {
            let update = UpdateReminder {
                done: Some(true),
                ..Default::default()
            };
            match api::reminders::update_reminder(id, &update).await {
                Ok(_) => refetch.notify(),
                Err(failed) => error.set(Some(failed)),
            }
        }));
    };
    view! {
        <section>
            <h1>"My reminders"</h1>
            <ErrorMessage error=error/>
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || reminders.get().map(|result| match result {
                    Err(failed) => view! { <p class="error">{failed.message()}</p> }.into_any(),
                    Ok(None) => view! { <p class="loading">"Loading your team…"</p> }.into_any(),
                    Ok(Some(page)) if page.items.is_empty() => view! {
                        <p class="empty" data-testid="reminders-empty">"No open reminders. Add them from an influencer's panel."</p>
                    }.into_any(),
                    Ok(Some(page)) => view! {
                        <table class="list" data-testid="my-reminders">
                            <thead><tr><th>"Due"</th><th>"What"</th><th>"Influencer"</th><th></th></tr></thead>
                            <tbody>
                                {page.items.into_iter().map(|reminder| {
                                    let id = reminder.id;
                                    let overdue = reminder.due_at < chrono::Utc::now();
                                    view! {
                                        <tr data-testid="my-reminder" class:overdue=overdue>
                                            <td>{reminder.due_at.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M").to_string()}</td>
                                            <td>{reminder.text}</td>
                                            <td><a href=format!("/influencers/{}", reminder.influencer_id)>{reminder.influencer_name}</a></td>
                                            <td><button class="link" on:click=move |_| done(id)>"Done"</button></td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}
