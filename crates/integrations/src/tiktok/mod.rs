//! TikTok's display API with a creator's user access token (the creator logged in with TikTok
//! and allowed it): their profile and statistics (`GET /v2/user/info/`) and their videos a page
//! at a time (`POST /v2/video/list/`, paged by a cursor). The token goes in
//! `Authorization: Bearer` and never into an error's words.
//!
//! TikTok answers `{"data": ..., "error": {"code", "message", "log_id"}}` whatever the HTTP
//! status; a code other than `ok` is an error: a token that is invalid, expired or lacks a scope
//! is [`ProviderError::Refused`] (the creator must log in again), `rate_limit_exceeded` or a 429
//! is [`ProviderError::RateLimited`], `internal_error`, a 5xx, a timeout or no connection is
//! [`ProviderError::Unavailable`].

#[cfg(test)]
mod tests;

use chrono::{DateTime, Utc};
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::list_providers::{base_url, retry_after, send, ProviderError};

/// Where TikTok is, unless configured.
pub const DEFAULT_BASE: &str = "https://open.tiktokapis.com";
/// The fields `user` asks for.
pub const USER_FIELDS: &str = "open_id,display_name,avatar_url,bio_description,is_verified,\
follower_count,following_count,likes_count,video_count,username";
/// The fields `videos` asks for.
pub const VIDEO_FIELDS: &str = "id,title,video_description,create_time,cover_image_url,\
share_url,like_count,comment_count,view_count,share_count";
/// The most videos a page holds (TikTok's limit).
pub const MAX_VIDEOS: u32 = 20;

/// Error codes that mean the token no longer serves: the creator must log in again.
const REFUSED_CODES: [&str; 7] = [
    "access_token_invalid",
    "invalid_token",
    "token_expired",
    "scope_not_authorized",
    "scope_permission_missed",
    "unauthorized",
    "user_has_no_permission",
];

/// A TikTok client for one creator's user access token.
#[derive(Clone)]
pub struct TikTok {
    http: reqwest::Client,
    base: url::Url,
    token: String,
}

impl std::fmt::Debug for TikTok {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The token stays out of logs.
        f.debug_struct("TikTok")
            .field("base", &self.base.as_str())
            .finish_non_exhaustive()
    }
}

/// The creator's profile and statistics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TikTokUser {
    /// The creator's id for our app.
    pub open_id: String,
    /// Their display name.
    pub display_name: Option<String>,
    /// Their username (handle), when the token's scopes allow it.
    pub username: Option<String>,
    /// Their picture.
    pub avatar_url: Option<String>,
    /// Whether TikTok verified the account.
    pub is_verified: bool,
    /// Their followers.
    pub followers: Option<i64>,
    /// The accounts they follow.
    pub following: Option<i64>,
    /// Likes on all their videos.
    pub likes: Option<i64>,
    /// Their public videos.
    pub videos: Option<i64>,
}

/// A page of the creator's videos, newest first, and where the next one starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VideoPage {
    /// The videos.
    pub items: Vec<TikTokVideo>,
    /// The cursor of the next page; none after the last.
    pub next: Option<i64>,
}

/// One of the creator's videos.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TikTokVideo {
    /// TikTok's id.
    pub id: String,
    /// Its title.
    pub title: Option<String>,
    /// Its description (the caption, with its hashtags).
    pub description: Option<String>,
    /// When it was posted.
    pub created_at: Option<DateTime<Utc>>,
    /// Its cover picture (a link that expires after a few hours).
    pub cover: Option<String>,
    /// Its public link.
    pub link: Option<String>,
    /// Its likes.
    pub likes: Option<i64>,
    /// Its comments.
    pub comments: Option<i64>,
    /// Its views.
    pub views: Option<i64>,
    /// Its shares.
    pub shares: Option<i64>,
}

#[derive(Deserialize)]
struct Envelope<T> {
    #[serde(default)]
    data: Option<T>,
    #[serde(default)]
    error: Option<ApiError>,
}

#[derive(Deserialize)]
struct ApiError {
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    message: Option<String>,
}

#[derive(Deserialize)]
struct UserData {
    user: RawUser,
}

#[derive(Deserialize)]
struct RawUser {
    open_id: String,
    #[serde(default)]
    display_name: Option<String>,
    #[serde(default)]
    username: Option<String>,
    #[serde(default)]
    avatar_url: Option<String>,
    #[serde(default)]
    is_verified: Option<bool>,
    #[serde(default)]
    follower_count: Option<i64>,
    #[serde(default)]
    following_count: Option<i64>,
    #[serde(default)]
    likes_count: Option<i64>,
    #[serde(default)]
    video_count: Option<i64>,
}

#[derive(Deserialize)]
struct VideoData {
    #[serde(default)]
    videos: Vec<RawVideo>,
    #[serde(default)]
    cursor: Option<i64>,
    #[serde(default)]
    has_more: Option<bool>,
}

#[derive(Deserialize)]
struct RawVideo {
    id: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    video_description: Option<String>,
    #[serde(default)]
    create_time: Option<i64>,
    #[serde(default)]
    cover_image_url: Option<String>,
    #[serde(default)]
    share_url: Option<String>,
    #[serde(default)]
    like_count: Option<i64>,
    #[serde(default)]
    comment_count: Option<i64>,
    #[serde(default)]
    view_count: Option<i64>,
    #[serde(default)]
    share_count: Option<i64>,
}

#[derive(Serialize)]
struct ListRequest {
    max_count: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    cursor: Option<i64>,
}

fn text(value: Option<String>) -> Option<String> {
    value.filter(|text| !text.is_empty())
}

