//! The mark of a verified account (its creator proved it theirs by logging in on the platform):
//! on creator cards in the network, and in the creator's own list of accounts.

use leptos::prelude::*;
use rapport_domain::profiles::Platform;

/// A small "✓", read out as "Verified account".
#[component]
pub fn VerifiedMark(platform: Platform) -> impl IntoView {
    view! {
        <span class="verified-mark" role="img" data-testid="verified-mark" aria-label="Verified account"
            title=format!("Verified: the creator logged in on {}", platform.label())>"✓"</span>
    }
}
