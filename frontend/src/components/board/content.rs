//! A board's Content tab (`/boards/{id}?tab=content`), its own chunk of the web app: the hashtag
//! the board tracks, the posts of its influencers that carry it (and those added by hand) with
//! their figures and the totals, sorted by a column's header, and "Add a post by hand" for when
//! the platform cannot be read.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use rapport_domain::content::{AddPost, ContentSort, ContentTotals, TrackedPost, Tracking};
use rapport_domain::influencers::PlatformAccount;
use rapport_domain::{AccountId, BoardId, InfluencerId, PostId};

use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::errors::{report, ErrorMessage};
use crate::contexts::board::use_board;
use crate::format::{compact, grouped, platform_icon};

/// How often the tab looks again for the posts of a hashtag just set.
const POLL_EVERY: std::time::Duration = std::time::Duration::from_millis(1_500);
/// How many times it looks, at most.
const POLL_TIMES: u32 = 20;

/// The columns a table sorts by: what to ask for, and the header.
const SORTS: [(ContentSort, &str); 5] = [
    (ContentSort::Newest, "Date"),
    (ContentSort::Likes, "Likes"),
    (ContentSort::Comments, "Comments"),
    (ContentSort::Views, "Views"),
    (ContentSort::Engagement, "Engagement"),
];

/// "Tracking #summerlaunch since 2026-12-01 (…)", or "No hashtag tracked".
fn tracking_line(tracking: Option<&Tracking>) -> String {
    match tracking {
        Some(tracking) => format!(
            "Tracking #{} since {} (posts of this board's influencers that carry it)",
            tracking.hashtag,
            tracking.since.format("%Y-%m-%d")
        ),
        None => "No hashtag tracked".to_owned(),
    }
}

/// An engagement rate as a percentage with 2 decimals: "2.45 %", or "—" when unknown.
fn rate(rate: Option<f64>) -> String {
    rate.map_or_else(|| "—".to_owned(), |rate| format!("{:.2} %", rate * 100.0))
}

/// "1 post · 1.2K likes · 30 comments · 20.0K views · 2.45 % engagement".
fn totals_line(totals: &ContentTotals) -> String {
    let posts = if totals.posts == 1 {
        "1 post".to_owned()
    } else {
        format!("{} posts", grouped(totals.posts))
    };
    format!(
        "{posts} · {} likes · {} comments · {} views · {} engagement",
        compact(totals.likes),
        compact(totals.comments),
        compact(totals.views),
        rate(totals.engagement_rate)
    )
}

/// A figure as typed ("1200", "1,200", ""): none when empty, an error unless a whole number of
/// at least 0.
fn figure(typed: &str) -> Result<Option<i64>, ()> {
    let digits: String = typed
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '_'))
        .collect();
    if digits.is_empty() {
        return Ok(None);
    }
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(());
    }
    digits.parse::<i64>().map(Some).map_err(|_| ())
}

/// When a `datetime-local` input's value was, in UTC (read in the browser's time zone); none
/// when empty.
fn posted_at(local: &str) -> Option<DateTime<Utc>> {
    let local = chrono::NaiveDateTime::parse_from_str(local.trim(), "%Y-%m-%dT%H:%M").ok()?;
    Some(
        local
            .and_local_timezone(chrono::Local)
            .single()
            .map_or_else(|| local.and_utc(), |t| t.with_timezone(&Utc)),
    )
}

/// A post's link, when it is a web address (never a `javascript:` one).
fn web_link(link: Option<&str>) -> Option<String> {
    link.filter(|link| link.starts_with("https://") || link.starts_with("http://"))
        .map(str::to_owned)
}

/// The Content tab of the board `board`: its code arrives the first time the tab opens.
#[component]
pub fn ContentTab(board: BoardId) -> impl IntoView {
    crate::app::on_demand(content_tab(board))
}

