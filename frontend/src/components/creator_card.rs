//! A creator of the network as a card: avatar, name, place, categories, platforms with
//! followers (a ✓ on the accounts the creator verified), engagement; a star (the team's
//! favourites) and "+" to invite, which turns into a clock while the invitation is pending
//! (clicking the clock revokes it).

use leptos::prelude::*;
use rapport_domain::connections::CreateConnectionInvite;
use rapport_domain::network::NetworkCreator;
use rapport_domain::TeamId;

use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::dialog::Dialog;
use crate::components::errors::{report, ErrorMessage};
use crate::components::verified::VerifiedMark;
use crate::format::{compact, initials, platform_icon};

/// One creator card; `on_unstar` runs after the team unstars them (the favourites page drops
/// the card).
#[component]
pub fn CreatorCard(
    creator: NetworkCreator,
    team: TeamId,
    #[prop(optional)] on_unstar: Option<Callback<()>>,
) -> impl IntoView {
    let profile = creator.profile;
    let id = profile.id;
    let favourite = RwSignal::new(creator.favourite);
    let invite = RwSignal::new(creator.invite_id);
    let connected = creator.connection_id.is_some();
    let error = RwSignal::new(None::<ApiError>);
    let inviting = RwSignal::new(false);
    let message = RwSignal::new(String::new());
    let changes = Action::new_local(Change::run);
    let toggle_star = move |_| {
        let starred = favourite.get_untracked();
        favourite.set(!starred);
        changes.dispatch_local(Change::new(async move {
            let done = if starred {
                api::network::unstar(team, id).await
            } else {
                api::network::star(team, id).await.map(drop)
            };
            if report(error, done).is_none() {
                favourite.try_set(starred);
            } else if starred {
                if let Some(on_unstar) = on_unstar {
                    on_unstar.run(());
                }
            }
        }));
    };
    let send = move || {
        let text = message.get_untracked();
        let request = CreateConnectionInvite {
            creator_id: id,
            message: (!text.trim().is_empty()).then_some(text),
        };
        changes.dispatch_local(Change::new(async move {
            if let Some(sent) = report(error, api::connections::send_invite(team, &request).await) {
                invite.try_set(Some(sent.id));
                inviting.try_set(false);
                message.try_set(String::new());
            }
        }));
    };
    let revoke = move |_| {
        if let Some(pending) = invite.get_untracked() {
            changes.dispatch_local(Change::new(async move {
                if report(error, api::connections::revoke(team, pending).await).is_some() {
                    invite.try_set(None);
                }
            }));
        }
    };
    let name = profile.display_name.clone();
    let place = [profile.city.clone(), profile.country.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    let best_engagement = profile
        .accounts
        .iter()
        .filter_map(|a| a.engagement_rate)
        .fold(None::<f64>, |best, rate| {
            Some(best.map_or(rate, |b| b.max(rate)))
        });
    view! {
        <article class="creator-card" data-testid="creator-card" data-creator=id.to_string()>
            <header class="creator-card-head">
                <span class="avatar" aria-hidden="true">{initials(&name)}</span>
                <div class="who">
                    <h3 data-testid="creator-card-name">{name.clone()}</h3>
                    {(!place.is_empty()).then(|| view! { <span class="muted">{place.clone()}</span> })}
                </div>
                <button type="button" class="icon star" data-testid="creator-star"
                    aria-pressed=move || favourite.get().to_string()
                    aria-label=move || if favourite.get() { "Unstar" } else { "Star" }
                    title=move || if favourite.get() { "In the team's favourites: unstar" } else { "Add to the team's favourites" }
                    on:click=toggle_star>
                    {move || if favourite.get() { "★" } else { "☆" }}
                </button>
                {if connected {
                    view! { <span class="badge" data-testid="creator-connected" title="Connected">"Connected"</span> }.into_any()
                } else {
                    view! {
                        {move || match invite.get() {
                            Some(_) => view! {
                                <button type="button" class="icon" data-testid="creator-revoke"
                                    aria-label="Invitation pending: revoke it" title="Invitation pending: click to revoke"
                                    on:click=revoke>
                                    <svg class="icon-svg" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
                                        <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="2"/>
                                        <path d="M12 7v5l3 2" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>
                                    </svg>
                                </button>
                            }.into_any(),
                            None => view! {
                                <button type="button" class="icon" data-testid="creator-invite"
                                    aria-label="Invite to connect" title="Invite to connect"
                                    on:click=move |_| inviting.set(true)>"+"</button>
                            }.into_any(),
                        }}
                    }.into_any()
                }}
            </header>
            {(!profile.categories.is_empty()).then(|| view! {
                <p class="chips">{profile.categories.iter().map(|c| view! { <span class="category-chip">{c.label()}</span> }).collect_view()}</p>
            })}
            <ul class="creator-accounts-list">
                {profile.accounts.iter().map(|account| {
                    let followers = account.followers.map(|f| format!(" · {}", compact(f))).unwrap_or_default();
                    view! {
                        <li>
                            <span class="platform">{platform_icon(account.platform)}</span>" "
                            <a href=account.url.clone() target="_blank" rel="noopener">{account.handle.clone()}</a>
                            {account.verified.then(|| view! { " "<VerifiedMark platform=account.platform/> })}
                            {followers}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {best_engagement.map(|rate| view! {
                <p class="muted" data-testid="creator-engagement">{format!("Engagement {:.1}%", rate * 100.0)}</p>
            })}
            <ErrorMessage error=error/>
            <Dialog open=inviting title="Invite to connect" testid="invite-dialog">
                <form class="stack" on:submit=move |ev| { ev.prevent_default(); send(); }>
                    <p>{format!("{} gets an e-mail and a notification, and can accept or decline.", name.clone())}</p>
                    <label>"Message (optional)"
                        <textarea data-testid="invite-message" rows="4" maxlength="1000" prop:value=message
                            on:input=move |ev| message.set(event_target_value(&ev))></textarea>
                    </label>
                    <ErrorMessage error=error/>
                    <button type="submit" data-testid="invite-send" disabled=move || changes.pending().get()>"Send invitation"</button>
                </form>
            </Dialog>
        </article>
    }
}
