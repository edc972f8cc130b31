//! Explore the network: filters in a sidebar (text, platforms, followers, engagement, countries,
//! categories, languages, order) with the count each choice would give, and the results as a grid
//! of creator cards, a page at a time.

use leptos::prelude::*;
use rapport_domain::creators::Category;
use rapport_domain::network::{ExplorePage, ExploreQuery, ExploreSort, FacetCount, NetworkCreator};
use rapport_domain::profiles::Platform;
use rapport_domain::TeamId;

use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::creator_card::CreatorCard;
use crate::components::errors::{report, ErrorMessage};
use crate::session::use_session;

/// Creators in a page of results.
const PAGE: u32 = 24;
/// Countries listed before "more".
const COUNTRIES_SHOWN: usize = 12;

/// The filters as the sidebar holds them.
#[derive(Clone, Default, PartialEq)]
struct Filters {
    q: String,
    platforms: Vec<Platform>,
    followers_min: String,
    followers_max: String,
    engagement_min: String,
    countries: Vec<String>,
    categories: Vec<Category>,
    languages: String,
    sort: ExploreSort,
}

impl Filters {
    fn query(&self, team: TeamId, cursor: Option<String>) -> ExploreQuery {
        let number = |text: &str| text.replace([',', ' ', '.'], "").parse::<i64>().ok();
        ExploreQuery {
            platform: self.platforms.clone(),
            followers_min: number(&self.followers_min),
            followers_max: number(&self.followers_max),
            engagement_min: self
                .engagement_min
                .trim()
                .trim_end_matches('%')
                .replace(',', ".")
                .parse::<f64>()
                .ok()
                .map(|percent| (percent / 100.0).clamp(0.0, 1.0)),
            country: self.countries.clone(),
            category: self.categories.clone(),
            language: self
                .languages
                .split([',', ' '])
                .filter(|l| !l.is_empty())
                .map(str::to_lowercase)
                .collect(),
            q: Some(self.q.clone()).filter(|q| !q.trim().is_empty()),
            sort: Some(self.sort),
            limit: Some(PAGE),
            cursor,
            ..ExploreQuery::for_team(team)
        }
    }
}

fn count_of(facet: &[FacetCount], value: &str) -> u64 {
    facet
        .iter()
        .find(|f| f.value == value)
        .map_or(0, |f| f.count)
}

/// The network page.
#[component]
pub fn NetworkPage() -> impl IntoView {
    let session = use_session();
    let filters = RwSignal::new(Filters::default());
    let error = RwSignal::new(None::<ApiError>);
    let first = LocalResource::new(move || {
        let team = session.team.get();
        let query = team.map(|team| filters.get().query(team, None));
        async move {
            match query {
                Some(query) => api::network::explore(&query).await.map(Some),
                None => Ok(None),
            }
        }
    });
    // The pages loaded after the first ("Show more").
    let more = RwSignal::new(Vec::<NetworkCreator>::new());
    let next = RwSignal::new(None::<String>);
    let facets = RwSignal::new(None::<ExplorePage>);
    Effect::new(move |_| {
        if let Some(Ok(Some(page))) = first.get() {
            more.try_set(Vec::new());
            next.try_set(page.next_cursor.clone());
            facets.set(Some(page));
        }
    });
    let loading_more = Action::new_local(Change::run);
    let show_more = move |_| {
        let (Some(team), Some(cursor)) = (session.team.get_untracked(), next.get_untracked())
        else {
            return;
        };
        let query = filters.get_untracked().query(team, Some(cursor));
        loading_more.dispatch_local(Change::new(async move {
            if let Some(page) = report(error, api::network::explore(&query).await) {
                next.try_set(page.next_cursor.clone());
                more.try_update(|items| items.extend(page.items));
            }
        }));
    };
    view! {
        <section class="network-page">
            <aside class="filters" data-testid="network-filters">
                <Sidebar filters=filters facets=facets/>
            </aside>
            <div class="network-main">
                <ErrorMessage error=error/>
                <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                    {move || first.get().map(|result| match result {
                        Err(failed) => view! { <p class="error">{failed.message()}</p> }.into_any(),
                        Ok(None) => view! { <p class="empty">"Join or create a team to explore the network."</p> }.into_any(),
                        Ok(Some(page)) => {
                            let team = session.team.get_untracked();
                            let Some(team) = team else { return ().into_any() };
                            let total = page.total;
                            view! {
                                <p class="muted" data-testid="network-total">
                                    {format!("{total} creator{}", if total == 1 { "" } else { "s" })}
                                </p>
                                {(total == 0).then(|| view! {
                                    <p class="empty" data-testid="network-empty">"No creator matches these filters."
                                        <button type="button" class="link" on:click=move |_| filters.set(Filters::default())>"Clear filters"</button>
                                    </p>
                                })}
                                <div class="creator-grid" data-testid="network-results">
                                    {page.items.into_iter().map(|creator| view! { <CreatorCard creator=creator team=team/> }).collect_view()}
                                    <For each=move || more.get() key=|creator| creator.profile.id let:creator>
                                        <CreatorCard creator=creator team=team/>
                                    </For>
                                </div>
                            }.into_any()
                        }
                    })}
                </Transition>
                <Show when=move || next.get().is_some()>
                    <button type="button" data-testid="network-more" on:click=show_more
                        disabled=move || loading_more.pending().get()>"Show more"</button>
                </Show>
            </div>
        </section>
    }
}

