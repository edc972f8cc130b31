//! A creator verifies their platform accounts by logging in on the platform: TikTok, Google for
//! YouTube, Facebook for Instagram. The creator profile's "Verified accounts" part (in the
//! creator page's chunk of the web app) lists each claimed account as verified or with its
//! "Verify with …" button, offers "Connect …" for a platform without an account yet (the login
//! claims the account it names), and, for a login, whether brands see the figures it reads,
//! "Forget login" and the login's problem. Before the browser leaves for the platform, a dialog
//! asks whether brands may see the figures (off unless ticked: docs/decisions.md).
//!
//! `/creator/verify`, its own chunk: where the platform sends the browser back. A declined login
//! says so (and calls nothing); a code is handed to the server, which answers the profile with
//! the account verified, or why not.

use chrono::{DateTime, Utc};
use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;
use rapport_domain::creators::{CreatorAccount, CreatorProfile};
use rapport_domain::profiles::Platform;
use rapport_domain::verifications::{
    StartVerification, UpdateCreatorAccount, VerificationCallback,
};
use rapport_domain::CreatorAccountId;

use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::dialog::Dialog;
use crate::components::errors::{report, ErrorMessage};
use crate::format::grouped;
use crate::oauth_return::OAuthReturn;

/// The platforms a creator can verify an account on, in the order offered.
const PLATFORMS: [Platform; 3] = [Platform::Tiktok, Platform::Youtube, Platform::Instagram];

/// Who the creator logs in with to verify an account on `platform`.
fn login_provider(platform: Platform) -> &'static str {
    match platform {
        Platform::Tiktok => "TikTok",
        Platform::Youtube => "Google",
        Platform::Instagram => "Facebook",
    }
}

/// What the platform's login asks the creator for, before they go.
fn login_explained(platform: Platform) -> &'static str {
    match platform {
        Platform::Tiktok => "TikTok asks you to log in and to let Rapport read your profile, your follower count and your videos.",
        Platform::Youtube => "Google asks you to log in and to let Rapport read your YouTube channel (read only).",
        Platform::Instagram => "Facebook asks you to log in and to pick the pages your Instagram professional account is linked to; Rapport reads that account's profile and posts.",
    }
}

/// "20,931 followers", or nothing when unknown.
fn followers_text(account: &CreatorAccount) -> String {
    match account.followers {
        Some(1) => " · 1 follower".to_owned(),
        Some(count) => format!(" · {} followers", grouped(count)),
        None => String::new(),
    }
}

/// A day as people read it, in their time zone: "1 Dec 2026".
fn day(at: DateTime<Utc>) -> String {
    at.with_timezone(&chrono::Local)
        .format("%-d %b %Y")
        .to_string()
}

/// Starts a verification on `platform` and sends the browser to its login page; false (and why
/// in `error`) when it cannot.
async fn log_in(
    platform: Platform,
    share_figures: bool,
    error: RwSignal<Option<ApiError>>,
) -> bool {
    let request = StartVerification {
        platform,
        share_figures,
    };
    let Some(started) = report(error, api::creator::start_verification(&request).await) else {
        return false;
    };
    if window().location().assign(&started.authorize_url).is_err() {
        error.try_set(Some(ApiError::local(
            0,
            "navigation",
            format!(
                "The browser did not open {}'s page.",
                login_provider(platform)
            ),
        )));
        return false;
    }
    true
}

/// The creator profile's "Verified accounts" part: `accounts` as the profile was read.
#[component]
pub fn VerifiedAccounts(accounts: Vec<CreatorAccount>) -> impl IntoView {
    // Which platform the dialog logs in on (it is open while `open` holds).
    let picked = RwSignal::new(Platform::Tiktok);
    let open = RwSignal::new(false);
    let choose = Callback::new(move |platform: Platform| {
        picked.set(platform);
        open.set(true);
    });
    let unclaimed: Vec<Platform> = PLATFORMS
        .into_iter()
        .filter(|platform| !accounts.iter().any(|a| a.platform == *platform))
        .collect();
    let none = accounts.is_empty();
    view! {
        <section class="creator-verified" data-testid="creator-verified" aria-labelledby="creator-verified-title">
            <h2 id="creator-verified-title">"Verified accounts"</h2>
            <p class="muted">"Log in on a platform to prove an account is yours: brands see it marked verified. Logging in also adds an account you have not added yet."</p>
            {(!none).then(|| view! {
                <ul class="verified-list">
                    {accounts.into_iter().map(|account| view! { <VerifiedRow account=account choose=choose/> }).collect_view()}
                </ul>
            })}
            {(!unclaimed.is_empty()).then(|| view! {
                <div class="row verify-connect">
                    {unclaimed.into_iter().map(|platform| view! {
                        <button type="button" class="secondary" data-testid="verify-connect" data-platform=platform.as_str()
                            on:click=move |_| choose.run(platform)>{format!("Connect {}", platform.label())}</button>
                    }).collect_view()}
                </div>
            })}
            <VerifyDialog platform=picked open=open/>
        </section>
    }
}