#[cfg(not(test))]
#[lazy]
fn content_tab(board: BoardId) -> AnyView {
    view! { <Content board=board/> }.into_any()
}

/// In unit tests, the same without the split.
#[cfg(test)]
async fn content_tab(board: BoardId) -> AnyView {
    view! { <Content board=board/> }.into_any()
}

/// The tab: the hashtag, adding a post by hand, the totals and the posts.
#[component]
fn Content(board: BoardId) -> impl IntoView {
    let sort = RwSignal::new(ContentSort::Newest);
    let refetch = Trigger::new();
    let error = RwSignal::new(None::<ApiError>);
    let content = LocalResource::new(move || {
        refetch.track();
        let sort = sort.get();
        api::content::get_content(board, sort)
    });
    // The content as last read (kept while it is read again), or why it could not be.
    let found = Memo::new(move |_| content.get().and_then(Result::ok));
    let failed = Memo::new(move |_| content.get().and_then(Result::err).map(|e| e.message()));
    let tracking = Memo::new(move |_| found.with(|f| f.as_ref().and_then(|f| f.tracking.clone())));
    let loaded = move || found.with(Option::is_some);
    // After a new hashtag: the posts there were, and how many more times to look. The board's
    // influencers are read in the background: read the tab again until new posts show.
    let waiting = RwSignal::new(None::<(usize, u32)>);
    // (It follows each reading, not `found`: a reading like the last one changes no memo.)
    Effect::new(move |_| {
        let Some((count, tracks)) = content.with(|read| {
            read.as_ref()
                .and_then(|read| read.as_ref().ok())
                .map(|found| (found.posts.len(), found.tracking.is_some()))
        }) else {
            return;
        };
        let Some((before, left)) = waiting.get_untracked() else {
            return;
        };
        if count > before || left == 0 || !tracks {
            waiting.set(None);
        } else {
            waiting.set(Some((before, left - 1)));
            set_timeout(move || refetch.notify(), POLL_EVERY);
        }
    });
    let posts =
        Memo::new(move |_| found.with(|f| f.as_ref().map(|f| f.posts.clone()).unwrap_or_default()));
    let has_posts = move || posts.with(|p| !p.is_empty());
    let remove = Action::new_local(Change::run);
    let remove_post = Callback::new(move |id: PostId| {
        remove.dispatch_local(Change::new(async move {
            if report(error, api::content::remove_post(board, id).await).is_some() {
                refetch.notify();
            }
        }));
    });
    view! {
        <div class="content-tab" data-testid="content-tab">
            <HashtagForm board=board tracking=tracking known=Signal::derive(loaded) waiting=waiting refetch=refetch/>
            <ErrorMessage error=error/>
            <AddPostBox board=board refetch=refetch/>
            {move || failed.get().map(|message| view! { <p class="error">{message}</p> })}
            {move || (!loaded() && failed.with(Option::is_none)).then(|| view! { <p class="loading">"Loading…"</p> })}
            {move || has_posts().then(|| view! {
                <p class="content-totals" data-testid="content-totals">
                    {move || found.with(|f| f.as_ref().map(|f| totals_line(&f.totals)))}
                </p>
            })}
            <Show when=has_posts fallback=move || loaded().then(|| view! {
                <div class="empty-state" data-testid="content-empty">
                    {move || match tracking.get() {
                        Some(tracking) => format!(
                            "No posts with #{} yet. They show here once an influencer of this board posts with it, with their likes, comments and views. When a platform cannot be read, add the post by hand.",
                            tracking.hashtag
                        ),
                        None => "No posts yet. Track a hashtag above: the posts of this board's influencers that carry it show here with their figures. Or add a post by hand, by its link.".to_owned(),
                    }}
                </div>
            })>
                <div class="table-scroll">
                    <table class="list content-table" data-testid="content-table">
                        <thead>
                            <tr>
                                <th scope="col"><span class="sr-only">"Picture"</span></th>
                                <th scope="col">"Author"</th>
                                {SORTS.into_iter().map(|(choice, label)| view! {
                                    <th scope="col" class:num=choice != ContentSort::Newest
                                        aria-sort=move || if sort.get() == choice { "descending" } else { "none" }>
                                        <button type="button" class="sort"
                                            data-testid=format!("sort-{}", api::content::sort_key(choice))
                                            aria-pressed=move || (sort.get() == choice).to_string()
                                            on:click=move |_| sort.set(choice)>
                                            {label}{move || if sort.get() == choice { " ▾" } else { "" }}
                                        </button>
                                    </th>
                                }).collect_view()}
                                <th scope="col">"Found with"</th>
                                <th scope="col"><span class="sr-only">"Actions"</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            {move || posts.get().into_iter().map(|post| view! {
                                <PostRow post=post on_remove=remove_post removing=remove.pending()/>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </Show>
        </div>
    }
}

/// What the board tracks (once `known`: read), and the form to change it.
#[component]
fn HashtagForm(
    board: BoardId,
    tracking: Memo<Option<Tracking>>,
    known: Signal<bool>,
    waiting: RwSignal<Option<(usize, u32)>>,
    refetch: Trigger,
) -> impl IntoView {
    let error = RwSignal::new(None::<ApiError>);
    let typed = RwSignal::new(String::new());
    let changes = Action::new_local(Change::run);
    let set = move |hashtag: Option<String>| {
        let tracks = hashtag.is_some();
        changes.dispatch_local(Change::new(async move {
            if let Some(found) = report(error, api::content::set_hashtag(board, hashtag).await) {
                typed.try_set(String::new());
                waiting.try_set(tracks.then_some((found.posts.len(), POLL_TIMES)));
                refetch.notify();
            }
        }));
    };
    view! {
        <section class="content-hashtag">
            <p data-testid="content-tracking"><strong>{move || known.get().then(|| tracking_line(tracking.get().as_ref()))}</strong></p>
            <form class="inline" on:submit=move |ev| { ev.prevent_default(); set(Some(typed.get_untracked())); }>
                <input data-testid="hashtag-input" placeholder="#summerlaunch" aria-label="Hashtag to track"
                    autocomplete="off" prop:value=typed on:input=move |ev| typed.set(event_target_value(&ev))/>
                <button type="submit" data-testid="hashtag-save" disabled=move || changes.pending().get()>"Track"</button>
                <Show when=move || tracking.with(Option::is_some)>
                    <button type="button" class="secondary" data-testid="hashtag-stop"
                        disabled=move || changes.pending().get() on:click=move |_| set(None)>"Stop tracking"</button>
                </Show>
            </form>
            <ErrorMessage error=error/>
            {move || waiting.get().map(|_| view! {
                <p class="muted small" data-testid="content-looking">"Looking for posts with the hashtag…"</p>
            })}
            <p class="muted small">"One hashtag a board. Only that exact tag counts, in any case: #summer does not catch #summersale. Posts are collected from the moment it is set, with their figures read again for 30 days; changing or stopping the hashtag keeps the posts found."</p>
        </section>
    }
}

/// One post of the table.
#[component]
fn PostRow(post: TrackedPost, on_remove: Callback<PostId>, removing: Memo<bool>) -> impl IntoView {
    let figures = &post.post;
    let id = figures.id;
    let count = |value: Option<i64>| {
        let title = value.map(grouped).unwrap_or_default();
        let shown = value.map_or_else(|| "—".to_owned(), compact);
        (title, shown)
    };
    let (likes_title, likes) = count(figures.likes);
    let (comments_title, comments) = count(figures.comments);
    let (views_title, views) = count(figures.views);
    let date = figures
        .posted_at
        .map_or_else(|| "—".to_owned(), |at| at.format("%Y-%m-%d").to_string());
    let found_with = post
        .hashtag
        .as_ref()
        .map_or_else(|| "by hand".to_owned(), |tag| format!("#{tag}"));
    let caption = figures.caption.clone().unwrap_or_default();
    let link = web_link(figures.link.as_deref());
    let platform = figures.platform.label();
    let icon = platform_icon(figures.platform);
    let thumbnail = figures.thumbnail_url.clone();
    view! {
        <tr data-testid="content-post">
            <td class="thumb">
                {match thumbnail {
                    Some(src) => view! { <img src=src alt="" loading="lazy" width="48" height="48"/> }.into_any(),
                    None => view! { <span class="no-thumb" aria-hidden="true">{icon}</span> }.into_any(),
                }}
            </td>
            <td class="author" title=caption>
                <strong data-testid="content-author">{post.influencer_name.clone()}</strong>
                <span class="muted small">{format!("{platform} · {}", post.handle)}</span>
            </td>
            <td class="date" data-testid="content-date">{date}</td>
            <td class="num" data-testid="content-likes" title=likes_title>{likes}</td>
            <td class="num" data-testid="content-comments" title=comments_title>{comments}</td>
            <td class="num" data-testid="content-views" title=views_title>{views}</td>
            <td class="num" data-testid="content-engagement">{rate(post.engagement_rate)}</td>
            <td data-testid="content-found-with">{found_with}</td>
            <td class="actions">
                {link.map(|link| view! { <a href=link target="_blank" rel="noopener" data-testid="content-open">"Open"</a> })}
                <button type="button" class="danger-link" data-testid="content-remove" disabled=move || removing.get()
                    on:click=move |_| on_remove.run(id)>"Remove"</button>
            </td>
        </tr>
    }
}

/// "Add a post by hand", and its form once opened.
#[component]
fn AddPostBox(board: BoardId, refetch: Trigger) -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <Show when=move || open.get() fallback=move || view! {
            <p><button type="button" class="secondary" data-testid="post-add-open" on:click=move |_| open.set(true)>"Add a post by hand"</button></p>
        }>
            <PostForm board=board open=open refetch=refetch/>
        </Show>
    }
}

/// A post added by hand: whose account, its link, when, and its figures.
#[component]
fn PostForm(board: BoardId, open: RwSignal<bool>, refetch: Trigger) -> impl IntoView {
    let page = use_board();
    let error = RwSignal::new(None::<ApiError>);
    // The board's influencers, by name.
    let influencers = Memo::new(move |_| {
        let mut all: Vec<(String, InfluencerId)> = page.columns.with(|columns| {
            columns
                .iter()
                .flat_map(|column| &column.cards)
                .map(|card| (card.influencer.display_name.clone(), card.influencer.id))
                .collect()
        });
        all.sort_by(|a, b| {
            a.0.to_lowercase()
                .cmp(&b.0.to_lowercase())
                .then(a.1.cmp(&b.1))
        });
        all.dedup();
        all
    });
    let picked = RwSignal::new(None::<InfluencerId>);
    let influencer = Memo::new(move |_| {
        let chosen = picked.get();
        influencers.with(|all| {
            chosen
                .filter(|id| all.iter().any(|(_, i)| i == id))
                .or_else(|| all.first().map(|(_, id)| *id))
        })
    });
    // The chosen influencer's accounts (the board lists them without their ids).
    let accounts = LocalResource::new(move || {
        let chosen = influencer.get();
        async move {
            match chosen {
                Some(id) => api::influencers::get_influencer(id)
                    .await
                    .map(|found| found.accounts),
                None => Ok(Vec::new()),
            }
        }
    });
    let loaded = Memo::new(move |_| accounts.get().and_then(Result::ok).unwrap_or_default());
    let picked_account = RwSignal::new(None::<AccountId>);
    let account = Memo::new(move |_| {
        let chosen = picked_account.get();
        loaded.with(|all: &Vec<PlatformAccount>| {
            chosen
                .filter(|id| all.iter().any(|a| a.id == *id))
                .or_else(|| all.first().map(|a| a.id))
        })
    });
    let link = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let likes = RwSignal::new(String::new());
    let comments = RwSignal::new(String::new());
    let views = RwSignal::new(String::new());
    let caption = RwSignal::new(String::new());
    let save = Action::new_local(Change::run);
    let submit = move || {
        let Some(account_id) = account.get_untracked() else {
            error.set(Some(ApiError::local(
                422,
                "validation_failed",
                "Choose the influencer's account the post is on.",
            )));
            return;
        };
        let (Ok(likes), Ok(comments), Ok(views)) = (
            figure(&likes.get_untracked()),
            figure(&comments.get_untracked()),
            figure(&views.get_untracked()),
        ) else {
            error.set(Some(ApiError::local(
                422,
                "validation_failed",
                "Likes, comments and views are whole numbers (or left empty).",
            )));
            return;
        };
        let caption = caption.get_untracked().trim().to_owned();
        let request = AddPost {
            account_id,
            link: link.get_untracked().trim().to_owned(),
            posted_at: posted_at(&date.get_untracked()),
            caption: (!caption.is_empty()).then_some(caption),
            likes,
            comments,
            views,
        };
        save.dispatch_local(Change::new(async move {
            if report(error, api::content::add_post(board, &request).await).is_some() {
                open.try_set(false);
                refetch.notify();
            }
        }));
    };
    let text_input = |signal: RwSignal<String>| move |ev| signal.set(event_target_value(&ev));
    view! {
        <form class="post-form" data-testid="post-form" on:submit=move |ev| { ev.prevent_default(); submit(); }>
            <h3>"Add a post by hand"</h3>
            <p class="muted small">"For a post the platform does not let Rapport read (TikTok, say): paste its link and type its figures in."</p>
            <div class="post-fields">
                <label>"Influencer"
                    <select data-testid="post-influencer" on:change=move |ev| picked.set(event_target_value(&ev).parse().ok())>
                        {move || influencers.get().into_iter().map(|(name, id)| view! {
                            <option value=id.to_string() selected=move || influencer.get() == Some(id)>{name}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>"Account"
                    <select data-testid="post-account" on:change=move |ev| picked_account.set(event_target_value(&ev).parse().ok())>
                        {move || loaded.get().into_iter().map(|found| {
                            let id = found.id;
                            view! {
                                <option value=id.to_string() selected=move || account.get() == Some(id)>
                                    {format!("{} · {}", found.platform.label(), found.handle)}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                </label>
                <label class="wide">"Link"
                    <input data-testid="post-link" inputmode="url" autocomplete="off"
                        placeholder="https://www.tiktok.com/@name/video/…" prop:value=link on:input=text_input(link)/>
                </label>
                <label>"Posted (optional)"
                    <input data-testid="post-date" type="datetime-local" prop:value=date on:input=text_input(date)/>
                </label>
                <label>"Likes"
                    <input data-testid="post-likes" inputmode="numeric" autocomplete="off" prop:value=likes on:input=text_input(likes)/>
                </label>
                <label>"Comments"
                    <input data-testid="post-comments" inputmode="numeric" autocomplete="off" prop:value=comments on:input=text_input(comments)/>
                </label>
                <label>"Views"
                    <input data-testid="post-views" inputmode="numeric" autocomplete="off" prop:value=views on:input=text_input(views)/>
                </label>
                <label class="wide">"Caption (optional)"
                    <textarea data-testid="post-caption" rows="2" prop:value=caption on:input=text_input(caption)></textarea>
                </label>
            </div>
            <ErrorMessage error=error/>
            <div class="dialog-actions">
                <button type="button" class="secondary" data-testid="post-cancel" on:click=move |_| open.set(false)>"Cancel"</button>
                <button type="submit" data-testid="post-save" disabled=move || save.pending().get()>"Add the post"</button>
            </div>
        </form>
    }
}

#[cfg(test)]
#[path = "content_tests.rs"]
mod tests;