#[component]
fn Sidebar(filters: RwSignal<Filters>, facets: RwSignal<Option<ExplorePage>>) -> impl IntoView {
    let facet = move |pick: fn(&ExplorePage) -> &Vec<FacetCount>, value: &str| {
        facets.with(|page| page.as_ref().map_or(0, |page| count_of(pick(page), value)))
    };
    let text_field = move |get: fn(&Filters) -> &String, set: fn(&mut Filters, String)| {
        (
            move || filters.with(|f| get(f).clone()),
            move |ev| {
                let value = event_target_value(&ev);
                filters.update(|f| set(f, value));
            },
        )
    };
    let (q, set_q) = text_field(|f| &f.q, |f, v| f.q = v);
    let (fmin, set_fmin) = text_field(|f| &f.followers_min, |f, v| f.followers_min = v);
    let (fmax, set_fmax) = text_field(|f| &f.followers_max, |f, v| f.followers_max = v);
    let (emin, set_emin) = text_field(|f| &f.engagement_min, |f, v| f.engagement_min = v);
    let (langs, set_langs) = text_field(|f| &f.languages, |f, v| f.languages = v);
    let countries = move || {
        let chosen = filters.with(|f| f.countries.clone());
        let mut shown: Vec<FacetCount> = facets.with(|page| {
            page.as_ref()
                .map(|page| {
                    page.facets
                        .countries
                        .iter()
                        .take(COUNTRIES_SHOWN)
                        .cloned()
                        .collect()
                })
                .unwrap_or_default()
        });
        for code in chosen {
            if !shown.iter().any(|f| f.value == code) {
                shown.push(FacetCount {
                    value: code.clone(),
                    count: facet(|p| &p.facets.countries, &code),
                });
            }
        }
        shown
    };
    view! {
        <form class="stack" on:submit=|ev| ev.prevent_default()>
            <label>"Search"
                <input type="search" data-testid="filter-text" placeholder="Name, handle, bio, city"
                    prop:value=q on:change=set_q/>
            </label>
            <fieldset>
                <legend>"Platforms"</legend>
                {[Platform::Instagram, Platform::Tiktok, Platform::Youtube].into_iter().map(|platform| {
                    let on = move || filters.with(|f| f.platforms.contains(&platform));
                    view! {
                        <label class="check">
                            <input type="checkbox" data-testid="filter-platform" value=platform.as_str() prop:checked=on
                                on:change=move |ev| {
                                    let checked = event_target_checked(&ev);
                                    filters.update(|f| {
                                        f.platforms.retain(|p| *p != platform);
                                        if checked { f.platforms.push(platform); }
                                    });
                                }/>
                            {platform.label()}
                            <span class="count">{move || facet(|p| &p.facets.platforms, platform.as_str())}</span>
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <fieldset class="row">
                <legend>"Followers"</legend>
                <input data-testid="filter-followers-min" inputmode="numeric" placeholder="At least" aria-label="At least (followers)"
                    prop:value=fmin on:change=set_fmin/>
                <input data-testid="filter-followers-max" inputmode="numeric" placeholder="At most" aria-label="At most (followers)"
                    prop:value=fmax on:change=set_fmax/>
            </fieldset>
            <label>"Engagement at least (%)"
                <input data-testid="filter-engagement-min" inputmode="decimal" placeholder="e.g. 3"
                    prop:value=emin on:change=set_emin/>
            </label>
            <fieldset>
                <legend>"Country"</legend>
                {move || countries().into_iter().map(|country| {
                    let code = country.value.clone();
                    let on = {
                        let code = code.clone();
                        move || filters.with(|f| f.countries.contains(&code))
                    };
                    view! {
                        <label class="check">
                            <input type="checkbox" data-testid="filter-country" value=code.clone() prop:checked=on
                                on:change=move |ev| {
                                    let checked = event_target_checked(&ev);
                                    let code = code.clone();
                                    filters.update(|f| {
                                        f.countries.retain(|c| *c != code);
                                        if checked { f.countries.push(code); }
                                    });
                                }/>
                            {country.value.clone()}
                            <span class="count">{country.count}</span>
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <fieldset>
                <legend>"Category"</legend>
                {Category::ALL.iter().map(|category| {
                    let category = *category;
                    let on = move || filters.with(|f| f.categories.contains(&category));
                    view! {
                        <label class="check">
                            <input type="checkbox" data-testid="filter-category" value=category.as_str() prop:checked=on
                                on:change=move |ev| {
                                    let checked = event_target_checked(&ev);
                                    filters.update(|f| {
                                        f.categories.retain(|c| *c != category);
                                        if checked { f.categories.push(category); }
                                    });
                                }/>
                            {category.label()}
                            <span class="count">{move || facet(|p| &p.facets.categories, category.as_str())}</span>
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <label>"Languages (codes, like fr, en)"
                <input data-testid="filter-languages" prop:value=langs on:change=set_langs/>
            </label>
            <label>"Order"
                <select data-testid="filter-sort" on:change=move |ev| {
                    let sort = match event_target_value(&ev).as_str() {
                        "engagement" => ExploreSort::Engagement,
                        "newest" => ExploreSort::Newest,
                        _ => ExploreSort::Followers,
                    };
                    filters.update(|f| f.sort = sort);
                }>
                    <option value="followers">"Most followers"</option>
                    <option value="engagement">"Highest engagement"</option>
                    <option value="newest">"Newest"</option>
                </select>
            </label>
            <button type="button" class="link" data-testid="filter-clear" on:click=move |_| filters.set(Filters::default())>"Clear filters"</button>
        </form>
    }
}
