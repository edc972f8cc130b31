//! `/sources/facebook`, its own chunk of the web app: where Facebook's login dialog sends the
//! browser back. A cancelled login says so (and calls nothing); a code is handed to the server,
//! which answers the pages the person manages; the page picked (for Instagram, with the followers a
//! fan needs to count) becomes a source, and the Data sources page shows it.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use rapport_domain::facebook::{
    FacebookCallback, FacebookLogin, FacebookPage, PageConnect, PickPage, MIN_FOLLOWERS_DEFAULT,
    MIN_FOLLOWERS_MAX,
};
use rapport_domain::list_providers::SYNC_EVERY_HOURS_DEFAULT;

use super::facebook::LoginButton;
use super::{counted, min_followers, MIN_FOLLOWERS_INVALID};
use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::errors::{report, ErrorMessage};
use crate::oauth_return::OAuthReturn;
use crate::session::use_session;

/// Whether a page can be picked for `connect`: Instagram needs the page's business account.
fn can_pick(connect: PageConnect, page: &FacebookPage) -> bool {
    connect == PageConnect::Facebook || page.instagram_account_id.is_some()
}

/// A page's details after its name: " · Coffee Shop · Instagram connected".
fn page_details(page: &FacebookPage) -> String {
    let mut details = String::new();
    if let Some(category) = &page.category {
        details.push_str(" · ");
        details.push_str(category);
    }
    details.push_str(if page.instagram_account_id.is_some() {
        " · Instagram connected"
    } else {
        " · no Instagram business account"
    });
    if page.connected {
        details.push_str(" · connected — picking it again renews its login");
    }
    details
}

/// The page Facebook sends the browser back to.
#[component]
pub fn FacebookLoginPage() -> impl IntoView {
    let shown = match OAuthReturn::from_query() {
        OAuthReturn::Cancelled {
            denied,
            description,
        } => view! {
            <h1 data-testid="facebook-cancelled">{if denied { "Facebook login was cancelled" } else { "Facebook login did not finish" }}</h1>
            <p data-testid="facebook-cancelled-why">{description.unwrap_or_else(|| "Facebook sent no reason.".to_owned())}</p>
            <p class="muted">"Nothing was connected: start again from the Data sources page when you are ready."</p>
            <p><A href="/sources" attr:data-testid="facebook-back">"Back to Data sources"</A></p>
        }
        .into_any(),
        OAuthReturn::Code { code, state } => {
            view! { <Finish callback=FacebookCallback { code, state }/> }.into_any()
        }
        OAuthReturn::Nothing => view! {
            <h1>"Facebook login"</h1>
            <p class="empty">"Facebook sends you back here after you log in to connect Instagram or a Facebook page. Start from the Data sources page."</p>
            <p><A href="/sources" attr:data-testid="facebook-back">"Back to Data sources"</A></p>
        }
        .into_any(),
    };
    view! { <section class="card sources-page facebook-login" data-testid="facebook-login">{shown}</section> }
}

/// Hands the code to the server (once), then the pages to pick from, or why not.
#[component]
fn Finish(callback: FacebookCallback) -> impl IntoView {
    let login = LocalResource::new(move || {
        let callback = callback.clone();
        async move { api::facebook::finish_login(&callback).await }
    });
    view! {
        <Transition fallback=|| view! { <p class="loading" data-testid="facebook-finishing">"Finishing the Facebook login…"</p> }>
            {move || login.get().map(|result| match result {
                Ok(login) => view! { <PagePicker login=login/> }.into_any(),
                Err(failed) => view! { <LoginFailed failed=failed/> }.into_any(),
            })}
        </Transition>
    }
}

/// The login did not go through: the server's words, and a way to start again.
#[component]
fn LoginFailed(failed: ApiError) -> impl IntoView {
    let session = use_session();
    let error = RwSignal::new(None::<ApiError>);
    let expired = failed.code() == Some("oauth_state_invalid");
    view! {
        <h1>"Facebook login did not finish"</h1>
        <p class="error" role="alert" data-testid="facebook-error">{failed.message()}</p>
        {move || session.team.get().map(|team| view! {
            <p>{if expired { "Start again:" } else { "Try again:" }}</p>
            <div class="row" data-testid="facebook-start-again">
                <LoginButton team=team connect=PageConnect::Instagram error=error/>
                <LoginButton team=team connect=PageConnect::Facebook error=error/>
            </div>
        })}
        <ErrorMessage error=error/>
        <p><A href="/sources" attr:data-testid="facebook-back">"Back to Data sources"</A></p>
    }
}