impl From<RawVideo> for TikTokVideo {
    fn from(video: RawVideo) -> Self {
        Self {
            id: video.id,
            title: text(video.title),
            description: text(video.video_description),
            created_at: video
                .create_time
                .and_then(|seconds| DateTime::from_timestamp(seconds, 0)),
            cover: text(video.cover_image_url),
            link: text(video.share_url),
            likes: video.like_count,
            comments: video.comment_count,
            views: video.view_count,
            shares: video.share_count,
        }
    }
}

/// What an error code means.
fn api_error(
    code: &str,
    message: Option<String>,
    status: StatusCode,
    headers: &reqwest::header::HeaderMap,
) -> ProviderError {
    let message = text(message).unwrap_or_else(|| code.to_owned());
    if code == "rate_limit_exceeded" {
        return ProviderError::RateLimited {
            retry_after: retry_after(headers),
        };
    }
    if REFUSED_CODES.contains(&code)
        || status == StatusCode::UNAUTHORIZED
        || status == StatusCode::FORBIDDEN
    {
        return ProviderError::Refused(format!(
            "TikTok no longer accepts the creator's login: {message}"
        ));
    }
    if code == "internal_error" {
        return ProviderError::Unavailable(format!("TikTok is unavailable: {message}"));
    }
    ProviderError::Unexpected(format!("TikTok refused a request: {message}"))
}

impl TikTok {
    /// A client for the creator's `token` at `base` (by default [`DEFAULT_BASE`]); an empty
    /// token is refused at once.
    pub fn new(
        http: reqwest::Client,
        base: Option<&str>,
        token: &str,
    ) -> Result<Self, ProviderError> {
        let token = token.trim();
        if token.is_empty() {
            return Err(ProviderError::Refused(
                "TikTok no longer accepts the creator's login: there is no token.".to_owned(),
            ));
        }
        Ok(Self {
            http,
            base: base_url(base, DEFAULT_BASE)?,
            token: token.to_owned(),
        })
    }

    fn url(&self, segments: &[&str], fields: &str) -> url::Url {
        let mut url = self.base.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            // TikTok's paths end with a slash.
            path.pop_if_empty().extend(segments).push("");
        }
        url.query_pairs_mut().append_pair("fields", fields);
        url
    }

    /// The creator's profile and statistics.
    pub async fn user(&self) -> Result<TikTokUser, ProviderError> {
        let url = self.url(&["v2", "user", "info"], USER_FIELDS);
        let data: UserData = self.read(self.http.get(url)).await?;
        let user = data.user;
        Ok(TikTokUser {
            open_id: user.open_id,
            display_name: text(user.display_name),
            username: text(user.username),
            avatar_url: text(user.avatar_url),
            is_verified: user.is_verified.unwrap_or(false),
            followers: user.follower_count,
            following: user.following_count,
            likes: user.likes_count,
            videos: user.video_count,
        })
    }

    /// A page of the creator's videos, newest first, from `cursor` (none for the first page),
    /// `max_count` a page (1 to 20).
    pub async fn videos(
        &self,
        cursor: Option<i64>,
        max_count: u32,
    ) -> Result<VideoPage, ProviderError> {
        let url = self.url(&["v2", "video", "list"], VIDEO_FIELDS);
        let body = ListRequest {
            max_count: max_count.clamp(1, MAX_VIDEOS),
            cursor,
        };
        let data: VideoData = self.read(self.http.post(url).json(&body)).await?;
        // A next page needs both TikTok's word and a cursor to ask it from.
        let next = if data.has_more == Some(true) {
            data.cursor
        } else {
            None
        };
        Ok(VideoPage {
            items: data.videos.into_iter().map(TikTokVideo::from).collect(),
            next,
        })
    }

    /// Sends a request with the token and reads the answer's `data`, mapping TikTok's errors.
    async fn read<T: DeserializeOwned>(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<T, ProviderError> {
        let response = send("TikTok", request.bearer_auth(&self.token)).await?;
        let status = response.status();
        let headers = response.headers().clone();
        if status == StatusCode::TOO_MANY_REQUESTS {
            return Err(ProviderError::RateLimited {
                retry_after: retry_after(&headers),
            });
        }
        if status.is_server_error() {
            return Err(ProviderError::Unavailable(format!(
                "TikTok answered {}.",
                status.as_u16()
            )));
        }
        let body = response
            .text()
            .await
            .map_err(|_| ProviderError::Unavailable("TikTok's answer was cut off.".to_owned()))?;
        let envelope = serde_json::from_str::<Envelope<serde_json::Value>>(&body);
        let (data, error) = match envelope {
            Ok(envelope) => (envelope.data, envelope.error),
            Err(_) if status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN => {
                return Err(ProviderError::Refused(format!(
                    "TikTok no longer accepts the creator's login: it answered {}.",
                    status.as_u16()
                )))
            }
            Err(error) if status.is_success() => {
                return Err(ProviderError::Unexpected(format!(
                    "TikTok's answer was unreadable: {error}"
                )))
            }
            Err(_) => {
                return Err(ProviderError::Unexpected(format!(
                    "TikTok answered {}.",
                    status.as_u16()
                )))
            }
        };
        if let Some(error) = error {
            let code = error.code.unwrap_or_default();
            if !code.is_empty() && code != "ok" {
                return Err(api_error(&code, error.message, status, &headers));
            }
        }
        if !status.is_success() {
            let code = format!("answered {}", status.as_u16());
            return Err(api_error(&code, None, status, &headers));
        }
        let data = data
            .ok_or_else(|| ProviderError::Unexpected("TikTok's answer had no data.".to_owned()))?;
        serde_json::from_value(data).map_err(|error| {
            ProviderError::Unexpected(format!("TikTok's answer was unreadable: {error}"))
        })
    }
}
