//! Sign up and log in.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use rapport_domain::auth::{LoginRequest, SignupRequest};
use rapport_domain::creators::AccountKind;

use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::errors::ErrorMessage;
use crate::session::{use_session, Stored};

/// The sign-up form.
#[component]
pub fn Signup() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let next_page = move || {
        query
            .read_untracked()
            .get("next")
            .filter(|next| next.starts_with('/') && !next.starts_with("//"))
            .unwrap_or_else(|| "/".to_owned())
    };
    let (name, set_name) = signal(String::new());
    let (email, set_email) = signal(String::new());
    let (password, set_password) = signal(String::new());
    let (team, set_team) = signal(String::new());
    let kind = RwSignal::new(AccountKind::Brand);
    let error = RwSignal::new(None::<ApiError>);
    let submit = Action::new_local(Change::run);
    let sign_up = move |request: SignupRequest| {
        let navigate = navigate.clone();
        // A creator starts on their profile, which brands will see.
        let first_page = match request.kind {
            AccountKind::Creator => "/creator".to_owned(),
            AccountKind::Brand => next_page(),
        };
        submit.dispatch_local(Change::new(async move {
            match api::auth::signup(&request).await {
                Ok(created) => {
                    session.save(Stored::from(created));
                    navigate(&first_page, Default::default());
                }
                Err(failed) => error.set(Some(failed)),
            }
        }));
    };
    view! {
        <section class="card narrow">
            <h1>"Create your Rapport account"</h1>
            <form on:submit=move |ev| {
                ev.prevent_default();
                error.set(None);
                let team = team.get();
                sign_up(SignupRequest {
                    email: email.get(),
                    password: password.get(),
                    name: name.get(),
                    team_name: (kind.get() == AccountKind::Brand && !team.trim().is_empty()).then_some(team),
                    kind: kind.get(),
                });
            }>
                <fieldset class="choices" data-testid="signup-kind">
                    <legend>"I am…"</legend>
                    <label class="check"><input type="radio" name="kind" data-testid="signup-kind-brand"
                        prop:checked=move || kind.get() == AccountKind::Brand
                        on:change=move |_| kind.set(AccountKind::Brand)/>
                        "with a brand: I look for creators and work with them"</label>
                    <label class="check"><input type="radio" name="kind" data-testid="signup-kind-creator"
                        prop:checked=move || kind.get() == AccountKind::Creator
                        on:change=move |_| kind.set(AccountKind::Creator)/>
                        "a creator: brands find me and invite me"</label>
                </fieldset>
                <label>"Your name"<input data-testid="signup-name" required
                    on:input=move |ev| set_name.set(event_target_value(&ev)) prop:value=name/></label>
                <label>"E-mail"<input data-testid="signup-email" type="email" required
                    on:input=move |ev| set_email.set(event_target_value(&ev)) prop:value=email/></label>
                <label>"Password (at least 10 characters)"<input data-testid="signup-password" type="password" required minlength="10"
                    on:input=move |ev| set_password.set(event_target_value(&ev)) prop:value=password/></label>
                <Show when=move || kind.get() == AccountKind::Brand>
                    <label>"Brand or team name (optional)"<input data-testid="signup-team"
                        on:input=move |ev| set_team.set(event_target_value(&ev)) prop:value=team/></label>
                </Show>
                <ErrorMessage error=error/>
                <button type="submit" data-testid="signup-submit" disabled=move || submit.pending().get()>"Sign up"</button>
            </form>
            <p>"Already have an account? " <A href="/login">"Log in"</A></p>
        </section>
    }
}

/// The log-in form.
#[component]
pub fn Login() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let next_page = move || {
        query
            .read_untracked()
            .get("next")
            .filter(|next| next.starts_with('/') && !next.starts_with("//"))
            .unwrap_or_else(|| "/".to_owned())
    };
    let (email, set_email) = signal(String::new());
    let (password, set_password) = signal(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let submit = Action::new_local(Change::run);
    let log_in = move |request: LoginRequest| {
        let navigate = navigate.clone();
        submit.dispatch_local(Change::new(async move {
            match api::auth::login(&request).await {
                Ok(signed_in) => {
                    session.save(Stored::from(signed_in));
                    navigate(&next_page(), Default::default());
                }
                Err(failed) => error.set(Some(failed)),
            }
        }));
    };
    view! {
        <section class="card narrow">
            <h1>"Log in to Rapport"</h1>
            <form on:submit=move |ev| {
                ev.prevent_default();
                error.set(None);
                log_in(LoginRequest { email: email.get(), password: password.get() });
            }>
                <label>"E-mail"<input data-testid="login-email" type="email" required
                    on:input=move |ev| set_email.set(event_target_value(&ev)) prop:value=email/></label>
                <label>"Password"<input data-testid="login-password" type="password" required
                    on:input=move |ev| set_password.set(event_target_value(&ev)) prop:value=password/></label>
                <ErrorMessage error=error/>
                <button type="submit" data-testid="login-submit" disabled=move || submit.pending().get()>"Log in"</button>
            </form>
            <p>"New here? " <A href="/signup">"Create an account"</A></p>
        </section>
    }
}