/// The pages to pick from (for Instagram, with the followers a fan needs), and connecting the one
/// picked; then the Data sources page.
#[component]
fn PagePicker(login: FacebookLogin) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let FacebookLogin {
        id: login_id,
        team_id: team,
        connect,
        pages,
        expires_at,
    } = login;
    let instagram = connect == PageConnect::Instagram;
    let mut eligible = pages.iter().filter(|page| can_pick(connect, page));
    // The only page there is to pick comes picked.
    let only = match (eligible.next(), eligible.next()) {
        (Some(page), None) => Some(page.id.clone()),
        _ => None,
    };
    let picked = RwSignal::new(only);
    let threshold = RwSignal::new(MIN_FOLLOWERS_DEFAULT.to_string());
    let error = RwSignal::new(None::<ApiError>);
    let expired = RwSignal::new(false);
    let changes = Action::new_local(Change::run);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(page_id) = picked.get_untracked() else {
            return;
        };
        let min_followers = if instagram {
            let Some(count) = min_followers(&threshold.get_untracked()) else {
                error.set(Some(ApiError::local(
                    422,
                    "validation_failed",
                    MIN_FOLLOWERS_INVALID,
                )));
                return;
            };
            Some(count)
        } else {
            None
        };
        let request = PickPage {
            page_id,
            min_followers,
            sync_every_hours: None,
        };
        let navigate = navigate.clone();
        changes.dispatch_local(Change::new(async move {
            let result = api::facebook::pick_page(login_id, &request).await;
            if let Err(failed) = &result {
                expired.try_set(failed.code() == Some("oauth_state_invalid"));
            }
            if report(error, result).is_some() {
                if session.team.get_untracked() != Some(team) {
                    session.choose_team(team);
                }
                navigate("/sources", NavigateOptions::default());
            }
        }));
    };
    let (title, intro) = if instagram {
        (
            "Connect Instagram",
            format!("Pick the Facebook page your Instagram business account is connected to. The accounts that tag you and comment on your posts are read at once, then every {}.", counted(i64::from(SYNC_EVERY_HOURS_DEFAULT), "hour", "hours")),
        )
    } else {
        (
            "Connect a Facebook page",
            "Pick the page to connect. It is stored and shown with your sources: Facebook's API does not list a page's fans.".to_owned(),
        )
    };
    let until = expires_at
        .with_timezone(&chrono::Local)
        .format("%H:%M")
        .to_string();
    let none = pages.is_empty();
    view! {
        <h1>{title}</h1>
        <p class="muted">{intro}</p>
        <form class="pick-page" on:submit=submit>
            <fieldset class="choices" data-testid="facebook-pages">
                <legend>"Pages you manage"</legend>
                {none.then_some("Facebook lists no page you manage. Create a Facebook page (for Instagram, connect your business account to it in Instagram's settings), then start again.")}
                {pages.into_iter().map(|page| page_choice(page, connect, picked)).collect_view()}
            </fieldset>
            {instagram.then(|| view! {
                <label class="check">"Count fans with at least "
                    <input type="number" min="0" max=MIN_FOLLOWERS_MAX.to_string() step="1" data-testid="facebook-min-followers" style:width="9rem"
                        prop:value=threshold on:input=move |ev| threshold.set(event_target_value(&ev))/>
                    " followers as influencers"
                </label>
            })}
            <ErrorMessage error=error/>
            <Show when=move || expired.get()>
                <div class="row">
                    <LoginButton team=team connect=connect error=error label="Start again" testid="facebook-restart"/>
                </div>
            </Show>
            <p class="muted">{format!("Pick a page before {until}, or start again.")}</p>
            <div class="dialog-actions">
                <A href="/sources" attr:class="link">"Cancel"</A>
                <button type="submit" data-testid="facebook-connect"
                    disabled=move || changes.pending().get() || picked.with(Option::is_none)>"Connect"</button>
            </div>
        </form>
    }
}

/// A page to pick: its name and details; a page Instagram cannot read is off, and says why.
fn page_choice(
    page: FacebookPage,
    connect: PageConnect,
    picked: RwSignal<Option<String>>,
) -> impl IntoView {
    let can = can_pick(connect, &page);
    let details = page_details(&page);
    let id = page.id;
    let mine = id.clone();
    view! {
        <label class="check" data-testid="facebook-page" data-disabled=(!can).then_some("true")>
            <input type="radio" name="facebook-page" value=id.clone() disabled=!can
                prop:checked=move || picked.with(|p| p.as_deref() == Some(mine.as_str()))
                on:change=move |_| picked.set(Some(id.clone()))/>
            <span>{page.name}</span>
            <span class="muted">{details}</span>
        </label>
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn page(instagram: Option<&str>, connected: bool) -> FacebookPage {
        FacebookPage {
            id: "104000000000001".to_owned(),
            name: "Demo Coffee Co.".to_owned(),
            category: Some("Coffee Shop".to_owned()),
            instagram_account_id: instagram.map(str::to_owned),
            connected,
        }
    }

    #[test]
    fn instagram_needs_a_business_account() {
        let with = page(Some("17841400000000001"), false);
        let without = page(None, true);
        assert!(can_pick(PageConnect::Instagram, &with));
        assert!(!can_pick(PageConnect::Instagram, &without));
        assert!(can_pick(PageConnect::Facebook, &without));
        assert_eq!(page_details(&with), " · Coffee Shop · Instagram connected");
        assert_eq!(
            page_details(&without),
            " · Coffee Shop · no Instagram business account · connected — picking it again renews its login"
        );
    }
}
