//! Choosing the platform of a bare username (links say their own).

use leptos::prelude::*;
use rapport_domain::profiles::Platform;

/// The platforms, in the order the app offers them.
const PLATFORMS: [Platform; 3] = [Platform::Instagram, Platform::Tiktok, Platform::Youtube];

/// A select of the platforms, with `placeholder` for none; the choice goes to `chosen`.
#[component]
pub fn PlatformSelect(
    testid: &'static str,
    placeholder: &'static str,
    chosen: RwSignal<Option<Platform>>,
    #[prop(optional)] label: Option<&'static str>,
) -> impl IntoView {
    view! {
        <select data-testid=testid aria-label=label
            on:change=move |ev| chosen.set(Platform::parse(&event_target_value(&ev)))>
            <option value="">{placeholder}</option>
            {PLATFORMS.iter().map(|platform| view! {
                <option value=platform.as_str() selected=move || chosen.get() == Some(*platform)>{platform.label()}</option>
            }).collect_view()}
        </select>
    }
}
