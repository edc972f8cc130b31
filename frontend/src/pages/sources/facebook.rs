//! Connecting the brand's Instagram business account or Facebook page on the Data sources page:
//! a button each, starting a Facebook login and sending the browser to Facebook's dialog, which
//! sends it back to `/sources/facebook` (`facebook_login`).

use leptos::prelude::*;
use rapport_domain::facebook::{PageConnect, StartFacebookLogin, MIN_FOLLOWERS_DEFAULT};
use rapport_domain::TeamId;

use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::errors::{report, ErrorMessage};
use crate::format::grouped;

/// Connecting Instagram or a Facebook page: what each reads, and a button each.
#[component]
pub(super) fn FacebookSection(team: TeamId) -> impl IntoView {
    let error = RwSignal::new(None::<ApiError>);
    view! {
        <section class="upload connect-facebook" data-testid="connect-facebook-section">
            <h2>"Connect Instagram or a Facebook page"</h2>
            <p class="muted">{format!("Instagram reads the accounts that tag you and comment on your posts, and counts those with at least {} followers (you pick the number) as influencers. A Facebook page is stored and shown: Facebook's API does not list a page's fans, and the page is how your Instagram business account is reached.", grouped(MIN_FOLLOWERS_DEFAULT))}</p>
            <div class="row">
                <LoginButton team=team connect=PageConnect::Instagram error=error/>
                <LoginButton team=team connect=PageConnect::Facebook error=error/>
            </div>
            <ErrorMessage error=error/>
        </section>
    }
}

/// What a login's button says.
fn login_title(connect: PageConnect) -> &'static str {
    match connect {
        PageConnect::Instagram => "Connect Instagram",
        PageConnect::Facebook => "Connect Facebook page",
    }
}

/// A button starting a Facebook login for `connect` (`label` unless its usual title): the browser
/// leaves for Facebook's dialog; why it cannot (a server without a Facebook app, say) goes to
/// `error`.
#[component]
pub(super) fn LoginButton(
    team: TeamId,
    connect: PageConnect,
    error: RwSignal<Option<ApiError>>,
    #[prop(optional)] label: Option<&'static str>,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    let changes = Action::new_local(Change::run);
    // Set once Facebook's dialog is on its way: the button stays off until the page is left.
    let leaving = RwSignal::new(false);
    let start = move |_| {
        error.set(None);
        changes.dispatch_local(Change::new(async move {
            if log_in(team, connect, error).await {
                leaving.try_set(true);
            }
        }));
    };
    let testid = testid.map_or_else(|| format!("connect-{}", connect.as_str()), str::to_owned);
    let label = label.unwrap_or(login_title(connect));
    view! {
        <button type="button" data-testid=testid on:click=start
            disabled=move || changes.pending().get() || leaving.get()>
            {move || if leaving.get() { "Opening Facebook…" } else { label }}
        </button>
    }
}

/// Starts a login and sends the browser to Facebook's dialog; false (and why in `error`) when it
/// cannot.
async fn log_in(team: TeamId, connect: PageConnect, error: RwSignal<Option<ApiError>>) -> bool {
    let request = StartFacebookLogin { connect };
    let Some(started) = report(error, api::facebook::start_login(team, &request).await) else {
        return false;
    };
    if window().location().assign(&started.authorize_url).is_err() {
        error.try_set(Some(ApiError::local(
            0,
            "navigation",
            "The browser did not open Facebook's page.",
        )));
        return false;
    }
    true
}
