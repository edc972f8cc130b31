//! E-mail list providers (Mailchimp audiences, Klaviyo lists): checking a key by reading its
//! lists, and reading a list's members a page at a time from a cursor, all of them or only those
//! changed since a time. Each client takes its base URL from configuration, so tests point it at
//! a local mock server speaking the provider's documented format.
//!
//! Errors say what to do about them: a refused key ([`ProviderError::Refused`]) wants a new key;
//! a rate limit ([`ProviderError::RateLimited`]) wants a wait, the provider's `Retry-After` when
//! it gives one; an unavailable provider (5xx, timeouts, no connection) wants a retry later.

pub mod klaviyo;
pub mod mailchimp;

#[cfg(test)]
mod tests;

use std::time::Duration;

use chrono::{DateTime, Utc};
use rapport_domain::list_providers::ListProvider;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;

/// What went wrong talking to a provider.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProviderError {
    /// The key was refused (401, 403) or is malformed: a new key is needed.
    #[error("{0}")]
    Refused(String),
    /// Too many requests: wait (`Retry-After` when given).
    #[error("the provider asks to slow down")]
    RateLimited {
        /// The provider's `Retry-After`.
        retry_after: Option<Duration>,
    },
    /// The provider did not answer well (5xx, a timeout, no connection): try again later.
    #[error("{0}")]
    Unavailable(String),
    /// An answer that cannot be used (a 404 for a list gone, an unreadable body).
    #[error("{0}")]
    Unexpected(String),
}

/// A list a key can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListInfo {
    /// The provider's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its members, when the provider says.
    pub members: Option<i64>,
}

/// A member of a list, as the provider tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// The address as given (not normalised; none for a profile without one).
    pub email: Option<String>,
    /// Whether they are subscribed (false for those who unsubscribed, bounced or were archived).
    pub subscribed: bool,
    /// The provider's words about them ("Mailchimp subscriber since 2025-03-02").
    pub detail: String,
}

/// A page of members and where the next one starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberPage {
    /// The members.
    pub members: Vec<Member>,
    /// The cursor of the next page; none after the last.
    pub next: Option<String>,
    /// Members in all, when the provider says.
    pub total: Option<i64>,
}

/// A client of one provider, for one key.
#[derive(Debug, Clone)]
pub enum ListClient {
    /// Mailchimp.
    Mailchimp(mailchimp::Client),
    /// Klaviyo.
    Klaviyo(klaviyo::Client),
}

/// Where each provider is (the real ones unless configured).
#[derive(Debug, Clone, Default)]
pub struct ProviderUrls {
    /// Mailchimp's base URL; by default `https://{dc}.api.mailchimp.com`, the key's data centre.
    pub mailchimp: Option<String>,
    /// Klaviyo's base URL; by default `https://a.klaviyo.com`.
    pub klaviyo: Option<String>,
}

impl ListClient {
    /// A client of `provider` for `key`; a key that cannot be one is refused at once.
    pub fn new(
        provider: ListProvider,
        http: reqwest::Client,
        urls: &ProviderUrls,
        key: &str,
    ) -> Result<Self, ProviderError> {
        Ok(match provider {
            ListProvider::Mailchimp => Self::Mailchimp(mailchimp::Client::new(
                http,
                urls.mailchimp.as_deref(),
                key,
            )?),
            ListProvider::Klaviyo => {
                Self::Klaviyo(klaviyo::Client::new(http, urls.klaviyo.as_deref(), key)?)
            }
        })
    }

    /// The lists the key can read (checks the key).
    pub async fn lists(&self) -> Result<Vec<ListInfo>, ProviderError> {
        match self {
            Self::Mailchimp(client) => client.lists().await,
            Self::Klaviyo(client) => client.lists().await,
        }
    }

