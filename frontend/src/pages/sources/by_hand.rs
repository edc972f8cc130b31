//! On the Data sources page: adding one influencer by hand (a micro-influencer outside the
//! network, by Instagram handle and e-mail address), and the member's daily digest of matches.

use leptos::prelude::*;
use leptos_router::components::A;
use rapport_domain::sources::{ImportInfluencer, ImportedInfluencer};
use rapport_domain::TeamId;

use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::errors::{report, ErrorMessage};
use crate::components::notification_settings::{MailSetting, MailToggles};

/// One influencer by hand: handle, address, and what it did.
#[component]
pub fn AddByHand(team: TeamId, refetch: Trigger) -> impl IntoView {
    let instagram = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let added = RwSignal::new(None::<ImportedInfluencer>);
    let adding = Action::new_local(Change::run);
    let add = move || {
        let request = ImportInfluencer {
            instagram: instagram.get_untracked(),
            email: email.get_untracked(),
            display_name: None,
        };
        error.set(None);
        added.set(None);
        adding.dispatch_local(Change::new(async move {
            let result = api::sources::import_influencer(team, &request).await;
            if let Some(done) = report(error, result) {
                instagram.try_set(String::new());
                email.try_set(String::new());
                added.try_set(Some(done));
                refetch.notify();
            }
        }));
    };
    view! {
        <section class="upload by-hand" data-testid="by-hand">
            <h2>"Add one influencer by hand"</h2>
            <p class="muted">"A micro-influencer outside the network: they become one of your influencers with this contact address, and if they are a creator of the network too, they show in the Influencers tab."</p>
            <form class="inline-form" novalidate on:submit=move |ev| { ev.prevent_default(); add(); }>
                <label>"Instagram "
                    <input type="text" data-testid="by-hand-instagram" placeholder="@handle or link" maxlength="300"
                        prop:value=instagram on:input=move |ev| instagram.set(event_target_value(&ev))/>
                </label>
                <label>"E-mail "
                    <input type="email" data-testid="by-hand-email" maxlength="254"
                        prop:value=email on:input=move |ev| email.set(event_target_value(&ev))/>
                </label>
                <button type="submit" data-testid="by-hand-add" disabled=move || adding.pending().get()>"Add"</button>
            </form>
            <ErrorMessage error=error/>
            {move || added.get().map(|done| {
                let href = format!("/influencers/{}", done.influencer_id);
                let what = match (done.created, done.in_network) {
                    (true, true) => "Added, and they are a creator of the network: see the Influencers tab.",
                    (true, false) => "Added to your influencers.",
                    (false, true) => "You had them already; their address is saved. They are a creator of the network too.",
                    (false, false) => "You had them already; their address is saved.",
                };
                view! {
                    <p class="report" role="status" data-testid="by-hand-report">
                        {what}" "<A href=href>"Open their page"</A>
                    </p>
                }
            })}
        </section>
    }
}

/// The member's daily e-mail digest of the creators the team's sources turn up: on or off.
#[component]
pub fn DigestToggle(team: TeamId) -> impl IntoView {
    view! { <MailToggles team=team settings=vec![MailSetting::MatchDigest]/> }
}
