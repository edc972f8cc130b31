//! YouTube Data API v3 with a team's API key or a creator's OAuth token (which also reads their
//! own channel, `mine=true`): a channel's public profile and statistics
//! (`/youtube/v3/channels`), its uploads a page at a time (`/youtube/v3/playlistItems` on the
//! channel's uploads playlist, its id with `UC` turned into `UU`), and its videos' statistics
//! (`/youtube/v3/videos`, up to 50 ids a call). The key goes in the `key` query parameter, the
//! token in `Authorization: Bearer`, and neither into an error's words.
//!
//! Every call costs one quota unit of the project's daily 10,000; [`YouTube::units_used`]
//! counts the calls sent (clones share the count) so callers can budget. A spent quota is a 403
//! with reason `quotaExceeded` ([`ProviderError::RateLimited`] without a `retry_after`:
//! [`quota_resets_after`] says how long until the quota is renewed); a refused key is
//! [`ProviderError::Refused`]; a 5xx, a timeout or no connection is
//! [`ProviderError::Unavailable`]. YouTube gives counts as strings; a count that is missing or
//! unreadable is none, never a failed answer.

#[cfg(test)]
mod tests;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Timelike, Utc};
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

use crate::list_providers::{answer, base_url, send, ProviderError};

/// Where YouTube is, unless configured.
pub const DEFAULT_BASE: &str = "https://www.googleapis.com";
/// The most ids `videos` takes in one call (and the most items a page of uploads holds).
pub const MAX_IDS: usize = 50;
/// The hour (UTC) at which the daily quota is renewed: YouTube renews it at midnight Pacific
/// time, which is 08:00 UTC in winter and 07:00 UTC in summer; 08:00 is never too early.
pub const QUOTA_RESET_HOUR_UTC: u32 = 8;

/// Reasons of a spent quota or too many calls.
const QUOTA_REASONS: [&str; 4] = [
    "quotaExceeded",
    "rateLimitExceeded",
    "dailyLimitExceeded",
    "userRateLimitExceeded",
];
/// Reasons of a key YouTube does not take.
const KEY_REASONS: [&str; 8] = [
    "keyInvalid",
    "keyExpired",
    "forbidden",
    "accessNotConfigured",
    "ipRefererBlocked",
    "API_KEY_INVALID",
    "API_KEY_SERVICE_BLOCKED",
    "SERVICE_DISABLED",
];

/// A YouTube client for one API key. Clones share the count of quota units used.
#[derive(Clone)]
pub struct YouTube {
    http: reqwest::Client,
    base: url::Url,
    credential: Credential,
    units: Arc<AtomicU64>,
}

/// What a client proves itself with.
#[derive(Clone)]
enum Credential {
    /// A team's API key (public data only), in the query.
    Key(String),
    /// A creator's OAuth access token (their own channel too), in `Authorization: Bearer`.
    Token(String),
}

impl std::fmt::Debug for YouTube {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The key stays out of logs.
        f.debug_struct("YouTube")
            .field("base", &self.base.as_str())
            .field("units_used", &self.units_used())
            .finish_non_exhaustive()
    }
}

/// Which channel to look up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChannelRef {
    /// Its handle, with or without the leading `@` ("@leoruns", "leoruns").
    Handle(String),
    /// Its id ("UCx3l9H1z4Yd0bQv6Tqk2AbC").
    Id(String),
    /// The channel of the creator whose token the client holds (`mine=true`).
    Mine,
}

/// A channel's public profile and statistics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Channel {
    /// YouTube's id ("UC...").
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its handle as YouTube writes it ("@leoruns").
    pub custom_url: Option<String>,
    /// Its picture: the largest of the high, medium and default thumbnails given.
    pub thumbnail: Option<String>,
    /// Its country (ISO 3166-1 alpha-2), when it says.
    pub country: Option<String>,
    /// Its subscribers; none when the channel hides the count.
    pub subscribers: Option<i64>,
    /// Its views in all.
    pub views: Option<i64>,
    /// Its public videos.
    pub videos: Option<i64>,
}

