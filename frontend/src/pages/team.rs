//! The team: members and roles, invitations (send, revoke), leaving.

use gloo_net::http::Method;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use rapport_domain::page::Page;
use rapport_domain::teams::{CreateInvite, Invite, InviteRole, Member, Role, Team, UpdateMember};

use crate::api::{self, ApiError};
use crate::components::errors::ErrorMessage;
use crate::session::use_session;

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
    let version = RwSignal::new(0u32);
    let error = RwSignal::new(None::<ApiError>);
    let data = LocalResource::new(move || {
        let team = session.team.get();
        let _ = version.get();
        async move {
            let Some(team) = team else { return Ok(None) };
            let info = api::get::<Team>(session, &format!("/teams/{team}")).await?;
            let members =
                api::get::<Page<Member>>(session, &format!("/teams/{team}/members?limit=200"))
                    .await?;
            let invites =
                api::get::<Page<Invite>>(session, &format!("/teams/{team}/invites?limit=200"))
                    .await?;
            Ok::<_, ApiError>(Some((info, members.items, invites.items)))
        }
    });
    let email = RwSignal::new(String::new());
    let role = RwSignal::new(InviteRole::Member);
    let send = move |_| {
        let Some(team) = session.team.get_untracked() else {
            return;
        };
        let request = CreateInvite {
            email: email.get_untracked(),
            role: role.get_untracked(),
        };
        spawn_local(async move {
            match api::call::<_, Invite>(
                session,
                Method::POST,
                &format!("/teams/{team}/invites"),
                Some(&request),
            )
            .await
            {
                Ok(_) => {
                    email.set(String::new());
                    error.set(None);
                    version.update(|v| *v += 1);
                }
                Err(failed) => error.set(Some(failed)),
            }
        });
    };
    let act = move |method: Method, path: String, body: Option<UpdateMember>, leaving: bool| {
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::call::<_, serde_json::Value>(session, method, &path, body.as_ref()).await {
                Ok(_) if leaving => {
                    session.team.set(None);
                    navigate("/", Default::default());
                }
                Ok(_) => version.update(|v| *v += 1),
                Err(failed) => error.set(Some(failed)),
            }
        });
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
                        let act = act.clone();
                        let act_invites = act.clone();
                        view! {
                            <h1 data-testid="team-name">{team.name.clone()}</h1>
                            <h2>"Members"</h2>
                            <table class="list" data-testid="members">
                                <tbody>
                                    {members.into_iter().map(|member| {
                                        let user = member.user_id;
                                        let mine = Some(user) == me;
                                        let act = act.clone();
                                        let act_remove = act.clone();
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
                                                                act(Method::PATCH, format!("/teams/{team_id}/members/{user}"), Some(UpdateMember { role }), false);
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
                                                            on:click=move |_| act_remove(Method::DELETE, format!("/teams/{team_id}/members/{user}"), None, mine)>
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
                                <form class="inline" on:submit=move |ev| { ev.prevent_default(); send(()); }>
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
                                let act = act_invites.clone();
                                view! {
                                    <ul class="posts" data-testid="invites">
                                        {invites.into_iter().map(|invite| {
                                            let id = invite.id;
                                            let act = act.clone();
                                            view! {
                                                <li data-testid="invite">
                                                    {format!("{} · {} · {:?}", invite.email, role_name(invite.role), invite.status).to_lowercase()}
                                                    {manager.then(|| view! {
                                                        " "<button class="link" on:click=move |_| act(Method::DELETE, format!("/teams/{team_id}/invites/{id}"), None, false)>"Revoke"</button>
                                                    })}
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                        }.into_any()
                    }
                })}
            </Transition>
        </section>
    }
}
