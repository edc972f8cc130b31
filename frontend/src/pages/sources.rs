//! The team's data sources (`/sources`): a card per source (what it is, its state, its counts,
//! disconnecting), uploading a list with a progress bar and its report; and the Influencers tab
//! (`/sources?tab=influencers`): who among the contacts is a creator or one of the team's
//! influencers, where from in the source's words, filtered by source, platform and followers; each
//! can go on a board, be invited to connect, or be dismissed.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use rapport_domain::boards::{AddCards, BoardListQuery, ByInfluencer, ByProfile, CardSource};
use rapport_domain::connections::CreateConnectionInvite;
use rapport_domain::profiles::Platform;
use rapport_domain::sources::{CsvImport, Source, SourceKind, SourceMatch, SourceState};
use rapport_domain::{BoardId, SourceId, TeamId};
use wasm_bindgen::JsCast;

use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::errors::{report, ErrorMessage};
use crate::format::{compact, platform_icon};
use crate::session::use_session;

/// The data sources page.
#[component]
pub fn SourcesPage() -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let influencers_tab =
        RwSignal::new(query.with_untracked(|q| q.get("tab").as_deref() == Some("influencers")));
    let refetch = Trigger::new();
    view! {
        <section class="card sources-page">
            <h1>"Data sources"</h1>
            <p class="muted">"Find the creators who already know you: upload your customer or newsletter lists, and see who among them is a creator of the network or one of your influencers."</p>
            <div class="tabs" role="tablist">
                <button type="button" role="tab" data-testid="tab-sources" aria-selected=move || (!influencers_tab.get()).to_string()
                    on:click=move |_| influencers_tab.set(false)>"Sources"</button>
                <button type="button" role="tab" data-testid="tab-influencers" aria-selected=move || influencers_tab.get().to_string()
                    on:click=move |_| influencers_tab.set(true)>"Influencers"</button>
            </div>
            {move || match session.team.get() {
                None => view! { <p class="empty">"Choose a team first."</p> }.into_any(),
                Some(team) => if influencers_tab.get() {
                    view! { <MatchesTab team=team/> }.into_any()
                } else {
                    view! {
                        <Upload team=team refetch=refetch/>
                        <SourceCards team=team refetch=refetch/>
                    }.into_any()
                },
            }}
        </section>
    }
}

/// Uploading a list: name, file, a progress bar, then the report.
#[component]
fn Upload(team: TeamId, refetch: Trigger) -> impl IntoView {
    let name = RwSignal::new("Customers".to_owned());
    let file = RwSignal::new_local(None::<web_sys::File>);
    let sent = RwSignal::new(None::<f64>);
    let error = RwSignal::new(None::<ApiError>);
    let imported = RwSignal::new(None::<CsvImport>);
    let uploading = Action::new_local(Change::run);
    let upload = move || {
        let Some(chosen) = file.get_untracked() else {
            error.set(Some(ApiError::local(
                422,
                "no_file",
                "Choose a CSV file first.",
            )));
            return;
        };
        let list = name.get_untracked();
        error.set(None);
        imported.set(None);
        sent.set(Some(0.0));
        uploading.dispatch_local(Change::new(async move {
            let progress = move |share: f64| {
                sent.try_set(Some(share));
            };
            let result = api::sources::upload_csv(team, &list, chosen, progress).await;
            sent.try_set(None);
            if let Some(done) = report(error, result) {
                imported.try_set(Some(done));
                refetch.notify();
            }
        }));
    };
    view! {
        <section class="upload" data-testid="csv-upload">
            <h2>"Upload a list"</h2>
            <p class="muted">"Any CSV export works (Shopify, Mailchimp, Klaviyo, HubSpot, Excel): the e-mail column is found by itself; columns of Instagram, TikTok or YouTube handles help too. Only keyed fingerprints of the addresses are kept. A list does not update by itself: upload it again under the same name to replace it."</p>
            <form class="inline-form" on:submit=move |ev| { ev.prevent_default(); upload(); }>
                <label>"Name "
                    <input type="text" data-testid="csv-name" maxlength="100" prop:value=name
                        on:input=move |ev| name.set(event_target_value(&ev))/>
                </label>
                <input type="file" accept=".csv,.txt,text/csv" data-testid="csv-file"
                    on:change=move |ev| {
                        let chosen = ev
                            .target()
                            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                            .and_then(|input| input.files())
                            .and_then(|files| files.get(0));
                        file.set(chosen);
                    }/>
                <button type="submit" data-testid="csv-send" disabled=move || uploading.pending().get()>"Upload"</button>
            </form>
            {move || sent.get().map(|share| view! {
                <div class="progress" data-testid="csv-progress">
                    {if share < 1.0 {
                        view! { <progress max="1" value=share.to_string()></progress>" Uploading…" }.into_any()
                    } else {
                        view! { <progress></progress>" Reading and matching…" }.into_any()
                    }}
                </div>
            })}
            <ErrorMessage error=error/>
            {move || imported.get().map(|done| view! { <ImportReport report=done/> })}
        </section>
    }
}

