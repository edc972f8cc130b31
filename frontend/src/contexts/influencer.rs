//! The state an influencer's parts share: in the board's panel and on the influencer's page.

use leptos::prelude::*;

use crate::api::ApiError;

/// Provided by the panel and by the influencer page.
#[derive(Clone, Copy)]
pub struct InfluencerContext {
    /// Notified after a change to the influencer or to the card (details saved, a label applied):
    /// the influencer, the card and the history are read again.
    pub refetch: Trigger,
    /// The last failed change, shown above the parts.
    pub error: RwSignal<Option<ApiError>>,
    /// Whether the card's labels are being chosen (kept while the card is read again after each
    /// choice).
    pub editing_labels: RwSignal<bool>,
}

impl InfluencerContext {
    /// Fresh state.
    pub fn new() -> Self {
        Self {
            refetch: Trigger::new(),
            error: RwSignal::new(None),
            editing_labels: RwSignal::new(false),
        }
    }
}

impl Default for InfluencerContext {
    fn default() -> Self {
        Self::new()
    }
}

/// The influencer's state (panics outside the panel and the influencer page: a mistake in the
/// code).
pub fn use_influencer() -> InfluencerContext {
    expect_context::<InfluencerContext>()
}
