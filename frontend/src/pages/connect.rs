//! `/connect/:token`: a link from an invitation mail. It shows the invitation and the decision
//! the link makes, and decides only when confirmed (mail scanners follow links). No sign-in.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use rapport_domain::connections::{ConnectionInviteStatus, ConnectionLink, LinkDecision};

use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::errors::{report, ErrorMessage};

/// The confirmation page of a mail's link.
#[component]
pub fn ConnectPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let link = LocalResource::new(move || {
        let token = token();
        async move { api::connections::get_link(&token).await }
    });
    let decided = RwSignal::new(None::<ConnectionLink>);
    let error = RwSignal::new(None::<ApiError>);
    let confirm = Action::new_local(Change::run);
    view! {
        <section class="card connect-page">
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || link.get().map(|result| match (result, decided.get()) {
                    (Err(failed), _) if failed.status == 404 => view! {
                        <h1>"Invitation not found"</h1>
                        <p>"This link does not name an invitation. Copy the whole link from the mail."</p>
                    }.into_any(),
                    (Err(failed), _) => view! { <p class="error">{failed.message()}</p> }.into_any(),
                    (Ok(_), Some(done)) => view! {
                        <h1 data-testid="connect-done">{match done.decision {
                            LinkDecision::Accept => format!("You are connected with {}", done.invite.team.name),
                            LinkDecision::Decline => format!("You declined {}'s invitation", done.invite.team.name),
                        }}</h1>
                        <p>"Sign in as a creator to see your connections and invitations."</p>
                    }.into_any(),
                    (Ok(shown), None) => {
                        let team = shown.invite.team.name.clone();
                        let pending = shown.invite.status == ConnectionInviteStatus::Pending;
                        let accept = shown.decision == LinkDecision::Accept;
                        let token = token();
                        view! {
                            <h1>{format!("{team} invites you to connect")}</h1>
                            <p class="muted">{format!("Sent by {} to {}.", shown.invite.invited_by_name, shown.creator_name)}</p>
                            {shown.invite.message.clone().map(|m| view! { <blockquote>{m}</blockquote> })}
                            {if pending {
                                view! {
                                    <p>{if accept {
                                        "Connecting lets the team see your e-mail address and work with you in Rapport."
                                    } else {
                                        "The team will be told, and cannot invite you again for 30 days."
                                    }}</p>
                                    <ErrorMessage error=error/>
                                    <button type="button" data-testid="connect-confirm" disabled=move || confirm.pending().get()
                                        on:click=move |_| {
                                            let token = token.clone();
                                            confirm.dispatch_local(Change::new(async move {
                                                if let Some(done) = report(error, api::connections::follow_link(&token).await) {
                                                    decided.try_set(Some(done));
                                                }
                                            }));
                                        }>
                                        {if accept { "Accept the invitation" } else { "Decline the invitation" }}
                                    </button>
                                }.into_any()
                            } else {
                                view! {
                                    <p data-testid="connect-closed">{format!("This invitation is {} already.", shown.invite.status.as_str())}</p>
                                }.into_any()
                            }}
                        }.into_any()
                    }
                })}
            </Transition>
        </section>
    }
}