    /// A page of the list's members: from `cursor` (none for the first page), only those changed
    /// (Mailchimp) or joined (Klaviyo) after `since` when given.
    pub async fn members(
        &self,
        list: &str,
        since: Option<DateTime<Utc>>,
        cursor: Option<&str>,
    ) -> Result<MemberPage, ProviderError> {
        match self {
            Self::Mailchimp(client) => client.members(list, since, cursor).await,
            Self::Klaviyo(client) => client.members(list, since, cursor).await,
        }
    }
}

/// The HTTP client the providers' clients share: bounded waits, a user agent.
pub fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(60))
        .user_agent(concat!("Rapport/", env!("CARGO_PKG_VERSION")))
        .build()
        .unwrap_or_default()
}

/// `Retry-After`: seconds, or an HTTP date.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
    if let Ok(seconds) = value.trim().parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = DateTime::parse_from_rfc2822(value.trim()).ok()?;
    (at.with_timezone(&Utc) - Utc::now()).to_std().ok()
}

/// Sends a request to the provider `name`: a failure to get an answer (no connection, a
/// timeout) is [`ProviderError::Unavailable`] in our own words, never the HTTP client's (its
/// message names the URL, which may hold a key or a token).
pub(crate) async fn send(
    name: &str,
    request: reqwest::RequestBuilder,
) -> Result<reqwest::Response, ProviderError> {
    request.send().await.map_err(|error| {
        let why = if error.is_timeout() {
            "did not answer in time"
        } else {
            "could not be reached"
        };
        ProviderError::Unavailable(format!("{name} {why}."))
    })
}

/// The answer of the provider `name`: a 429 is [`ProviderError::RateLimited`] (with its
/// `Retry-After`), a 5xx or a body cut off [`ProviderError::Unavailable`]; anything else its
/// status and body, for the caller to read.
pub(crate) async fn answer(
    name: &str,
    response: reqwest::Response,
) -> Result<(StatusCode, String), ProviderError> {
    let status = response.status();
    if status == StatusCode::TOO_MANY_REQUESTS {
        return Err(ProviderError::RateLimited {
            retry_after: retry_after(response.headers()),
        });
    }
    if status.is_server_error() {
        return Err(ProviderError::Unavailable(format!(
            "{name} answered {}.",
            status.as_u16()
        )));
    }
    let body = response
        .text()
        .await
        .map_err(|_| ProviderError::Unavailable(format!("{name}'s answer was cut off.")))?;
    Ok((status, body))
}

/// Sends a request and reads its JSON answer, mapping the provider's errors; `refusal` reads a
/// refused key's message from the error body.
async fn read_json<T: DeserializeOwned>(
    provider: ListProvider,
    request: reqwest::RequestBuilder,
    refusal: fn(&str) -> Option<String>,
) -> Result<T, ProviderError> {
    let name = provider.title();
    let (status, body) = answer(name, send(name, request).await?).await?;
    if status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN {
        let why = refusal(&body).unwrap_or_else(|| "the key is invalid or revoked".to_owned());
        return Err(ProviderError::Refused(format!(
            "{name} refused the API key: {why}"
        )));
    }
    if !status.is_success() {
        return Err(ProviderError::Unexpected(format!(
            "{name} answered {}.",
            status.as_u16()
        )));
    }
    serde_json::from_str(&body).map_err(|error| {
        ProviderError::Unexpected(format!("{name}'s answer was unreadable: {error}"))
    })
}

/// A day of a provider's timestamp ("2025-03-02T10:11:12+00:00" → "2025-03-02").
fn day_of(timestamp: Option<&str>) -> Option<String> {
    let text = timestamp?.trim();
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|at| at.with_timezone(&Utc).format("%Y-%m-%d").to_string())
}

/// The provider's base URL: configured, or the default; checked.
pub(crate) fn base_url(configured: Option<&str>, default: &str) -> Result<url::Url, ProviderError> {
    let text = configured.unwrap_or(default);
    url::Url::parse(text.trim_end_matches('/'))
        .map_err(|_| ProviderError::Unexpected(format!("{text:?} is not a URL.")))
}
