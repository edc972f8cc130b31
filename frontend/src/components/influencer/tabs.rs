//! The influencer view's tabs, the same in the board's panel and on the influencer's page:
//! Overview (labels, contact and shipping, notes, reminders), Insights, Chat, Team comments and
//! History.

use leptos::prelude::*;

/// A tab of the influencer view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// Labels, contact and shipping, notes, reminders.
    Overview,
    /// Analytics, charts, recent posts.
    Insights,
    /// The conversation.
    Chat,
    /// Team comments.
    Comments,
    /// What happened.
    History,
}

impl Tab {
    /// Every tab, in order.
    pub const ALL: [Tab; 5] = [
        Self::Overview,
        Self::Insights,
        Self::Chat,
        Self::Comments,
        Self::History,
    ];

    /// The `?tab=` spelling.
    pub fn key(self) -> &'static str {
        match self {
            Self::Overview => "details",
            Self::Insights => "insights",
            Self::Chat => "chat",
            Self::Comments => "comments",
            Self::History => "history",
        }
    }

    /// The tab a `?tab=` names (Overview otherwise).
    pub fn from_key(key: Option<&str>) -> Self {
        Self::ALL
            .into_iter()
            .find(|tab| Some(tab.key()) == key)
            .unwrap_or(Self::Overview)
    }

    fn label(self) -> &'static str {
        match self {
            Self::Overview => "Overview",
            Self::Insights => "Insights",
            Self::Chat => "Chat",
            Self::Comments => "Team comments",
            Self::History => "History",
        }
    }
}

/// The tab bar.
#[component]
pub fn InfluencerTabs(tab: RwSignal<Tab>) -> impl IntoView {
    view! {
        <div class="tabs" role="tablist">
            {Tab::ALL.into_iter().map(|choice| view! {
                <button type="button" role="tab" data-testid=format!("tab-{}", choice.key())
                    aria-selected=move || (tab.get() == choice).to_string()
                    on:click=move |_| tab.set(choice)>{choice.label()}</button>
            }).collect_view()}
        </div>
    }
}
