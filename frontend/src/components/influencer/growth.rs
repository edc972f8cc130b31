//! An account's growth: followers over 30 days, 90 days, a year or all that is kept, and the
//! engagement trend, drawn as SVG, with the figures in a table for screen readers.

use leptos::prelude::*;
use rapport_domain::analytics::{ChartRange, SnapshotPoint};
use rapport_domain::{AccountId, InfluencerId};

use crate::api;
use crate::chart::{change_percent, plot};
use crate::format::{compact, grouped};

const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 140.0;

/// The charts of one account.
#[component]
pub fn Growth(
    influencer: InfluencerId,
    account: AccountId,
    followers_word: &'static str,
) -> impl IntoView {
    let range = RwSignal::new(ChartRange::Days90);
    let history = LocalResource::new(move || {
        let range = range.get();
        api::analytics::history(influencer, account, range)
    });
    view! {
        <div class="growth" data-testid="growth">
            <div class="ranges" role="group" aria-label="Period">
                {ChartRange::ALL.into_iter().map(|choice| view! {
                    <button type="button" class="range" data-testid=format!("range-{}", choice.as_str())
                        aria-pressed=move || (range.get() == choice).to_string()
                        on:click=move |_| range.set(choice)>{choice.label()}</button>
                }).collect_view()}
            </div>
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || history.get().map(|result| match result {
                    Err(failed) => view! { <p class="error">{failed.message()}</p> }.into_any(),
                    Ok(found) if found.points.is_empty() => view! {
                        <p class="muted small" data-testid="growth-empty">"No figures over this period yet: each reading adds a day."</p>
                    }.into_any(),
                    Ok(found) => view! { <Charts points=found.points followers_word=followers_word/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Charts(points: Vec<SnapshotPoint>, followers_word: &'static str) -> impl IntoView {
    let followers: Vec<_> = points
        .iter()
        .filter_map(|point| point.followers.map(|f| (point.day, f as f64)))
        .collect();
    let engagement: Vec<_> = points
        .iter()
        .filter_map(|point| point.engagement_rate.map(|rate| (point.day, rate * 100.0)))
        .collect();
    let growth = match (followers.first(), followers.last()) {
        (Some((_, first)), Some((_, last))) => {
            let change = change_percent(*first, *last)
                .map(|change| format!(" ({change})"))
                .unwrap_or_default();
            format!(
                "{} → {}{change}",
                compact(*first as i64),
                compact(*last as i64)
            )
        }
        _ => String::new(),
    };
    view! {
        <Chart testid="chart-followers" title=format!("{followers_word}: {growth}") series=followers
            label=|value: f64| compact(value.round() as i64)/>
        <Chart testid="chart-engagement" title="Engagement rate".to_owned() series=engagement
            label=|value: f64| format!("{value:.2} %")/>
        <table class="sr-only" data-testid="chart-table">
            <caption>{format!("{followers_word} and engagement by day")}</caption>
            <thead><tr><th scope="col">"Day"</th><th scope="col">{followers_word}</th><th scope="col">"Engagement rate"</th></tr></thead>
            <tbody>
                {points.into_iter().map(|point| view! {
                    <tr>
                        <td>{point.day.to_string()}</td>
                        <td>{point.followers.map(grouped).unwrap_or_default()}</td>
                        <td>{point.engagement_rate.map(|rate| format!("{:.2} %", rate * 100.0)).unwrap_or_default()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn Chart(
    testid: &'static str,
    title: String,
    series: Vec<(chrono::NaiveDate, f64)>,
    label: fn(f64) -> String,
) -> impl IntoView {
    let Some(drawn) = plot(&series, WIDTH, HEIGHT) else {
        return view! { <p class="muted small">{format!("{title}: not known over this period.")}</p> }.into_any();
    };
    let dots = if drawn.dots.len() <= 60 {
        drawn.dots.clone()
    } else {
        Vec::new()
    };
    view! {
        <figure class="chart" data-testid=testid>
            <figcaption>{title}</figcaption>
            <div class="chart-body" aria-hidden="true">
                <div class="y-axis"><span>{label(drawn.high)}</span><span>{label(drawn.low)}</span></div>
                <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") preserveAspectRatio="none" focusable="false">
                    <path class="chart-area" d=drawn.area.clone()/>
                    <path class="chart-line" d=drawn.line.clone() vector-effect="non-scaling-stroke"/>
                    {dots.into_iter().map(|(x, y)| view! {
                        <line class="chart-dot" x1=x y1=y x2=x y2=y vector-effect="non-scaling-stroke"/>
                    }).collect_view()}
                </svg>
            </div>
            <div class="x-axis" aria-hidden="true"><span>{drawn.first.to_string()}</span><span>{drawn.last.to_string()}</span></div>
        </figure>
    }
    .into_any()
}
