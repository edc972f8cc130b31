//! The influencer's name, accounts, and contact and shipping details (editable).

use leptos::prelude::*;
use rapport_domain::influencers::{Influencer, ShippingAddress, UpdateInfluencer};

use crate::api;
use crate::change::Change;
use crate::components::errors::report;
use crate::components::influencer::accounts::Accounts;
use crate::contexts::board::BoardContext;
use crate::contexts::influencer::use_influencer;

/// The influencer's details form. Saving reads the influencer again, and on a board the board
/// (which shows the name).
#[component]
pub fn Details(person: Influencer) -> impl IntoView {
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
                influencer.refetch.notify();
                if let Some(board) = board {
                    board.refetch.notify();
                }
            }
        }));
    };
    view! {
        <section>
            <h2 data-testid="panel-name">{person.display_name}</h2>
            <Accounts accounts=person.accounts/>
            <form class="grid" on:submit=move |ev| { ev.prevent_default(); submit(()); }>
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
