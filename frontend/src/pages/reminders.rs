//! My reminders: open reminders assigned to me, by due time, each linking to its influencer.

use gloo_net::http::Method;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rapport_domain::page::Page;
use rapport_domain::reminders::{Reminder, UpdateReminder};

use crate::api::{self, ApiError};
use crate::components::errors::ErrorMessage;
use crate::session::use_session;

/// The "My reminders" page.
#[component]
pub fn RemindersPage() -> impl IntoView {
    let session = use_session();
    let version = RwSignal::new(0u32);
    let error = RwSignal::new(None::<ApiError>);
    let reminders = LocalResource::new(move || {
        let team = session.team.get();
        let _ = version.get();
        async move {
            match team {
                Some(team) => api::get::<Page<Reminder>>(
                    session,
                    &format!("/teams/{team}/reminders?mine=true&limit=200"),
                )
                .await
                .map(Some),
                None => Ok(None),
            }
        }
    });
    let done = move |id: String| {
        let update = UpdateReminder {
            done: Some(true),
            ..Default::default()
        };
        spawn_local(async move {
            match api::call::<_, Reminder>(
                session,
                Method::PATCH,
                &format!("/reminders/{id}"),
                Some(&update),
            )
            .await
            {
                Ok(_) => version.update(|v| *v += 1),
                Err(failed) => error.set(Some(failed)),
            }
        });
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
                                    let id = reminder.id.to_string();
                                    let overdue = reminder.due_at < chrono::Utc::now();
                                    view! {
                                        <tr data-testid="my-reminder" class:overdue=overdue>
                                            <td>{reminder.due_at.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M").to_string()}</td>
                                            <td>{reminder.text.clone()}</td>
                                            <td><a href=format!("/influencers/{}", reminder.influencer_id)>{reminder.influencer_name.clone()}</a></td>
                                            <td><button class="link" on:click=move |_| done(id.clone())>"Done"</button></td>
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