/// A page of a channel's uploads, newest first, and where the next one starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadsPage {
    /// The uploads.
    pub items: Vec<Upload>,
    /// The page token of the next page; none after the last.
    pub next: Option<String>,
}

/// One of a channel's uploads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    /// The video's id.
    pub video_id: String,
    /// Its title.
    pub title: String,
    /// Its description.
    pub description: String,
    /// When the video was published (when it joined the playlist if YouTube does not say).
    pub published_at: Option<DateTime<Utc>>,
    /// Its picture: the largest of the high, medium and default thumbnails given.
    pub thumbnail: Option<String>,
}

/// A video's public statistics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VideoStats {
    /// The video's id.
    pub id: String,
    /// Its views.
    pub views: Option<i64>,
    /// Its likes; none when the channel hides them.
    pub likes: Option<i64>,
    /// Its comments; none when they are turned off.
    pub comments: Option<i64>,
}

/// How long from `now` until YouTube renews the daily quota, taken as the next 08:00 UTC
/// (midnight Pacific standard time; in summer the quota is renewed an hour before). At 08:00
/// sharp the next renewal is a day away.
pub fn quota_resets_after(now: DateTime<Utc>) -> Duration {
    const DAY: u64 = 24 * 60 * 60;
    let reset = u64::from(QUOTA_RESET_HOUR_UTC) * 60 * 60;
    let since_midnight = u64::from(now.num_seconds_from_midnight());
    let seconds = if since_midnight < reset {
        reset - since_midnight
    } else {
        DAY - since_midnight + reset
    };
    // The nanoseconds (more than a second's worth within a leap second) come off the wait.
    Duration::from_secs(seconds).saturating_sub(Duration::from_nanos(u64::from(now.nanosecond())))
}

#[derive(Deserialize)]
struct ChannelList {
    #[serde(default)]
    items: Vec<RawChannel>,
}