#[component]
fn ImportReport(report: CsvImport) -> impl IntoView {
    let shown = report.first_invalid.len() as u64;
    view! {
        <div class="report" data-testid="csv-report">
            <p>
                <strong>{report.source.name.clone()}</strong>
                {format!(": {} read (e-mail column \u{201c}{}\u{201d}), {}, {}, {} invalid.",
                    plural(report.rows, "row"), report.email_column, plural(report.valid, "address"),
                    plural(report.duplicates, "duplicate"), report.invalid)}
            </p>
            <p data-testid="csv-matches">
                {format!("{} of them are creators or your influencers. ", report.matches)}
                <A href="/sources?tab=influencers">"See who"</A>
            </p>
            {(!report.first_invalid.is_empty()).then(|| view! {
                <details>
                    <summary>{if report.invalid > shown { format!("The first {shown} invalid rows") } else { "The invalid rows".to_owned() }}</summary>
                    <ul data-testid="csv-invalid">
                        {report.first_invalid.into_iter().map(|row| view! {
                            <li>{format!("Line {}: {}", row.line, row.reason)}</li>
                        }).collect_view()}
                    </ul>
                </details>
            })}
        </div>
    }
}

/// "1 row", "2 rows", "3 addresses".
fn plural(count: u64, one: &str) -> String {
    match (count, one.ends_with('s')) {
        (1, _) => format!("1 {one}"),
        (_, true) => format!("{count} {one}es"),
        _ => format!("{count} {one}s"),
    }
}

fn describe(source: &Source) -> String {
    let kind = match source.kind {
        SourceKind::Csv => "Uploaded list",
        SourceKind::Mailchimp => "Mailchimp",
        SourceKind::Klaviyo => "Klaviyo",
        SourceKind::Instagram => "Instagram",
        SourceKind::Facebook => "Facebook page",
        SourceKind::Manual => "Added by hand",
    };
    let state = match (source.state, source.synced_at) {
        (SourceState::Synced, Some(at)) if !source.updates_itself => {
            format!("uploaded {}", at.format("%Y-%m-%d %H:%M"))
        }
        (SourceState::Synced, Some(at)) => format!("synced {}", at.format("%Y-%m-%d %H:%M")),
        (SourceState::Syncing, _) => "syncing…".to_owned(),
        (SourceState::Failed, _) => "failed".to_owned(),
        _ => "never synced".to_owned(),
    };
    format!("{kind} · {state}")
}

/// The team's sources, a card each.
#[component]
fn SourceCards(team: TeamId, refetch: Trigger) -> impl IntoView {
    let error = RwSignal::new(None::<ApiError>);
    let sources = LocalResource::new(move || {
        refetch.track();
        api::sources::list(team)
    });
    view! {
        <ErrorMessage error=error/>
        <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || sources.get().map(|result| match result {
                Err(failed) => view! { <p class="error">{failed.message()}</p> }.into_any(),
                Ok(list) if list.is_empty() => view! {
                    <p class="empty" data-testid="sources-empty">"No sources yet: upload a list above."</p>
                }.into_any(),
                Ok(list) => view! {
                    <ul class="source-cards" data-testid="sources">
                        {list.into_iter().map(|source| view! { <SourceCard source=source refetch=refetch error=error/> }).collect_view()}
                    </ul>
                }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn SourceCard(
    source: Source,
    refetch: Trigger,
    error: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let id = source.id;
    let confirming = RwSignal::new(false);
    let changes = Action::new_local(Change::run);
    let disconnect = move |_| {
        changes.dispatch_local(Change::new(async move {
            if report(error, api::sources::disconnect(id).await).is_some() {
                refetch.notify();
            }
        }));
    };
    view! {
        <li class="source-card" data-testid="source">
            <strong data-testid="source-name">{source.name.clone()}</strong>
            <span class="muted">" · "{describe(&source)}</span>
            <p data-testid="source-counts">{format!("{} contacts, {} matches", source.contacts, source.matches)}</p>
            {source.error.clone().map(|why| view! { <p class="error">{why}</p> })}
            {(!source.updates_itself).then(|| view! {
                <p class="muted">"Does not update by itself: upload the list again to refresh it."</p>
            })}
            <Show when=move || confirming.get() fallback=move || view! {
                <button type="button" class="link" data-testid="source-disconnect" on:click=move |_| confirming.set(true)>"Disconnect"</button>
            }>
                <p class="notice" data-testid="source-confirm">
                    "Disconnecting deletes this source's contacts and its matches. Influencers already on boards stay. "
                    <button type="button" class="danger-link" data-testid="source-disconnect-confirm" on:click=disconnect>"Disconnect and delete"</button>" "
                    <button type="button" class="link" on:click=move |_| confirming.set(false)>"Keep it"</button>
                </p>
            </Show>
        </li>
    }
}

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
                    {move || sources.get().and_then(Result::ok).map(|list| list.into_iter().map(|s| view! {
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
            <p class="muted" data-testid="match-detail">{format!("{} ({}, by {})", found.detail, found.source_name, found.matched_by.as_str())}</p>
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
