//! The influencer panel: accounts and stats, contact and shipping details, the card's labels,
//! notes, reminders, team comments and the history. Everything is the influencer's, so it is the
//! same on every board.

use gloo_net::http::Method;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rapport_domain::activity::Activity;
use rapport_domain::boards::{Card, Label};
use rapport_domain::influencers::{Influencer, ShippingAddress, UpdateInfluencer};
use rapport_domain::notes::{Comment, CreateReminder, Note, Reminder, UpdateReminder, WriteBody};
use rapport_domain::page::Page;
use rapport_domain::{CardId, InfluencerId};

use crate::api::{self, ApiError};
use crate::components::errors::ErrorMessage;
use crate::pages::board::compact;
use crate::session::use_session;

/// The panel of the influencer on `card` (of `board`).
#[component]
pub fn InfluencerPanel(
    card: CardId,
    board: String,
    /// Bumped after changes the board shows (name, labels).
    changed: RwSignal<u32>,
    on_close: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let version = RwSignal::new(0u32);
    let error = RwSignal::new(None::<ApiError>);
    let card_data = LocalResource::new(move || {
        let _ = version.get();
        let board = board.clone();
        async move {
            let card = api::get::<Card>(session, &format!("/cards/{card}")).await?;
            let labels =
                api::get::<Vec<Label>>(session, &format!("/boards/{board}/labels")).await?;
            Ok::<_, ApiError>((card, labels))
        }
    });
    view! {
        <aside class="panel" data-testid="panel" aria-label="Influencer">
            <button class="link close" data-testid="panel-close" on:click=move |_| on_close.run(())>"Close"</button>
            <ErrorMessage error=error/>
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || card_data.get().map(|result| match result {
                    Err(failed) => view! { <p class="error">{failed.message()}</p> }.into_any(),
                    Ok((card_now, labels)) => view! {
                        <PanelBody card=card_now labels=labels version=version changed=changed error=error/>
                    }.into_any(),
                })}
            </Transition>
        </aside>
    }
}

#[component]
fn PanelBody(
    card: Card,
    labels: Vec<Label>,
    version: RwSignal<u32>,
    changed: RwSignal<u32>,
    error: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let session = use_session();
    let influencer_id = card.influencer_id;
    let influencer = LocalResource::new(move || {
        let _ = version.get();
        async move { api::get::<Influencer>(session, &format!("/influencers/{influencer_id}")).await }
    });
    let applied = card.label_ids.clone();
    let card_id = card.id;
    let toggle_label = move |label: rapport_domain::LabelId, on: bool| {
        spawn_local(async move {
            let method = if on { Method::PUT } else { Method::DELETE };
            match api::call::<(), Card>(
                session,
                method,
                &format!("/cards/{card_id}/labels/{label}"),
                None,
            )
            .await
            {
                Ok(_) => {
                    version.update(|v| *v += 1);
                    changed.update(|v| *v += 1);
                }
                Err(failed) => error.set(Some(failed)),
            }
        });
    };
    view! {
        <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || influencer.get().map(|result| match result {
                Err(failed) => view! { <p class="error">{failed.message()}</p> }.into_any(),
                Ok(person) => view! { <Details person=person version=version changed=changed error=error/> }.into_any(),
            })}
        </Transition>
        <section>
            <h3>"Labels"</h3>
            <div class="chips" data-testid="panel-labels">
                {labels.into_iter().map(|label| {
                    let on = applied.contains(&label.id);
                    let id = label.id;
                    view! {
                        <button
                            class="chip toggle"
                            class:off=!on
                            style=format!("background:{}", label.color)
                            aria-pressed=on.to_string()
                            data-testid="label-toggle"
                            on:click=move |_| toggle_label(id, !on)
                        >{label.name.clone()}</button>
                    }
                }).collect_view()}
            </div>
        </section>
        <Posts influencer=influencer_id kind="notes" title="Notes" error=error/>
        <Reminders influencer=influencer_id error=error/>
        <Posts influencer=influencer_id kind="comments" title="Team comments" error=error/>
        <History influencer=influencer_id version=version/>
    }
}

