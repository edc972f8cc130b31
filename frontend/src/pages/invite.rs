//! Accepting an invitation from its link: `/invites/{token}`.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::errors::ErrorMessage;
use crate::session::use_session;

/// The invitation page.
#[component]
pub fn InvitePage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let error = RwSignal::new(None::<ApiError>);
    let preview = LocalResource::new(move || {
        let token = token();
        async move { api::invites::get_invite(&token).await }
    });
    let accepting = Action::new_local(Change::run);
    let accept = move |_| {
        let token = token();
        let navigate = navigate.clone();
        accepting.dispatch_local(Change::new(async move {
            match api::invites::accept_invite(&token).await {
                Ok(team) => {
                    session.choose_team(team.id);
                    navigate("/", Default::default());
                }
                Err(failed) => error.set(Some(failed)),
            }
        }));
    };
    view! {
        <section class="card narrow">
            <Transition fallback=|| view! { <p class="loading">"Reading the invitation…"</p> }>
                {move || preview.get().map(|result| match result {
                    Err(failed) => view! { <p class="error" data-testid="invite-error">{failed.message()}</p> }.into_any(),
                    Ok(invite) => {
                        let next = format!("/invites/{}", token());
                        let accept = accept.clone();
                        view! {
                            <h1>{format!("Join {} on Rapport", invite.team_name)}</h1>
                            <p>{format!("{} invited {} as {}.", invite.invited_by_name, invite.email, invite.role.as_str())}</p>
                            {move || if session.stored.get().is_some() {
                                let accept = accept.clone();
                                view! { <button data-testid="invite-accept" on:click=accept>"Join the team"</button> }.into_any()
                            } else {
                                view! {
                                    <p>
                                        <A href=format!("/signup?next={next}") attr:data-testid="invite-signup">"Sign up"</A>" or "
                                        <A href=format!("/login?next={next}") attr:data-testid="invite-login">"log in"</A>
                                        {format!(" with {} to accept.", invite.email)}
                                    </p>
                                }.into_any()
                            }}
                        }.into_any()
                    }
                })}
            </Transition>
            <ErrorMessage error=error/>
        </section>
    }
}
