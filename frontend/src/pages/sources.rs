//! The team's data sources (`/sources`), in two tabs. Sources: uploading a list (`upload`),
//! connecting Mailchimp and Klaviyo lists (`connect`), connecting Instagram or a Facebook page
//! through Facebook Login (`facebook`, and `facebook_login` for `/sources/facebook`, where
//! Facebook sends the browser back), adding an influencer by hand and the daily digest
//! (`by_hand`), and a card per source (`cards`). Influencers (`matches`): who among the contacts
//! is a creator or one of the team's influencers.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use rapport_domain::facebook::MIN_FOLLOWERS_MAX;

use crate::app::on_demand;
use crate::session::use_session;

mod by_hand;
mod cards;
mod connect;
mod facebook;
pub mod facebook_login;
mod matches;
mod upload;

use by_hand::{AddByHand, DigestToggle};
use cards::SourceCards;
use connect::ConnectSection;
use facebook::FacebookSection;
use matches::matches_tab;
use upload::Upload;

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
            <p class="muted">"Find the creators who already know you: upload your customer lists, connect your Mailchimp and Klaviyo lists or your Instagram, and see who among them is a creator of the network or one of your influencers."</p>
            <div class="tabs" role="tablist">
                <button type="button" role="tab" data-testid="tab-sources" aria-selected=move || (!influencers_tab.get()).to_string()
                    on:click=move |_| influencers_tab.set(false)>"Sources"</button>
                <button type="button" role="tab" data-testid="tab-influencers" aria-selected=move || influencers_tab.get().to_string()
                    on:click=move |_| influencers_tab.set(true)>"Influencers"</button>
            </div>
            {move || match session.team.get() {
                None => view! { <p class="empty">"Choose a team first."</p> }.into_any(),
                Some(team) => if influencers_tab.get() {
                    on_demand(matches_tab(team)).into_any()
                } else {
                    view! {
                        <div class="source-adders">
                            <Upload team=team refetch=refetch/>
                            <ConnectSection team=team refetch=refetch/>
                            <FacebookSection team=team/>
                            <AddByHand team=team refetch=refetch/>
                        </div>
                        <DigestToggle team=team/>
                        <SourceCards team=team refetch=refetch/>
                    }.into_any()
                },
            }}
        </section>
    }
}

/// "1 contact", "3 contacts".
fn counted(count: i64, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}

/// Why a follower threshold was refused before it was sent.
const MIN_FOLLOWERS_INVALID: &str = "Followers: a whole number from 0 to 100,000,000.";

/// The followers a fan needs to count as an influencer, as typed ("1000", "1,000"): none unless
/// a whole number from 0 to `MIN_FOLLOWERS_MAX`.
fn min_followers(typed: &str) -> Option<i64> {
    let digits: String = typed
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '_'))
        .collect();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits
        .parse::<i64>()
        .ok()
        .filter(|count| *count <= MIN_FOLLOWERS_MAX)
}

/// The schedules a team picks from, in hours, as they read after "Sync every".
const SCHEDULES: [(u32, &str); 6] = [
    (1, "hour"),
    (3, "3 hours"),
    (6, "6 hours"),
    (12, "12 hours"),
    (24, "day"),
    (168, "week"),
];

/// The options of a schedule select, `current` selected (and listed last, if the API set another).
fn schedule_options(current: u32) -> impl IntoView {
    let mut options: Vec<(u32, String)> = SCHEDULES
        .iter()
        .map(|(hours, label)| (*hours, (*label).to_owned()))
        .collect();
    if !SCHEDULES.iter().any(|(hours, _)| *hours == current) {
        options.push((current, counted(i64::from(current), "hour", "hours")));
    }
    options
        .into_iter()
        .map(|(hours, label)| {
            view! { <option value=hours.to_string() selected=hours == current>{label}</option> }
        })
        .collect_view()
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use rapport_domain::list_providers::SYNC_EVERY_HOURS_DEFAULT;

    use super::*;

    #[test]
    fn schedules_read_after_sync_every() {
        let labels: Vec<&str> = SCHEDULES.iter().map(|(_, label)| *label).collect();
        assert_eq!(
            labels,
            ["hour", "3 hours", "6 hours", "12 hours", "day", "week"]
        );
        assert!(SCHEDULES
            .iter()
            .any(|(hours, _)| *hours == SYNC_EVERY_HOURS_DEFAULT));
        assert_eq!(counted(1, "member", "members"), "1 member");
        assert_eq!(counted(0, "match", "matches"), "0 matches");
    }

    #[test]
    fn thresholds_are_whole_numbers_in_range() {
        assert_eq!(min_followers("1000"), Some(1_000));
        assert_eq!(min_followers(" 1,000 "), Some(1_000));
        assert_eq!(min_followers("0"), Some(0));
        assert_eq!(min_followers("100000000"), Some(MIN_FOLLOWERS_MAX));
        assert_eq!(min_followers("100000001"), None);
        assert_eq!(min_followers("-5"), None);
        assert_eq!(min_followers("1.5"), None);
        assert_eq!(min_followers(""), None);
        assert_eq!(min_followers("99999999999999999999"), None);
    }
}