#[component]
pub fn Details(
    person: Influencer,
    version: RwSignal<u32>,
    changed: RwSignal<u32>,
    error: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let session = use_session();
    let id = person.id;
    let name = RwSignal::new(person.display_name.clone());
    let email = RwSignal::new(person.email.clone().unwrap_or_default());
    let phone = RwSignal::new(person.phone.clone().unwrap_or_default());
    let address = person.shipping_address.clone();
    let city = RwSignal::new(address.city.clone().unwrap_or_default());
    let line1 = RwSignal::new(address.line1.clone().unwrap_or_default());
    let postal = RwSignal::new(address.postal_code.clone().unwrap_or_default());
    let country = RwSignal::new(address.country.clone().unwrap_or_default());
    let save = move |_| {
        let blank = |s: String| (!s.trim().is_empty()).then_some(s);
        let update = UpdateInfluencer {
            display_name: Some(name.get_untracked()),
            email: Some(blank(email.get_untracked())),
            phone: Some(blank(phone.get_untracked())),
            shipping_address: Some(ShippingAddress {
                line1: blank(line1.get_untracked()),
                city: blank(city.get_untracked()),
                postal_code: blank(postal.get_untracked()),
                country: blank(country.get_untracked().to_uppercase()),
                ..address.clone()
            }),
            tags: None,
        };
        spawn_local(async move {
            match api::call::<_, Influencer>(
                session,
                Method::PATCH,
                &format!("/influencers/{id}"),
                Some(&update),
            )
            .await
            {
                Ok(_) => {
                    error.set(None);
                    version.update(|v| *v += 1);
                    changed.update(|v| *v += 1);
                }
                Err(failed) => error.set(Some(failed)),
            }
        });
    };
    view! {
        <section>
            <h2 data-testid="panel-name">{person.display_name.clone()}</h2>
            <ul class="accounts big">
                {person.accounts.iter().map(|account| view! {
                    <li>
                        <a href=account.url.clone() target="_blank" rel="noopener">{format!("{} {}", account.platform.label(), account.handle)}</a>
                        {match (account.followers, account.engagement_rate) {
                            (Some(f), Some(e)) => format!(" · {} followers · {:.1}% engagement", compact(f), e * 100.0),
                            (Some(f), None) => format!(" · {} followers", compact(f)),
                            _ => " · stats unknown until an integration reads them".to_owned(),
                        }}
                    </li>
                }).collect_view()}
            </ul>
            <form class="grid" on:submit=move |ev| { ev.prevent_default(); save(()); }>
                <label>"Name"<input data-testid="edit-name" prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/></label>
                <label>"E-mail"<input data-testid="edit-email" type="email" prop:value=email on:input=move |ev| email.set(event_target_value(&ev))/></label>
                <label>"Phone"<input data-testid="edit-phone" prop:value=phone on:input=move |ev| phone.set(event_target_value(&ev))/></label>
                <label>"Street"<input data-testid="edit-line1" prop:value=line1 on:input=move |ev| line1.set(event_target_value(&ev))/></label>
                <label>"City"<input data-testid="edit-city" prop:value=city on:input=move |ev| city.set(event_target_value(&ev))/></label>
                <label>"Postal code"<input data-testid="edit-postal" prop:value=postal on:input=move |ev| postal.set(event_target_value(&ev))/></label>
                <label>"Country (ISO code)"<input data-testid="edit-country" maxlength="2" prop:value=country on:input=move |ev| country.set(event_target_value(&ev))/></label>
                <button type="submit" data-testid="edit-save">"Save details"</button>
            </form>
        </section>
    }
}

/// Notes or team comments (the same shape; `kind` is the path segment).
#[component]
pub fn Posts(
    influencer: InfluencerId,
    kind: &'static str,
    title: &'static str,
    error: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let session = use_session();
    let version = RwSignal::new(0u32);
    let posts = LocalResource::new(move || {
        let _ = version.get();
        async move {
            api::get::<Page<Note>>(session, &format!("/influencers/{influencer}/{kind}")).await
        }
    });
    let text = RwSignal::new(String::new());
    let add = move |_| {
        let body = WriteBody {
            body: text.get_untracked(),
        };
        spawn_local(async move {
            match api::call::<_, Comment>(
                session,
                Method::POST,
                &format!("/influencers/{influencer}/{kind}"),
                Some(&body),
            )
            .await
            {
                Ok(_) => {
                    text.set(String::new());
                    error.set(None);
                    version.update(|v| *v += 1);
                }
                Err(failed) => error.set(Some(failed)),
            }
        });
    };
    let save = move |id: String, body: String| {
        spawn_local(async move {
            match api::call::<_, Comment>(
                session,
                Method::PATCH,
                &format!("/{kind}/{id}"),
                Some(&WriteBody { body }),
            )
            .await
            {
                Ok(_) => {
                    error.set(None);
                    version.update(|v| *v += 1);
                }
                Err(failed) => error.set(Some(failed)),
            }
        });
    };
    let remove = move |id: String| {
        spawn_local(async move {
            match api::call::<(), ()>(session, Method::DELETE, &format!("/{kind}/{id}"), None).await
            {
                Ok(()) => version.update(|v| *v += 1),
                Err(failed) => error.set(Some(failed)),
            }
        });
    };
    view! {
        <section data-testid=format!("panel-{kind}")>
            <h3>{title}</h3>
            <form on:submit=move |ev| { ev.prevent_default(); add(()); }>
                <textarea rows="2" data-testid=format!("{kind}-input") prop:value=text
                    on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <button type="submit" data-testid=format!("{kind}-add")>"Add"</button>
            </form>
            <ul class="posts">
                {move || posts.get().map(|result| match result {
                    Err(failed) => view! { <li class="error">{failed.message()}</li> }.into_any(),
                    Ok(page) if page.items.is_empty() => view! { <li class="empty">"Nothing yet."</li> }.into_any(),
                    Ok(page) => page.items.into_iter().map(|post| {
                        let id = post.id.to_string();
                        let edit_id = id.clone();
                        let editing = RwSignal::new(false);
                        let draft = RwSignal::new(post.body.clone());
                        let mine = session.stored.get_untracked().is_some_and(|s| s.user.id == post.author_id);
                        view! {
                            <li data-testid=format!("{kind}-item")>
                                <Show when=move || editing.get() fallback={
                                    let body = post.body.clone();
                                    move || view! { <p class="post-body">{body.clone()}</p> }
                                }>
                                    <form on:submit={
                                        let edit_id = edit_id.clone();
                                        move |ev| { ev.prevent_default(); save(edit_id.clone(), draft.get_untracked()); }
                                    }>
                                        <textarea rows="2" data-testid=format!("{kind}-edit") prop:value=draft
                                            on:input=move |ev| draft.set(event_target_value(&ev))></textarea>
                                        <button type="submit" data-testid=format!("{kind}-save")>"Save"</button>
                                    </form>
                                </Show>
                                <span class="muted">{format!("{} · {}", post.author_name, post.created_at.format("%Y-%m-%d %H:%M"))}</span>
                                {mine.then(|| view! { " "<button class="link" data-testid=format!("{kind}-edit-open") on:click=move |_| editing.set(true)>"Edit"</button> })}
                                " "<button class="link" on:click=move |_| remove(id.clone())>"Delete"</button>
                            </li>
                        }
                    }).collect_view().into_any(),
                })}
            </ul>
        </section>
    }
}

