//! The Influencers tab of the Data sources page (`/sources?tab=influencers`), its own chunk of the
//! web app: who among the contacts is a creator or one of the team's influencers, where from in
//! the source's words (with the Instagram post a fan tagged the brand in or commented on),
//! filtered by source, platform and followers; each can go on a board, be invited to connect, or
//! be dismissed.

use leptos::prelude::*;
use rapport_domain::boards::{AddCards, BoardListQuery, ByInfluencer, ByProfile, CardSource};
use rapport_domain::connections::CreateConnectionInvite;
use rapport_domain::profiles::Platform;
use rapport_domain::sources::{SourceKind, SourceMatch};
use rapport_domain::{BoardId, SourceId, TeamId};

use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::errors::{report, ErrorMessage};
use crate::format::{compact, platform_icon};

/// The profile to put a match on a board by, when it has an account.
fn card_source(found: &SourceMatch) -> Option<CardSource> {
    if let Some(influencer_id) = found.influencer_id {
        return Some(CardSource::Influencer(ByInfluencer { influencer_id }));
    }
    found.accounts.first().map(|account| {
        CardSource::Profile(ByProfile {
            profile: account.handle.clone(),
            platform: Some(account.platform),
        })
    })
}

/// A match's link, when it is a web address (never a `javascript:` one).
fn post_link(link: Option<&str>) -> Option<String> {
    link.filter(|link| link.starts_with("https://") || link.starts_with("http://"))
        .map(str::to_owned)
}

/// The Influencers tab's code arrives the first time the tab opens (its own chunk of the web app,
/// so the sources load less).
#[cfg(not(test))]
#[lazy]
pub(super) fn matches_tab(team: TeamId) -> AnyView {
    view! { <MatchesTab team=team/> }.into_any()
}

/// In unit tests, the same without the split (see `connect::connect_form`).
#[cfg(test)]
pub(super) async fn matches_tab(team: TeamId) -> AnyView {
    view! { <MatchesTab team=team/> }.into_any()
}

/// The Influencers tab.
#[component]
fn MatchesTab(team: TeamId) -> impl IntoView {
    let source = RwSignal::new(None::<SourceId>);
    let platform = RwSignal::new(None::<Platform>);
    let followers_min = RwSignal::new(0i64);
    let refetch = Trigger::new();
    let error = RwSignal::new(None::<ApiError>);
    let sources = LocalResource::new(move || api::sources::list(team));
    let boards = LocalResource::new(move || async move {
        api::boards::list_boards(team, &BoardListQuery::default())
            .await
            .map(|page| page.items)
    });
    let found = LocalResource::new(move || {
        refetch.track();
        let chosen = source.get();
        api::sources::matches(team, chosen)
    });
    // The filters on platform and followers apply to what was read.
    let keep = move |list: Vec<SourceMatch>| -> Vec<SourceMatch> {
        list.into_iter()
            .filter(|m| {
                platform.with(|p| p.is_none_or(|p| m.accounts.iter().any(|a| a.platform == p)))
            })
            .filter(|m| m.followers.unwrap_or(0) >= followers_min.get())
            .collect()
    };
    view! {
        <div class="filters inline-form">
            <label>"Source "
                <select data-testid="match-source" on:change=move |ev| source.set(event_target_value(&ev).parse().ok())>
                    <option value="">"All"</option>
                    // A Facebook page lists no fans: it has no matches to filter by.
                    {move || sources.get().and_then(Result::ok).map(|list| list.into_iter().filter(|s| s.kind != SourceKind::Facebook).map(|s| view! {
                        <option value=s.id.to_string()>{s.name}</option>
                    }).collect_view())}
                </select>
            </label>
            <label>"Platform "
                <select data-testid="match-platform" on:change=move |ev| platform.set(Platform::parse(&event_target_value(&ev)))>
                    <option value="">"Any"</option>
                    <option value="instagram">"Instagram"</option>
                    <option value="tiktok">"TikTok"</option>
                    <option value="youtube">"YouTube"</option>
                </select>
            </label>
            <label>"Followers at least "
                <input type="number" min="0" step="1000" data-testid="match-followers" prop:value=move || followers_min.get().to_string()
                    on:input=move |ev| followers_min.set(event_target_value(&ev).parse().unwrap_or(0))/>
            </label>
        </div>
        <ErrorMessage error=error/>
        <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || found.get().map(|result| match result.map(keep) {
                Err(failed) => view! { <p class="error">{failed.message()}</p> }.into_any(),
                Ok(list) if list.is_empty() => view! {
                    <p class="empty" data-testid="matches-empty">"Nobody yet. Upload a list under Sources: creators and influencers among its contacts appear here."</p>
                }.into_any(),
                Ok(list) => {
                    let boards = boards.get().and_then(Result::ok).unwrap_or_default();
                    view! {
                        <ul class="rows" data-testid="matches">
                            {list.into_iter().map(|m| view! { <MatchRow found=m team=team boards=boards.clone() refetch=refetch error=error/> }).collect_view()}
                        </ul>
                    }.into_any()
                }
            })}
        </Transition>
    }
}