/// One claimed account: verified (its badge; its login's sharing, problem and "Forget login") or
/// its "Verify with …" button.
#[component]
fn VerifiedRow(account: CreatorAccount, choose: Callback<Platform>) -> impl IntoView {
    let id = account.id;
    let platform = account.platform;
    let label = platform.label();
    let title = format!("{label} {}", account.handle);
    let figures = followers_text(&account);
    let login = account.login.clone();
    let verified = account.verified;
    view! {
        <li class="verified-row" data-testid="verified-account" data-platform=platform.as_str()
            data-verified=verified.to_string()>
            <div class="verified-head">
                <span class="verified-name">
                    <a href=account.url.clone() target="_blank" rel="noopener">{title}</a>
                    {figures}
                </span>
                {if verified {
                    view! {
                        <span class="badge verified-badge" data-testid="verified-badge">
                            <span aria-hidden="true">"✓ "</span>"Verified"
                            <span class="sr-only">{format!(": you proved this {label} account yours by logging in")}</span>
                        </span>
                    }.into_any()
                } else {
                    view! {
                        <button type="button" class="secondary" data-testid="verify-account"
                            on:click=move |_| choose.run(platform)>{format!("Verify with {label}")}</button>
                    }.into_any()
                }}
            </div>
            {match login {
                Some(login) => view! {
                    <LoginControls id=id platform=platform share=login.share_figures problem=login.problem
                        connected_at=login.connected_at choose=choose/>
                }.into_any(),
                // Verified once, its login since forgotten: logging in again lets brands see the
                // figures, if the creator wants.
                None if verified => view! {
                    <p class="muted">"Rapport keeps no login for it. "
                        <button type="button" class="link" data-testid="verify-relogin"
                            on:click=move |_| choose.run(platform)>{format!("Log in with {} again", login_provider(platform))}</button>
                    </p>
                }.into_any(),
                None => ().into_any(),
            }}
        </li>
    }
}

/// A verified account's login: its problem (and "Verify again"), whether brands see the figures
/// it reads, and "Forget login" (confirmed first).
#[component]
fn LoginControls(
    id: CreatorAccountId,
    platform: Platform,
    share: bool,
    problem: Option<String>,
    connected_at: DateTime<Utc>,
    choose: Callback<Platform>,
) -> impl IntoView {
    let label = platform.label();
    let share = RwSignal::new(share);
    let forgotten = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let saved = RwSignal::new(None::<&'static str>);
    let error = RwSignal::new(None::<ApiError>);
    let changes = Action::new_local(Change::run);
    let toggle = move |ev: leptos::ev::Event| {
        let wanted = event_target_checked(&ev);
        share.set(wanted);
        saved.set(None);
        let request = UpdateCreatorAccount {
            share_figures: wanted,
        };
        changes.dispatch_local(Change::new(async move {
            match report(error, api::creator::update_account(id, &request).await) {
                Some(_) => {
                    saved.try_set(Some(if wanted {
                        "Saved: brands you are connected with see these figures."
                    } else {
                        "Saved: brands no longer see the figures this login reads."
                    }));
                }
                None => {
                    share.try_set(!wanted);
                }
            }
        }));
    };
    let forget = move |_| {
        changes.dispatch_local(Change::new(async move {
            if report(error, api::creator::forget_login(id).await).is_some() {
                confirming.try_set(false);
                forgotten.try_set(true);
            }
        }));
    };
    // The confirmation takes the focus when it shows, so a keyboard user answers it at once.
    let confirm_button = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = confirm_button.get() {
            let _ = button.focus();
        }
    });
    let problem_text =
        problem.map(|why| format!("{label} no longer accepts your login: verify again. ({why})"));
    view! {
        <Show when=move || !forgotten.get() fallback=move || view! {
            <p class="muted" role="status" data-testid="verified-forgotten">
                {format!("Login forgotten: the account stays verified, and Rapport no longer reads it through your {label} login. ")}
                <button type="button" class="link" on:click=move |_| choose.run(platform)>{format!("Log in with {} again", login_provider(platform))}</button>
            </p>
        }>
            <div class="verified-login" data-testid="verified-login">
                {problem_text.clone().map(|text| view! {
                    <p class="error" data-testid="verified-problem">
                        {text}" "
                        <button type="button" class="secondary" data-testid="verify-again"
                            on:click=move |_| choose.run(platform)>"Verify again"</button>
                    </p>
                })}
                <p class="muted">{format!("You logged in with {} on {}.", login_provider(platform), day(connected_at))}</p>
                <label class="check">
                    <input type="checkbox" data-testid="verified-share" prop:checked=share
                        disabled=move || changes.pending().get() on:change=toggle/>
                    "Let brands I'm connected with see the figures this login reads"
                </label>
                <Show when=move || saved.get().is_some()>
                    <p class="muted" role="status" data-testid="verified-share-saved">{move || saved.get()}</p>
                </Show>
                <Show when=move || confirming.get() fallback=move || view! {
                    <button type="button" class="link" data-testid="verified-forget"
                        on:click=move |_| confirming.set(true)>"Forget login"</button>
                }>
                    <p class="notice" data-testid="verified-forget-confirm">
                        {format!("Rapport deletes your {label} login and stops reading the account's figures through it. The account stays verified. ")}
                        <button type="button" class="danger-link" data-testid="verified-forget-yes" node_ref=confirm_button
                            disabled=move || changes.pending().get() on:click=forget>"Forget login"</button>" "
                        <button type="button" class="link" data-testid="verified-forget-no"
                            on:click=move |_| confirming.set(false)>"Keep it"</button>
                    </p>
                </Show>
                <ErrorMessage error=error/>
            </div>
        </Show>
    }
}

