//! Webhooks: a team's endpoints and the events they receive. The events live here, in one list
//! (and in the OpenAPI document through it): the activity's changes to influencers and cards, and
//! what the team is notified of (a connection accepted, a message, a match, a reminder due).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::activity::ActivityKind;
use crate::notifications::NotificationKind;
use crate::validation::{FieldErrors, Validate};
use crate::{WebhookDeliveryId, WebhookId};

/// Longest endpoint URL.
pub const URL_MAX: usize = 2_000;
/// Days an endpoint may fail before it is disabled.
pub const DISABLE_AFTER_DAYS: i64 = 3;
/// What every endpoint's secret starts with (Standard Webhooks' convention).
pub const SECRET_PREFIX: &str = "whsec_";

macro_rules! webhook_events {
    ($($(#[$doc:meta])* $variant:ident => $spelling:literal,)*) => {
        /// An event a webhook endpoint may receive.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum WebhookEvent {
            $($(#[$doc])* #[serde(rename = $spelling)] $variant,)*
        }

        impl WebhookEvent {
            /// Every event.
            pub const ALL: &'static [WebhookEvent] = &[$(WebhookEvent::$variant,)*];

            /// The spelling (`card.moved`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(WebhookEvent::$variant => $spelling,)*
                }
            }

            /// Reads the spelling back.
            pub fn parse(value: &str) -> Option<WebhookEvent> {
                match value {
                    $($spelling => Some(WebhookEvent::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

webhook_events! {
    /// An influencer was added to the team.
    InfluencerCreated => "influencer.created",
    /// An influencer's contact, shipping, tags or name changed.
    InfluencerUpdated => "influencer.updated",
    /// An influencer was put on a board.
    CardAdded => "card.added",
    /// A card moved.
    CardMoved => "card.moved",
    /// A card was removed from a board.
    CardRemoved => "card.removed",
    /// A creator accepted the team's invitation: they are connected.
    ConnectionAccepted => "connection.accepted",
    /// A message came to the team: from a connected creator in the app, or a reply by e-mail.
    MessageReceived => "message.received",
    /// A creator turned up among the team's data sources' contacts.
    MatchFound => "match.found",
    /// A reminder fell due.
    ReminderDue => "reminder.due",
    /// A test event, sent when asked (`POST /webhooks/{id}/test`).
    WebhookTest => "webhook.test",
}

// Written by hand, as for the activity's kinds: the spellings are serde renames.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for WebhookEvent {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::schema::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .description(Some("An event a webhook endpoint may receive."))
            .enum_values(Some(WebhookEvent::ALL.iter().map(|event| event.as_str())))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for WebhookEvent {}

impl WebhookEvent {
    /// The event of an activity's change, if endpoints may receive it.
    pub fn of_activity(kind: ActivityKind) -> Option<Self> {
        match kind {
            ActivityKind::InfluencerCreated => Some(Self::InfluencerCreated),
            ActivityKind::InfluencerUpdated | ActivityKind::InfluencerRenamed => {
                Some(Self::InfluencerUpdated)
            }
            ActivityKind::CardAdded => Some(Self::CardAdded),
            ActivityKind::CardMoved => Some(Self::CardMoved),
            ActivityKind::CardRemoved => Some(Self::CardRemoved),
            _ => None,
        }
    }

    /// The event of what a team is notified of, if endpoints may receive it.
    pub fn of_notification(kind: NotificationKind) -> Option<Self> {
        match kind {
            NotificationKind::InviteAccepted => Some(Self::ConnectionAccepted),
            NotificationKind::NewMessage => Some(Self::MessageReceived),
            NotificationKind::SourceMatch => Some(Self::MatchFound),
            NotificationKind::ReminderDue => Some(Self::ReminderDue),
            _ => None,
        }
    }

    /// The events stored as text (comma-separated, as given).
    pub fn join(events: &[WebhookEvent]) -> String {
        events
            .iter()
            .map(|event| event.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// The stored events read back (unknown ones skipped).
    pub fn split(text: &str) -> Vec<WebhookEvent> {
        text.split(',').filter_map(WebhookEvent::parse).collect()
    }
}

/// `POST /api/v1/teams/{team_id}/webhooks`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewWebhook {
    /// Where the events are POSTed (`https://…`; `http://` is taken too).
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 2000))]
    pub url: String,
    /// The events it receives (at least one).
    #[cfg_attr(feature = "openapi", schema(min_items = 1))]
    pub events: Vec<WebhookEvent>,
}

/// A new endpoint's fields, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointRequest {
    /// The URL, trimmed (the server reads its host before storing it).
    pub url: String,
    /// The events, each once, in the order given.
    pub events: Vec<WebhookEvent>,
}

impl Validate for NewWebhook {
    type Clean = EndpointRequest;

    fn validate(&self) -> Result<EndpointRequest, FieldErrors> {
        let mut errors = FieldErrors::default();
        let text = self.url.trim();
        let lower = text.to_ascii_lowercase();
        if text.chars().count() > URL_MAX {
            errors.add("url", "too_long", "A URL is at most 2,000 characters.");
        } else if !(lower.starts_with("https://") || lower.starts_with("http://"))
            || text.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            errors.add(
                "url",
                "invalid_url",
                "An endpoint is an http:// or https:// address.",
            );
        }
        let mut events = Vec::new();
        for event in &self.events {
            if !events.contains(event) {
                events.push(*event);
            }
        }
        if events.is_empty() {
            errors.add("events", "required", "Choose at least one event.");
        }
        errors.into_result()?;
        Ok(EndpointRequest {
            url: text.to_owned(),
            events,
        })
    }
}

/// An endpoint, as its team sees it (never its secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Webhook {
    /// Its id.
    pub id: WebhookId,
    /// Where events go.
    pub url: String,
    /// The events it receives.
    pub events: Vec<WebhookEvent>,
    /// When it was registered.
    pub created_at: DateTime<Utc>,
    /// Since when its deliveries fail, if they do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failing_since: Option<DateTime<Utc>>,
    /// When it was disabled (after failing for three days), if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disabled_at: Option<DateTime<Utc>>,
}

/// An endpoint just registered, with its secret (`whsec_…`): shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedWebhook {
    /// The endpoint.
    #[serde(flatten)]
    pub webhook: Webhook,
    /// The signing secret (Standard Webhooks: the bytes after `whsec_`, base64).
    pub secret: String,
}

/// A delivery's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// Not delivered yet (tried again later).
    Pending,
    /// The endpoint answered 2xx.
    Delivered,
    /// Given up.
    Failed,
}

impl DeliveryStatus {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Delivered => "delivered",
            Self::Failed => "failed",
        }
    }

    /// Reads the spelling back.
    pub fn parse(text: &str) -> Option<Self> {
        [Self::Pending, Self::Delivered, Self::Failed]
            .into_iter()
            .find(|status| status.as_str() == text)
    }
}

/// One event's delivery to an endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookDelivery {
    /// Its id (the `webhook-id` header).
    pub id: WebhookDeliveryId,
    /// The event.
    pub event: WebhookEvent,
    /// Where it stands.
    pub status: DeliveryStatus,
    /// Tries so far.
    pub attempts: i32,
    /// The endpoint's last answer's status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_status: Option<i32>,
    /// What went wrong last.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// When the event happened.
    pub created_at: DateTime<Utc>,
    /// When it was delivered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivered_at: Option<DateTime<Utc>>,
}
