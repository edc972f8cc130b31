//! The Insights tab: each platform account's figures with where and when they were read (or
//! which integration is missing, or what went wrong), "Refresh now", figures typed in by hand,
//! the growth charts and the recent posts.

use leptos::prelude::*;
use rapport_domain::analytics::{AccountInsights, ManualStats, Post, StatsSource};
use rapport_domain::InfluencerId;

use crate::api;
use crate::change::Change;
use crate::components::errors::report;
use crate::components::influencer::growth::Growth;
use crate::contexts::influencer::use_influencer;
use crate::format::{compact, grouped};

/// How often the tab looks again while a refresh runs.
const POLL_EVERY: std::time::Duration = std::time::Duration::from_millis(1_500);

/// "Read from YouTube on 2026-12-01 08:40 UTC", "Typed in by hand on ...", "Not read yet".
fn provenance(account: &AccountInsights) -> String {
    let when = account
        .account
        .stats_updated_at
        .map(|at| at.format("%Y-%m-%d %H:%M UTC").to_string());
    match (account.source, when) {
        (Some(StatsSource::Manual), Some(when)) => format!("Typed in by hand on {when}"),
        (Some(source), Some(when)) => format!("Read from {} on {when}", source.label()),
        _ => "Not read yet".to_owned(),
    }
}

fn figure(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_owned(), |value| compact(value.round() as i64))
}

/// The Insights tab: its code (the figures, the charts) arrives the first time the tab opens, in
/// its own chunk of the web app, so the panel and the page load less.
#[component]
pub fn InsightsTab(influencer: InfluencerId) -> impl IntoView {
    crate::app::on_demand(insights_tab(influencer))
}

#[cfg(not(test))]
#[lazy]
fn insights_tab(influencer: InfluencerId) -> AnyView {
    view! { <Insights influencer=influencer/> }.into_any()
}

/// In unit tests, the same without the split.
#[cfg(test)]
async fn insights_tab(influencer: InfluencerId) -> AnyView {
    view! { <Insights influencer=influencer/> }.into_any()
}