/// Before the browser leaves for the platform: what its login asks for, whether brands may see
/// the figures it reads (unticked unless the creator ticks it), and "Continue to …".
#[component]
fn VerifyDialog(platform: RwSignal<Platform>, open: RwSignal<bool>) -> impl IntoView {
    view! {
        <Dialog open=open title="Log in to verify" testid="verify-dialog">
            <VerifyStart platform=platform.get_untracked() open=open/>
        </Dialog>
    }
}

/// The dialog's content for `platform` (built each time it opens, so the box starts unticked).
#[component]
fn VerifyStart(platform: Platform, open: RwSignal<bool>) -> impl IntoView {
    let share = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let changes = Action::new_local(Change::run);
    // Set once the platform's page is on its way: the button stays off until the page is left.
    let leaving = RwSignal::new(false);
    let provider = login_provider(platform);
    let go = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let share_figures = share.get_untracked();
        changes.dispatch_local(Change::new(async move {
            if log_in(platform, share_figures, error).await {
                leaving.try_set(true);
            }
        }));
    };
    view! {
        <form class="stack verify-start" data-platform=platform.as_str() on:submit=go>
            <p>{format!("Verify your {} account. ", platform.label())}{login_explained(platform)}
                " Rapport never posts for you. When you are back, the account is verified (and added to your profile if it was not)."</p>
            <label class="check">
                <input type="checkbox" data-testid="verify-share" prop:checked=share
                    aria-describedby="verify-share-why"
                    on:change=move |ev| share.set(event_target_checked(&ev))/>
                "Let brands I'm connected with see the figures this login reads"
            </label>
            <p class="muted" id="verify-share-why">"Followers, posts and their likes, comments and views. Left unticked, the login only proves the account is yours. You can change this later."</p>
            <ErrorMessage error=error/>
            <div class="dialog-actions">
                <button type="button" class="secondary" on:click=move |_| open.set(false)>"Cancel"</button>
                <button type="submit" data-testid="verify-continue"
                    disabled=move || changes.pending().get() || leaving.get()>
                    {move || if leaving.get() { format!("Opening {provider}…") } else { format!("Continue to {provider}") }}
                </button>
            </div>
        </form>
    }
}

/// The accounts the login just verified: those whose login is the newest (an Instagram login
/// verifies every professional account linked to the creator's pages at once).
fn just_verified(profile: &CreatorProfile) -> Vec<CreatorAccount> {
    let accounts = &profile.public.accounts;
    let newest = accounts
        .iter()
        .filter_map(|a| a.login.as_ref().map(|l| l.connected_at))
        .max();
    let Some(newest) = newest else {
        return Vec::new();
    };
    accounts
        .iter()
        .filter(|a| {
            a.login
                .as_ref()
                .is_some_and(|l| (newest - l.connected_at).num_seconds().abs() < 5)
        })
        .cloned()
        .collect()
}