#[component]
pub fn Reminders(influencer: InfluencerId, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let session = use_session();
    let version = RwSignal::new(0u32);
    let reminders = LocalResource::new(move || {
        let _ = version.get();
        async move {
            api::get::<Page<Reminder>>(session, &format!("/influencers/{influencer}/reminders"))
                .await
        }
    });
    let text = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let add = move |_| {
        let Ok(local) =
            chrono::NaiveDateTime::parse_from_str(&due.get_untracked(), "%Y-%m-%dT%H:%M")
        else {
            error.set(Some(ApiError {
                status: 0,
                problem: Some(rapport_domain::Problem::new(
                    0,
                    "Invalid",
                    "invalid",
                    "Choose when the reminder is due.",
                )),
            }));
            return;
        };
        let due_at = local
            .and_local_timezone(chrono::Local)
            .single()
            .map_or_else(|| local.and_utc(), |t| t.with_timezone(&chrono::Utc));
        let request = CreateReminder {
            text: text.get_untracked(),
            due_at,
            assignee_id: None,
        };
        spawn_local(async move {
            match api::call::<_, Reminder>(
                session,
                Method::POST,
                &format!("/influencers/{influencer}/reminders"),
                Some(&request),
            )
            .await
            {
                Ok(_) => {
                    text.set(String::new());
                    error.set(None);
                    version.update(|v| *v += 1);
                }
                Err(failed) => error.set(Some(failed)),
            }
        });
    };
    let set_done = move |id: String, done: bool| {
        let update = UpdateReminder {
            done: Some(done),
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
        <section data-testid="panel-reminders">
            <h3>"Reminders"</h3>
            <form class="inline" on:submit=move |ev| { ev.prevent_default(); add(()); }>
                <input data-testid="reminder-text" placeholder="What to do" prop:value=text on:input=move |ev| text.set(event_target_value(&ev))/>
                <input data-testid="reminder-due" type="datetime-local" prop:value=due on:input=move |ev| due.set(event_target_value(&ev))/>
                <button type="submit" data-testid="reminder-add">"Add reminder"</button>
            </form>
            <ul class="posts">
                {move || reminders.get().map(|result| match result {
                    Err(failed) => view! { <li class="error">{failed.message()}</li> }.into_any(),
                    Ok(page) if page.items.is_empty() => view! { <li class="empty">"No reminders."</li> }.into_any(),
                    Ok(page) => page.items.into_iter().map(|reminder| {
                        let id = reminder.id.to_string();
                        let done = reminder.done_at.is_some();
                        view! {
                            <li data-testid="reminder-item" class:done=done>
                                <label class="check">
                                    <input type="checkbox" prop:checked=done data-testid="reminder-done"
                                        on:change=move |_| set_done(id.clone(), !done)/>
                                    {reminder.text.clone()}
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

#[component]
pub fn History(influencer: InfluencerId, version: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let history = LocalResource::new(move || {
        let _ = version.get();
        async move {
            api::get::<Page<Activity>>(
                session,
                &format!("/influencers/{influencer}/activity?limit=30"),
            )
            .await
        }
    });
    view! {
        <section>
            <h3>"History"</h3>
            <ul class="history">
                {move || history.get().map(|result| match result {
                    Err(failed) => view! { <li class="error">{failed.message()}</li> }.into_any(),
                    Ok(page) => page.items.into_iter().map(|entry| view! {
                        <li>
                            <span>{entry.kind.replace('.', " ")}</span>
                            <span class="muted">{format!(" · {} · {}", entry.actor_name.unwrap_or_default(), entry.created_at.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M"))}</span>
                        </li>
                    }).collect_view().into_any(),
                })}
            </ul>
        </section>
    }
}
