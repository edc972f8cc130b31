//! The team: members and roles, invitations (send, revoke), leaving, the integrations that read
//! its influencers' figures, and (for owners and admins) its API keys and webhooks.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use rapport_domain::page::PageQuery;
use rapport_domain::teams::{CreateInvite, InviteRole, Role, UpdateMember};
use rapport_domain::{InviteId, TeamId, UserId};

use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::api_keys::ApiKeysSection;
use crate::components::errors::{report, ErrorMessage};
use crate::components::integrations::TeamIntegrationsSection;
use crate::components::webhooks::WebhooksSection;
use crate::session::use_session;

/// A change to the team's members or invitations.
#[derive(Debug)]
enum TeamChange {
    /// A member's new role.
    Role(UserId, UpdateMember),
    /// A member removed, or (`leaving`) yourself.
    Remove { user: UserId, leaving: bool },
    /// An invitation revoked.
    Revoke(InviteId),
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Owner => "Owner",
        Role::Admin => "Admin",
        Role::Member => "Member",
    }
}

/// The team page.
#[component]
pub fn TeamPage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let refetch = Trigger::new();
    let error = RwSignal::new(None::<ApiError>);
    let data = LocalResource::new(move || {
        let team = session.team.get();
        refetch.track();
        async move {
            let Some(team) = team else { return Ok(None) };
            let all = PageQuery {
                limit: Some(200),
                cursor: None,
            };
            let info = api::teams::get_team(team).await?;
            let members = api::members::list_members(team, &all).await?;
            let invites = api::invites::list_invites(team, &all).await?;
            Ok::<_, ApiError>(Some((info, members.items, invites.items)))
        }
    });
    let email = RwSignal::new(String::new());
    let role = RwSignal::new(InviteRole::Member);
    let changes = Action::new_local(Change::run);
    let send = move || {
        let Some(team) = session.team.get_untracked() else {
            return;
        };
        let request = CreateInvite {
            email: email.get_untracked(),
            role: role.get_untracked(),
        };
        changes.dispatch_local(Change::new(async move {
            if report(error, api::invites::create_invite(team, &request).await).is_some() {
                email.set(String::new());
                refetch.notify();
            }
        }));
    };
    let navigate = StoredValue::new_local(navigate);
    let change = move |team: TeamId, change: TeamChange| {
        changes.dispatch_local(Change::new(async move {
            let (result, leaving) = match change {
                TeamChange::Role(user, request) => (
                    api::members::update_member(team, user, &request)
                        .await
                        .map(drop),
                    false,
                ),
                TeamChange::Remove { user, leaving } => {
                    (api::members::remove_member(team, user).await, leaving)
                }
                TeamChange::Revoke(invite) => {
                    (api::invites::revoke_invite(team, invite).await, false)
                }
            };
            match result {
                Ok(()) if leaving => {
                    session.team.set(None);
                    // Called outside `with_value`, which holds the reactive arena.
                    if let Some(navigate) = navigate.try_get_value() {
                        navigate("/", Default::default());
                    }
                }
                Ok(()) => refetch.notify(),
                Err(failed) => error.set(Some(failed)),
            }
        }));
    };
    view! {
        <section>
            <ErrorMessage error=error/>
            <Transition fallback=|| view! { <p class="loading">"Loading the team…"</p> }>
                {move || data.get().map(|result| match result {
                    Err(failed) => view! { <p class="error">{failed.message()}</p> }.into_any(),
                    Ok(None) => view! { <p class="loading">"Loading your team…"</p> }.into_any(),
                    Ok(Some((team, members, invites))) => {
                        let me = session.stored.get_untracked().map(|s| s.user.id);
                        let owner = team.my_role == Role::Owner;
                        let manager = team.my_role.can_manage_team();
                        let team_id = team.id;
                        view! {
                            <h1 data-testid="team-name">{team.name.clone()}</h1>
                            <h2>"Members"</h2>
                            <table class="list members" data-testid="members">
                                <tbody>
                                    {members.into_iter().map(|member| {
                                        let user = member.user_id;
                                        let mine = Some(user) == me;
                                        view! {
                                            <tr data-testid="member">
                                                <td>{member.name.clone()}</td>
                                                <td>{member.email.clone()}</td>
                                                <td>
                                                    {if owner {
                                                        view! {
                                                            <select aria-label="Role" on:change=move |ev| {
                                                                let role = match event_target_value(&ev).as_str() {
                                                                    "owner" => Role::Owner,
                                                                    "admin" => Role::Admin,
                                                                    _ => Role::Member,
                                                                };
                                                                change(team_id, TeamChange::Role(user, UpdateMember { role }));
                                                            }>
                                                                {[Role::Owner, Role::Admin, Role::Member].into_iter().map(|r| view! {
                                                                    <option value=r.as_str() selected=r == member.role>{role_name(r)}</option>
                                                                }).collect_view()}
                                                            </select>
                                                        }.into_any()
                                                    } else {
                                                        view! { <span>{role_name(member.role)}</span> }.into_any()
                                                    }}
                                                </td>
                                                <td>
                                                    {(mine || owner).then(|| view! {
                                                        <button class="link" data-testid=if mine { "leave-team" } else { "remove-member" }
                                                            on:click=move |_| change(team_id, TeamChange::Remove { user, leaving: mine })>
                                                            {if mine { "Leave the team" } else { "Remove" }}
                                                        </button>
                                                    })}
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                            <Show when=move || manager>
                                <h2>"Invite a teammate"</h2>
                                <form class="inline" on:submit=move |ev| { ev.prevent_default(); send(); }>
                                    <input data-testid="invite-email" type="email" required placeholder="name@brand.com"
                                        prop:value=email on:input=move |ev| email.set(event_target_value(&ev))/>
                                    <select data-testid="invite-role" aria-label="Role" on:change=move |ev| role.set(
                                        if event_target_value(&ev) == "admin" { InviteRole::Admin } else { InviteRole::Member })>
                                        <option value="member">"Member"</option>
                                        <option value="admin">"Admin"</option>
                                    </select>
                                    <button type="submit" data-testid="invite-send">"Send invitation"</button>
                                </form>
                            </Show>
                            <h2>"Pending invitations"</h2>
                            {if invites.is_empty() {
                                view! { <p class="empty">"None."</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="posts" data-testid="invites">
                                        {invites.into_iter().map(|invite| {
                                            let id = invite.id;
                                            view! {
                                                <li data-testid="invite">
                                                    {format!("{} · {} · {:?}", invite.email, role_name(invite.role), invite.status).to_lowercase()}
                                                    {manager.then(|| view! {
                                                        " "<button class="link" on:click=move |_| change(team_id, TeamChange::Revoke(id))>"Revoke"</button>
                                                    })}
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            <TeamIntegrationsSection team=team_id/>
                            {if manager {
                                view! { <ApiKeysSection team=team_id/><WebhooksSection team=team_id/> }.into_any()
                            } else {
                                view! {
                                    <p class="muted" data-testid="api-keys-managers-only">"API keys for scripts and other software: the team's owners and admins manage them."</p>
                                    <p class="muted" data-testid="webhooks-managers-only">"Webhooks, which send the team's events to other software: the team's owners and admins manage them."</p>
                                }.into_any()
                            }}
                        }.into_any()
                    }
                })}
            </Transition>
        </section>
    }
}