/// The page the platforms send the browser back to.
#[component]
pub fn CreatorVerifyPage() -> impl IntoView {
    let shown = match OAuthReturn::from_query() {
        OAuthReturn::Cancelled {
            denied,
            description,
        } => view! {
            <h1 data-testid="verify-cancelled">{if denied { "Verification cancelled" } else { "Verification did not finish" }}</h1>
            <p data-testid="verify-cancelled-why">{description.unwrap_or_else(|| "The platform sent no reason.".to_owned())}</p>
            <p class="muted">"Nothing changed: verify from your profile when you are ready."</p>
            <p><A href="/creator" attr:data-testid="verify-back">"Back to your profile"</A></p>
        }
        .into_any(),
        OAuthReturn::Code { code, state } => {
            view! { <Finish callback=VerificationCallback { code, state }/> }.into_any()
        }
        OAuthReturn::Nothing => view! {
            <h1>"Verify an account"</h1>
            <p class="empty">"The platform sends you back here after you log in to verify an account. Start from your profile."</p>
            <p><A href="/creator" attr:data-testid="verify-back">"Back to your profile"</A></p>
        }
        .into_any(),
    };
    view! { <section class="card creator-page creator-verify" data-testid="creator-verify">{shown}</section> }
}

/// Hands the code to the server (once), then the account verified, or why not.
#[component]
fn Finish(callback: VerificationCallback) -> impl IntoView {
    let verified = LocalResource::new(move || {
        let callback = callback.clone();
        async move { api::creator::finish_verification(&callback).await }
    });
    view! {
        <Transition fallback=|| view! { <p class="loading" role="status" data-testid="verify-finishing">"Verifying your account…"</p> }>
            {move || verified.get().map(|result| match result {
                Ok(profile) => view! { <Verified profile=profile/> }.into_any(),
                Err(failed) => view! {
                    <h1>"Verification did not finish"</h1>
                    <p class="error" role="alert" data-testid="verify-error">{failed.message()}</p>
                    <p class="muted">"Nothing changed. You can try again from your profile."</p>
                    <p><A href="/creator" attr:data-testid="verify-back">"Back to your profile"</A></p>
                }.into_any(),
            })}
        </Transition>
    }
}

/// The verification went through: the accounts it verified.
#[component]
fn Verified(profile: CreatorProfile) -> impl IntoView {
    let accounts = just_verified(&profile);
    let heading = NodeRef::<html::H1>::new();
    // The heading takes the focus, so a screen reader hears the outcome.
    Effect::new(move |_| {
        if let Some(heading) = heading.get() {
            let _ = heading.focus();
        }
    });
    view! {
        <h1 tabindex="-1" node_ref=heading data-testid="verify-done">
            {if accounts.len() > 1 { "Accounts verified" } else { "Account verified" }}
        </h1>
        <ul class="verified-list">
            {accounts.into_iter().map(|account| {
                let sharing = account.login.as_ref().is_some_and(|l| l.share_figures);
                view! {
                    <li class="verified-row" data-testid="verified-account" data-platform=account.platform.as_str()>
                        <div class="verified-head">
                            <span class="verified-name">{format!("{} {}", account.platform.label(), account.handle)}{followers_text(&account)}</span>
                            <span class="badge verified-badge"><span aria-hidden="true">"✓ "</span>"Verified"</span>
                        </div>
                        <p class="muted">{if sharing {
                            "Brands you are connected with see the figures this login reads."
                        } else {
                            "Brands do not see the figures this login reads; you can change this on your profile."
                        }}</p>
                    </li>
                }
            }).collect_view()}
        </ul>
        <p><A href="/creator" attr:data-testid="verify-back">"Back to your profile"</A></p>
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn followers_read_in_full() {
        let mut account = CreatorAccount {
            id: "01890000-0000-7000-8000-000000000001"
                .parse()
                .expect("an id"),
            platform: Platform::Tiktok,
            handle: "@avabakes".to_owned(),
            url: "https://www.tiktok.com/@avabakes".to_owned(),
            followers: Some(20_931),
            self_reported: false,
            engagement_rate: None,
            verified: true,
            login: None,
        };
        assert_eq!(followers_text(&account), " · 20,931 followers");
        account.followers = Some(1);
        assert_eq!(followers_text(&account), " · 1 follower");
        account.followers = None;
        assert_eq!(followers_text(&account), "");
    }
}