#[component]
fn MatchRow(
    found: SourceMatch,
    team: TeamId,
    boards: Vec<rapport_domain::boards::Board>,
    refetch: Trigger,
    error: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let id = found.id;
    let changes = Action::new_local(Change::run);
    let board = RwSignal::new(boards.first().map(|b| b.id));
    let placed = RwSignal::new(None::<String>);
    let invited = RwSignal::new(false);
    let on_board = card_source(&found);
    let can_place = on_board.is_some();
    let name = found.display_name.clone();
    let handle = found
        .influencer_id
        .is_none()
        .then(|| found.accounts.first().map(|a| a.handle.clone()))
        .flatten();
    let add = move |_| {
        let (Some(chosen), Some(item)) = (board.get_untracked(), on_board.clone()) else {
            return;
        };
        let (handle, name) = (handle.clone(), name.clone());
        changes.dispatch_local(Change::new(async move {
            let Some(view) = report(error, api::boards::get_board(chosen).await) else {
                return;
            };
            let Some(column) = view.columns.first().map(|c| c.id) else {
                error.try_set(Some(ApiError::local(
                    422,
                    "no_column",
                    "That board has no column yet.",
                )));
                return;
            };
            let request = AddCards {
                column_id: column,
                items: vec![item],
            };
            let Some(added) = report(error, api::cards::add_cards(chosen, &request).await) else {
                return;
            };
            let result = added.results.into_iter().next();
            if let Some(failed) = result.as_ref().and_then(|r| r.error.clone()) {
                error.try_set(Some(ApiError::local(422, &failed.code, failed.message)));
                return;
            }
            // A creator put on a board becomes one of the team's influencers, first named by
            // their handle: give them their own name.
            if let (Some(influencer), Some(handle)) = (result.and_then(|r| r.influencer_id), handle)
            {
                if let Ok(person) = api::influencers::get_influencer(influencer).await {
                    if person.display_name == handle {
                        let _ = api::sources::name_influencer(influencer, &name).await;
                    }
                }
            }
            placed.try_set(Some(view.name));
        }));
    };
    let creator = found.creator_id;
    let invite = move |_| {
        let Some(creator_id) = creator else { return };
        let request = CreateConnectionInvite {
            creator_id,
            message: None,
        };
        changes.dispatch_local(Change::new(async move {
            if report(error, api::connections::send_invite(team, &request).await).is_some() {
                invited.try_set(true);
            }
        }));
    };
    let dismiss = move |_| {
        changes.dispatch_local(Change::new(async move {
            if report(error, api::sources::dismiss(id).await).is_some() {
                refetch.notify();
            }
        }));
    };
    let kind = if found.influencer_id.is_some() {
        "your influencer"
    } else {
        "network creator"
    };
    view! {
        <li data-testid="match" class="match-row">
            <strong data-testid="match-name">{found.display_name.clone()}</strong>
            <span class="muted">{format!(" · {kind}")}</span>
            <ul class="creator-accounts-list">
                {found.accounts.iter().map(|account| view! {
                    <li>
                        <span class="platform">{platform_icon(account.platform)}</span>" "{account.handle.clone()}
                        {account.followers.map(|f| format!(" · {}", compact(f)))}
                    </li>
                }).collect_view()}
            </ul>
            <p class="muted" data-testid="match-detail">
                {format!("{} ({}, by {})", found.detail, found.source_name, found.matched_by.as_str())}
                {post_link(found.link.as_deref()).map(|href| view! {
                    " "<a href=href target="_blank" rel="noopener noreferrer" data-testid="match-post">"View post"</a>
                })}
            </p>
            <div class="actions">
                {can_place.then(|| view! {
                    <select data-testid="match-board" aria-label="Board"
                        on:change=move |ev| board.set(event_target_value(&ev).parse::<BoardId>().ok())>
                        {boards.iter().map(|b| view! { <option value=b.id.to_string()>{b.name.clone()}</option> }).collect_view()}
                    </select>
                    <button type="button" data-testid="match-add" on:click=add disabled=move || board.get().is_none()>"Add to board"</button>
                })}
                {creator.is_some().then(|| view! {
                    <button type="button" class="link" data-testid="match-invite" on:click=invite disabled=move || invited.get()>
                        {move || if invited.get() { "Invited" } else { "Invite to connect" }}
                    </button>
                })}
                <button type="button" class="link" data-testid="match-dismiss" on:click=dismiss>"Dismiss"</button>
                {move || placed.get().map(|name| view! { <span class="muted" data-testid="match-placed">{format!(" On {name}.")}</span> })}
            </div>
        </li>
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn only_web_addresses_link_to_a_post() {
        let post = "https://www.instagram.com/p/BBB101/";
        assert_eq!(post_link(Some(post)).as_deref(), Some(post));
        assert_eq!(post_link(Some("javascript:alert(1)")), None);
        assert_eq!(post_link(None), None);
    }
}
