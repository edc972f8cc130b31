//! The influencer's accounts, with their stats.

use leptos::prelude::*;
use rapport_domain::influencers::PlatformAccount;

use crate::format::compact;

/// Each account: a link to the profile, followers and engagement when known.
#[component]
pub fn Accounts(accounts: Vec<PlatformAccount>) -> impl IntoView {
    view! {
        <ul class="accounts big">
            {accounts.into_iter().map(|account| view! {
                <li>
                    <a href=account.url.clone() target="_blank" rel="noopener">{format!("{} {}", account.platform.label(), account.handle)}</a>
                    {match (account.followers, account.engagement_rate) {
                        (Some(f), Some(e)) => format!(" · {} followers · {:.1}% engagement", compact(f), e * 100.0),
                        (Some(f), None) => format!(" · {} followers", compact(f)),
                        _ => " · stats unknown until an integration reads them".to_owned(),
                    }}
                </li>
            }).collect_view()}
        </ul>
    }
}