/// The influencer's analytics, account by account.
#[component]
fn Insights(influencer: InfluencerId) -> impl IntoView {
    let error = use_influencer().error;
    let refetch = Trigger::new();
    let insights = LocalResource::new(move || {
        refetch.track();
        api::analytics::get_insights(influencer)
    });
    let refresh = Action::new_local(Change::run);
    let refresh_now = move |_| {
        refresh.dispatch_local(Change::new(async move {
            if report(error, api::analytics::refresh(influencer).await).is_some() {
                refetch.notify();
            }
        }));
    };
    view! {
        <section class="insights" data-testid="insights">
            <h3>"Insights"
                <button type="button" class="link" data-testid="insights-refresh"
                    disabled=move || refresh.pending().get() on:click=refresh_now>"Refresh now"</button>
            </h3>
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || insights.get().map(|result| match result {
                    Err(failed) => view! { <p class="error">{failed.message()}</p> }.into_any(),
                    Ok(found) => view! {
                        {found.refreshing.then(|| {
                            // Read again until the refresh has run (it is quick: a few calls an
                            // account), so its figures show by themselves.
                            set_timeout(move || refetch.notify(), POLL_EVERY);
                            view! { <p class="muted" data-testid="insights-refreshing">"Reading the figures again…"</p> }
                        })}
                        {found.accounts.into_iter().map(|account| view! {
                            <AccountCard influencer=influencer account=account refetch=refetch/>
                        }).collect_view()}
                        <p class="muted small">{format!(
                            "Figures are read again every {} hours. Engagement rate: the average likes and comments of the last 12 posts, divided by followers.",
                            found.refresh_every_hours
                        )}</p>
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn AccountCard(
    influencer: InfluencerId,
    account: AccountInsights,
    refetch: Trigger,
) -> impl IntoView {
    let id = account.account.id;
    let platform = account.account.platform;
    let source = provenance(&account);
    let engagement = account
        .account
        .engagement_rate
        .map_or_else(|| "—".to_owned(), |rate| format!("{:.2} %", rate * 100.0));
    let followers = account
        .account
        .followers
        .map_or_else(|| "—".to_owned(), grouped);
    let posts = account
        .account
        .posts
        .map_or_else(|| "—".to_owned(), grouped);
    let followers_word = if platform == rapport_domain::profiles::Platform::Youtube {
        "Subscribers"
    } else {
        "Followers"
    };
    view! {
        <article class="insight" data-testid="insight-account">
            <h4>
                <span class="platform">{platform.label()}</span>" "
                <a href=account.account.url.clone() target="_blank" rel="noopener">{account.account.handle.clone()}</a>
            </h4>
            <p class="muted small" data-testid="insight-source">{source}</p>
            {account.advice.clone().map(|advice| view! { <p class="notice" data-testid="insight-missing">{advice}</p> })}
            {account.problem.clone().map(|problem| view! { <p class="warning" data-testid="insight-problem">{problem}</p> })}
            <dl class="figures" data-testid="insight-figures">
                <div><dt>{followers_word}</dt><dd data-testid="insight-followers">{followers}</dd></div>
                <div><dt>"Posts"</dt><dd>{posts}</dd></div>
                <div><dt>"Engagement"</dt><dd data-testid="insight-engagement">{engagement}</dd></div>
                <div><dt>"Avg. likes"</dt><dd>{figure(account.avg_likes)}</dd></div>
                <div><dt>"Avg. comments"</dt><dd>{figure(account.avg_comments)}</dd></div>
                <div><dt>"Avg. views"</dt><dd>{figure(account.avg_views)}</dd></div>
            </dl>
            <Growth influencer=influencer account=id followers_word=followers_word/>
            <TypeIn influencer=influencer account=account.clone() refetch=refetch/>
            <RecentPosts posts=account.recent_posts.clone()/>
        </article>
    }
}

/// "Type figures in": a form for when the platform cannot be read.
#[component]
fn TypeIn(influencer: InfluencerId, account: AccountInsights, refetch: Trigger) -> impl IntoView {
    let error = use_influencer().error;
    let id = account.account.id;
    let open = RwSignal::new(false);
    let text = |value: Option<f64>| {
        value
            .map(|v| format!("{}", v.round() as i64))
            .unwrap_or_default()
    };
    let followers = RwSignal::new(text(account.account.followers.map(|f| f as f64)));
    let posts = RwSignal::new(text(account.account.posts.map(|p| p as f64)));
    let likes = RwSignal::new(text(account.avg_likes));
    let comments = RwSignal::new(text(account.avg_comments));
    let views = RwSignal::new(text(account.avg_views));
    let save = Action::new_local(Change::run);
    let submit = move || {
        let number = |signal: RwSignal<String>| {
            signal
                .get_untracked()
                .trim()
                .replace(',', "")
                .parse::<f64>()
                .ok()
        };
        let stats = ManualStats {
            followers: number(followers).map(|v| v as i64),
            posts: number(posts).map(|v| v as i64),
            avg_likes: number(likes),
            avg_comments: number(comments),
            avg_views: number(views),
        };
        save.dispatch_local(Change::new(async move {
            if report(
                error,
                api::analytics::set_stats(influencer, id, &stats).await,
            )
            .is_some()
            {
                open.set(false);
                refetch.notify();
            }
        }));
    };
    view! {
        <Show when=move || open.get() fallback=move || view! {
            <button type="button" class="link" data-testid="insight-type-in" on:click=move |_| open.set(true)>"Type figures in"</button>
        }>
            <form class="grid figures-form" data-testid="insight-form" on:submit=move |ev| { ev.prevent_default(); submit(); }>
                <label>"Followers"<input data-testid="type-followers" inputmode="numeric" prop:value=followers on:input=move |ev| followers.set(event_target_value(&ev))/></label>
                <label>"Posts"<input data-testid="type-posts" inputmode="numeric" prop:value=posts on:input=move |ev| posts.set(event_target_value(&ev))/></label>
                <label>"Avg. likes"<input data-testid="type-likes" inputmode="numeric" prop:value=likes on:input=move |ev| likes.set(event_target_value(&ev))/></label>
                <label>"Avg. comments"<input data-testid="type-comments" inputmode="numeric" prop:value=comments on:input=move |ev| comments.set(event_target_value(&ev))/></label>
                <label>"Avg. views"<input data-testid="type-views" inputmode="numeric" prop:value=views on:input=move |ev| views.set(event_target_value(&ev))/></label>
                <div class="dialog-actions">
                    <button type="button" class="secondary" on:click=move |_| open.set(false)>"Cancel"</button>
                    <button type="submit" data-testid="type-save" disabled=move || save.pending().get()>"Save figures"</button>
                </div>
            </form>
        </Show>
    }
}

/// The account's newest posts with their figures.
#[component]
fn RecentPosts(posts: Vec<Post>) -> impl IntoView {
    if posts.is_empty() {
        return view! { <p class="muted small">"No posts read yet."</p> }.into_any();
    }
    view! {
        <h5>"Recent posts"</h5>
        <ul class="recent-posts" data-testid="recent-posts">
            {posts.into_iter().map(|post| {
                let caption: String = post.caption.clone().unwrap_or_default().chars().take(120).collect();
                let when = post.posted_at.map(|at| at.format("%Y-%m-%d").to_string()).unwrap_or_default();
                let numbers = [
                    post.likes.map(|n| format!("{} likes", compact(n))),
                    post.comments.map(|n| format!("{} comments", compact(n))),
                    post.views.map(|n| format!("{} views", compact(n))),
                ].into_iter().flatten().collect::<Vec<_>>().join(" · ");
                view! {
                    <li data-testid="recent-post">
                        {post.thumbnail_url.clone().map(|src| view! { <img src=src alt="" loading="lazy" width="56" height="56"/> })}
                        <div>
                            <p class="caption">{caption}</p>
                            <p class="muted small">{when}" · "{numbers}" "
                                {post.link.clone().map(|link| view! { <a href=link target="_blank" rel="noopener">"Open"</a> })}
                            </p>
                        </div>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