#[derive(Deserialize)]
struct RawChannel {
    id: String,
    #[serde(default)]
    snippet: Option<ChannelSnippet>,
    #[serde(default)]
    statistics: Option<ChannelStatistics>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ChannelSnippet {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    custom_url: Option<String>,
    #[serde(default)]
    thumbnails: Option<Thumbnails>,
    #[serde(default)]
    country: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ChannelStatistics {
    #[serde(default, deserialize_with = "count")]
    view_count: Option<i64>,
    #[serde(default, deserialize_with = "count")]
    subscriber_count: Option<i64>,
    #[serde(default)]
    hidden_subscriber_count: Option<bool>,
    #[serde(default, deserialize_with = "count")]
    video_count: Option<i64>,
}

#[derive(Deserialize)]
struct Thumbnails {
    #[serde(default)]
    default: Option<Thumbnail>,
    #[serde(default)]
    medium: Option<Thumbnail>,
    #[serde(default)]
    high: Option<Thumbnail>,
}

#[derive(Deserialize)]
struct Thumbnail {
    #[serde(default)]
    url: Option<String>,
}

impl Thumbnails {
    fn best(self) -> Option<String> {
        [self.high, self.medium, self.default]
            .into_iter()
            .flatten()
            .find_map(|thumbnail| thumbnail.url.filter(|url| !url.is_empty()))
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PlaylistItems {
    #[serde(default)]
    items: Vec<PlaylistItem>,
    #[serde(default)]
    next_page_token: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PlaylistItem {
    #[serde(default)]
    snippet: Option<ItemSnippet>,
    #[serde(default)]
    content_details: Option<ItemDetails>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ItemSnippet {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    published_at: Option<String>,
    #[serde(default)]
    thumbnails: Option<Thumbnails>,
    #[serde(default)]
    resource_id: Option<ResourceId>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ResourceId {
    #[serde(default)]
    video_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ItemDetails {
    #[serde(default)]
    video_id: Option<String>,
    #[serde(default)]
    video_published_at: Option<String>,
}

#[derive(Deserialize)]
struct VideoList {
    #[serde(default)]
    items: Vec<RawVideo>,
}

#[derive(Deserialize)]
struct RawVideo {
    id: String,
    #[serde(default)]
    statistics: Option<RawVideoStatistics>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawVideoStatistics {
    #[serde(default, deserialize_with = "count")]
    view_count: Option<i64>,
    #[serde(default, deserialize_with = "count")]
    like_count: Option<i64>,
    #[serde(default, deserialize_with = "count")]
    comment_count: Option<i64>,
}

#[derive(Deserialize)]
struct ErrorBody {
    error: ApiError,
}

#[derive(Deserialize)]
struct ApiError {
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    errors: Vec<ErrorItem>,
    #[serde(default)]
    details: Vec<ErrorItem>,
}

#[derive(Deserialize)]
struct ErrorItem {
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    reason: Option<String>,
}

/// A count as YouTube gives it (a string of digits; a number is taken too); anything else is
/// none.
fn count<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    let value = Option::<Value>::deserialize(deserializer)?;
    Ok(match value {
        Some(Value::String(text)) => text.trim().parse().ok(),
        Some(Value::Number(number)) => number.as_i64(),
        _ => None,
    })
}

fn time(text: Option<&str>) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text?.trim())
        .ok()
        .map(|at| at.with_timezone(&Utc))
}

/// A handle as YouTube takes it: letters (of any script), digits, `_`, `-`, `.` and `·`, 3 to
/// 30 of them; none for what cannot be a handle.
fn handle(text: &str) -> Option<String> {
    let name = text.trim();
    let name = name.strip_prefix('@').unwrap_or(name);
    let length = name.chars().count();
    let valid = (3..=30).contains(&length)
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '·'));
    valid.then(|| format!("@{name}"))
}

/// Whether `text` can be a channel or video id (letters, digits, `_` and `-`).
fn id_like(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

impl YouTube {
    /// A client for `key` at `base` (by default [`DEFAULT_BASE`]); an empty key is refused at
    /// once.
    pub fn new(
        http: reqwest::Client,
        base: Option<&str>,
        key: &str,
    ) -> Result<Self, ProviderError> {
        let key = key.trim();
        if key.is_empty() {
            return Err(ProviderError::Refused(
                "YouTube refused the API key: no key was given.".to_owned(),
            ));
        }
        Ok(Self {
            http,
            base: base_url(base, DEFAULT_BASE)?,
            credential: Credential::Key(key.to_owned()),
            units: Arc::new(AtomicU64::new(0)),
        })
    }

    /// A client for a creator's OAuth access `token` at `base` (by default [`DEFAULT_BASE`]):
    /// it reads what a key reads, and [`ChannelRef::Mine`]. An empty token is refused at once.
    pub fn with_token(
        http: reqwest::Client,
        base: Option<&str>,
        token: &str,
    ) -> Result<Self, ProviderError> {
        let token = token.trim();
        if token.is_empty() {
            return Err(ProviderError::Refused(
                "Google no longer accepts the creator's login: there is no token.".to_owned(),
            ));
        }
        Ok(Self {
            http,
            base: base_url(base, DEFAULT_BASE)?,
            credential: Credential::Token(token.to_owned()),
            units: Arc::new(AtomicU64::new(0)),
        })
    }

    /// The quota units the calls sent so far have cost (one a call, failed ones too: YouTube
    /// charges for them), counted across clones.
    pub fn units_used(&self) -> u64 {
        self.units.load(Ordering::Relaxed)
    }

    /// A channel's profile and statistics (`part=snippet,statistics`, by `forHandle` or `id`);
    /// none when no channel answers to it. What cannot be a handle or an id is not asked.
    pub async fn channel(&self, channel: &ChannelRef) -> Result<Option<Channel>, ProviderError> {
        let filter = match channel {
            ChannelRef::Handle(text) => handle(text).map(|name| ("forHandle", name)),
            ChannelRef::Id(text) => {
                let id = text.trim();
                id_like(id).then(|| ("id", id.to_owned()))
            }
            ChannelRef::Mine => Some(("mine", "true".to_owned())),
        };
        let Some((name, value)) = filter else {
            return Ok(None);
        };
        let list: ChannelList = self
            .get(
                "channels",
                &[("part", "snippet,statistics"), (name, value.as_str())],
            )
            .await?;
        let Some(raw) = list.items.into_iter().next() else {
            return Ok(None);
        };
        let (title, custom_url, thumbnail, country) = match raw.snippet {
            Some(snippet) => (
                snippet.title.unwrap_or_default(),
                snippet.custom_url,
                snippet.thumbnails.and_then(Thumbnails::best),
                snippet.country,
            ),
            None => (String::new(), None, None, None),
        };
        let (subscribers, views, videos) = match raw.statistics {
            Some(statistics) => (
                if statistics.hidden_subscriber_count == Some(true) {
                    None
                } else {
                    statistics.subscriber_count
                },
                statistics.view_count,
                statistics.video_count,
            ),
            None => (None, None, None),
        };
        Ok(Some(Channel {
            id: raw.id,
            title,
            custom_url,
            thumbnail,
            country,
            subscribers,
            views,
            videos,
        }))
    }

    /// A page of the channel's uploads, newest first, from `page_token` (none for the first
    /// page), `max_results` a page (1 to 50). The uploads playlist is the channel id with its
    /// leading `UC` turned into `UU`; an id without it is not asked.
    pub async fn uploads(
        &self,
        channel_id: &str,
        page_token: Option<&str>,
        max_results: u32,
    ) -> Result<UploadsPage, ProviderError> {
        let channel_id = channel_id.trim();
        let playlist = match channel_id.strip_prefix("UC") {
            Some(rest) if id_like(rest) => format!("UU{rest}"),
            _ => {
                return Err(ProviderError::Unexpected(format!(
                    "{channel_id:?} is not a YouTube channel id."
                )))
            }
        };
        let max = max_results.clamp(1, MAX_IDS as u32).to_string();
        let mut query = vec![
            ("part", "snippet,contentDetails"),
            ("playlistId", playlist.as_str()),
            ("maxResults", max.as_str()),
        ];
        if let Some(token) = page_token.filter(|token| !token.is_empty()) {
            query.push(("pageToken", token));
        }
        let page: PlaylistItems = self.get("playlistItems", &query).await?;
        let items = page
            .items
            .into_iter()
            .filter_map(|item| {
                let snippet = item.snippet;
                let details = item.content_details;
                let video_id = details
                    .as_ref()
                    .and_then(|details| details.video_id.clone())
                    .or_else(|| {
                        snippet
                            .as_ref()
                            .and_then(|snippet| snippet.resource_id.as_ref())
                            .and_then(|resource| resource.video_id.clone())
                    })
                    .filter(|id| !id.is_empty())?;
                let published_at = time(
                    details
                        .as_ref()
                        .and_then(|details| details.video_published_at.as_deref()),
                )
                .or_else(|| {
                    time(
                        snippet
                            .as_ref()
                            .and_then(|snippet| snippet.published_at.as_deref()),
                    )
                });
                let (title, description, thumbnail) = match snippet {
                    Some(snippet) => (
                        snippet.title.unwrap_or_default(),
                        snippet.description.unwrap_or_default(),
                        snippet.thumbnails.and_then(Thumbnails::best),
                    ),
                    None => (String::new(), String::new(), None),
                };
                Some(Upload {
                    video_id,
                    title,
                    description,
                    published_at,
                    thumbnail,
                })
            })
            .collect();
        Ok(UploadsPage {
            items,
            next: page.next_page_token.filter(|token| !token.is_empty()),
        })
    }

    /// The statistics of the videos `ids` (`part=statistics`), 50 ids a call: a longer list
    /// takes several calls. Videos gone or private are left out; an empty list asks nothing.
    pub async fn video_stats(&self, ids: &[String]) -> Result<Vec<VideoStats>, ProviderError> {
        let ids: Vec<&str> = ids
            .iter()
            .map(|id| id.trim())
            .filter(|id| id_like(id))
            .collect();
        let mut stats = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(MAX_IDS) {
            let joined = chunk.join(",");
            let list: VideoList = self
                .get("videos", &[("part", "statistics"), ("id", joined.as_str())])
                .await?;
            stats.extend(list.items.into_iter().map(|video| {
                let statistics = video.statistics;
                VideoStats {
                    id: video.id,
                    views: statistics.as_ref().and_then(|s| s.view_count),
                    likes: statistics.as_ref().and_then(|s| s.like_count),
                    comments: statistics.as_ref().and_then(|s| s.comment_count),
                }
            }));
        }
        Ok(stats)
    }

    /// Calls `/youtube/v3/{endpoint}` with `query` and the key, counting a quota unit, and
    /// reads its JSON answer.
    async fn get<T: DeserializeOwned>(
        &self,
        endpoint: &str,
        query: &[(&str, &str)],
    ) -> Result<T, ProviderError> {
        let mut url = self.base.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().extend(["youtube", "v3", endpoint]);
        }
        {
            let mut pairs = url.query_pairs_mut();
            for (name, value) in query {
                pairs.append_pair(name, value);
            }
            if let Credential::Key(key) = &self.credential {
                pairs.append_pair("key", key);
            }
        }
        self.units.fetch_add(1, Ordering::Relaxed);
        let request = match &self.credential {
            Credential::Key(_) => self.http.get(url),
            Credential::Token(token) => self.http.get(url).bearer_auth(token),
        };
        // The URL holds the key: transport errors are told in our words only.
        let (status, body) = answer("YouTube", send("YouTube", request).await?).await?;
        if !status.is_success() {
            return Err(self.error(status, &body));
        }
        serde_json::from_str(&body).map_err(|error| {
            ProviderError::Unexpected(format!("YouTube's answer was unreadable: {error}"))
        })
    }

    /// What an error answer means; the key, should YouTube repeat it, is blotted out.
    fn error(&self, status: StatusCode, body: &str) -> ProviderError {
        let error = serde_json::from_str::<ErrorBody>(body)
            .ok()
            .map(|body| body.error);
        let reasons: Vec<&str> = error
            .iter()
            .flat_map(|error| error.errors.iter().chain(&error.details))
            .filter_map(|item| item.reason.as_deref())
            .collect();
        // The first error's message is plain text; the top one may carry HTML.
        let message = error
            .as_ref()
            .and_then(|error| {
                error
                    .errors
                    .iter()
                    .find_map(|item| item.message.clone())
                    .or_else(|| error.message.clone())
            })
            .map(|message| match &self.credential {
                Credential::Key(key) | Credential::Token(key) => message.replace(key, "[key]"),
            });
        if reasons.iter().any(|reason| QUOTA_REASONS.contains(reason)) {
            return ProviderError::RateLimited { retry_after: None };
        }
        let key_refused = status == StatusCode::UNAUTHORIZED
            || status == StatusCode::FORBIDDEN
            || reasons.iter().any(|reason| KEY_REASONS.contains(reason))
            || message
                .as_deref()
                .is_some_and(|message| message.contains("API key"));
        let message = message.unwrap_or_else(|| format!("YouTube answered {}.", status.as_u16()));
        if key_refused && status != StatusCode::NOT_FOUND {
            return ProviderError::Refused(match self.credential {
                Credential::Key(_) => format!("YouTube refused the API key: {message}"),
                Credential::Token(_) => {
                    format!("YouTube no longer accepts the creator's login: {message}")
                }
            });
        }
        ProviderError::Unexpected(format!("YouTube refused a request: {message}"))
    }
}
