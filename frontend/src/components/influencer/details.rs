//! The influencer's profile (name, accounts and stats) and contact and shipping details: shown
//! as text, with "Edit" for a form.

use leptos::prelude::*;
use rapport_domain::influencers::{Influencer, ShippingAddress, UpdateInfluencer};

use crate::api;
use crate::change::Change;
use crate::components::errors::report;
use crate::components::influencer::accounts::Accounts;
use crate::contexts::board::BoardContext;
use crate::contexts::influencer::use_influencer;
use crate::format::initials;

/// The influencer's header: avatar, name, and each account with its followers.
#[component]
pub fn Profile(person: Influencer) -> impl IntoView {
    view! {
        <header class="influencer-head">
            <span class="avatar big" aria-hidden="true">{initials(&person.display_name)}</span>
            <div>
                <h2 data-testid="panel-name">{person.display_name}</h2>
                <Accounts accounts=person.accounts/>
            </div>
        </header>
    }
}

/// The address as lines of text (empty parts left out).
fn address_lines(address: &ShippingAddress) -> Vec<String> {
    let town = [&address.postal_code, &address.city]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ");
    [
        address.name.clone(),
        address.line1.clone(),
        address.line2.clone(),
        (!town.is_empty()).then_some(town),
        address.region.clone(),
        address.country.clone(),
    ]
    .into_iter()
    .flatten()
    .filter(|line| !line.trim().is_empty())
    .collect()
}

/// Contact and shipping details: text, and "Edit" for the form. Saving reads the influencer
/// again, and on a board the board (which shows the name).
#[component]
pub fn Contact(person: Influencer) -> impl IntoView {
    let editing = RwSignal::new(false);
    let lines = address_lines(&person.shipping_address);
    let email = person.email.clone();
    let phone = person.phone.clone();
    let empty = email.is_none() && phone.is_none() && lines.is_empty();
    view! {
        <section data-testid="contact">
            <h3>"Contact and shipping"
                <Show when=move || !editing.get()>
                    <button type="button" class="link" data-testid="edit-open" on:click=move |_| editing.set(true)>"Edit"</button>
                </Show>
            </h3>
            <Show
                when=move || editing.get()
                fallback={
                    let (email, phone, lines) = (email.clone(), phone.clone(), lines.clone());
                    move || if empty {
                        view! { <p class="muted" data-testid="contact-empty">"No e-mail, phone or address yet."</p> }.into_any()
                    } else {
                        view! {
                            <dl class="facts" data-testid="contact-text">
                                {email.clone().map(|e| view! { <dt>"E-mail"</dt><dd><a href=format!("mailto:{e}")>{e.clone()}</a></dd> })}
                                {phone.clone().map(|p| view! { <dt>"Phone"</dt><dd>{p}</dd> })}
                                {(!lines.is_empty()).then(|| view! {
                                    <dt>"Ships to"</dt>
                                    <dd>{lines.iter().map(|l| view! { <span class="line">{l.clone()}</span> }).collect_view()}</dd>
                                })}
                            </dl>
                        }.into_any()
                    }
                }
            >
                <ContactForm person=person.clone() editing=editing/>
            </Show>
        </section>
    }
}

#[component]
fn ContactForm(person: Influencer, editing: RwSignal<bool>) -> impl IntoView {
    let influencer = use_influencer();
    let board = use_context::<BoardContext>();
    let id = person.id;
    let name = RwSignal::new(person.display_name.clone());
    let email = RwSignal::new(person.email.clone().unwrap_or_default());
    let phone = RwSignal::new(person.phone.clone().unwrap_or_default());
    let address = person.shipping_address;
    let city = RwSignal::new(address.city.clone().unwrap_or_default());
    let line1 = RwSignal::new(address.line1.clone().unwrap_or_default());
    let postal = RwSignal::new(address.postal_code.clone().unwrap_or_default());
    let country = RwSignal::new(address.country.clone().unwrap_or_default());
    let save = Action::new_local(Change::run);
    let submit = move |_| {
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
        save.dispatch_local(Change::new(async move {
            let saved = api::influencers::update_influencer(id, &update).await;
            if report(influencer.error, saved).is_some() {
                editing.set(false);
                influencer.refetch.notify();
                if let Some(board) = board {
                    board.refetch.notify();
                }
            }
        }));
    };
    view! {
        <form class="grid" on:submit=move |ev| { ev.prevent_default(); submit(()); }>
            <label>"Name"<input data-testid="edit-name" prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/></label>
            <label>"E-mail"<input data-testid="edit-email" type="email" prop:value=email on:input=move |ev| email.set(event_target_value(&ev))/></label>
            <label>"Phone"<input data-testid="edit-phone" prop:value=phone on:input=move |ev| phone.set(event_target_value(&ev))/></label>
            <label>"Street"<input data-testid="edit-line1" prop:value=line1 on:input=move |ev| line1.set(event_target_value(&ev))/></label>
            <label>"City"<input data-testid="edit-city" prop:value=city on:input=move |ev| city.set(event_target_value(&ev))/></label>
            <label>"Postal code"<input data-testid="edit-postal" prop:value=postal on:input=move |ev| postal.set(event_target_value(&ev))/></label>
            <label>"Country (ISO code)"<input data-testid="edit-country" maxlength="2" prop:value=country on:input=move |ev| country.set(event_target_value(&ev))/></label>
            <div class="dialog-actions">
                <button type="button" class="secondary" data-testid="edit-cancel" on:click=move |_| editing.set(false)>"Cancel"</button>
                <button type="submit" data-testid="edit-save" disabled=move || save.pending().get()>"Save details"</button>
            </div>
        </form>
    }
}
