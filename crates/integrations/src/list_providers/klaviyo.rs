//! Klaviyo API: an account's lists (`GET /api/lists`) and a list's profiles
//! (`GET /api/lists/{id}/profiles`, JSON:API with `page[cursor]` paging, `joined_group_at` for
//! those who joined since a time). The private key goes in `Authorization: Klaviyo-API-Key`.
//! Only the `page[cursor]` of a `links.next` is kept: the next page is asked of the configured
//! base URL, never of whatever host a link names.

use chrono::{DateTime, SecondsFormat, Utc};
use rapport_domain::list_providers::ListProvider;
use serde::Deserialize;
use serde_json::Value;

use super::{base_url, day_of, read_json, ListInfo, Member, MemberPage, ProviderError};

/// The API revision the client speaks.
pub const REVISION: &str = "2024-10-15";
/// Profiles read a page (Klaviyo's most).
pub const PAGE_SIZE: u32 = 100;

/// A Klaviyo client for one key.
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    base: url::Url,
    key: String,
}

#[derive(Deserialize)]
struct Document {
    #[serde(default)]
    data: Vec<Resource>,
    #[serde(default)]
    links: Option<Links>,
}

#[derive(Deserialize)]
struct Resource {
    id: String,
    #[serde(default)]
    attributes: Value,
}

#[derive(Deserialize)]
struct Links {
    #[serde(default)]
    next: Option<String>,
}

#[derive(Deserialize)]
struct Errors {
    #[serde(default)]
    errors: Vec<ErrorEntry>,
}

#[derive(Deserialize)]
struct ErrorEntry {
    #[serde(default)]
    detail: Option<String>,
    #[serde(default)]
    title: Option<String>,
}

fn refusal(body: &str) -> Option<String> {
    let errors: Errors = serde_json::from_str(body).ok()?;
    let first = errors.errors.into_iter().next()?;
    first.detail.or(first.title)
}

/// The `page[cursor]` of a `links.next`.
fn cursor_of(next: Option<&str>) -> Option<String> {
    let url = url::Url::parse(next?).ok()?;
    url.query_pairs()
        .find(|(name, _)| name == "page[cursor]")
        .map(|(_, value)| value.into_owned())
}

fn text<'a>(attributes: &'a Value, name: &str) -> Option<&'a str> {
    attributes.get(name).and_then(Value::as_str)
}

/// What a profile says of itself, in words.
fn describe(attributes: &Value) -> (bool, String) {
    let consent = attributes
        .pointer("/subscriptions/email/marketing/consent")
        .and_then(Value::as_str);
    let since =
        day_of(text(attributes, "joined_group_at")).or_else(|| day_of(text(attributes, "created")));
    if consent == Some("UNSUBSCRIBED") {
        return (false, "former Klaviyo subscriber (unsubscribed)".to_owned());
    }
    (
        true,
        match since {
            Some(day) => format!("Klaviyo subscriber since {day}"),
            None => "Klaviyo subscriber".to_owned(),
        },
    )
}

impl Client {
    /// A client for `key` at `configured` (or Klaviyo's API).
    pub fn new(
        http: reqwest::Client,
        configured: Option<&str>,
        key: &str,
    ) -> Result<Self, ProviderError> {
        let key = key.trim();
        if key.is_empty() || key.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(ProviderError::Refused(
                "This is not a Klaviyo private API key.".to_owned(),
            ));
        }
        Ok(Self {
            http,
            base: base_url(configured, "https://a.klaviyo.com")?,
            key: key.to_owned(),
        })
    }

    fn url(&self, segments: &[&str]) -> url::Url {
        let mut url = self.base.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().push("api").extend(segments);
        }
        url
    }

    fn get(&self, url: url::Url) -> reqwest::RequestBuilder {
        self.http
            .get(url)
            .header(
                reqwest::header::AUTHORIZATION,
                format!("Klaviyo-API-Key {}", self.key),
            )
            .header("revision", REVISION)
            .header(reqwest::header::ACCEPT, "application/vnd.api+json")
    }

    /// The account's lists (every page).
    pub async fn lists(&self) -> Result<Vec<ListInfo>, ProviderError> {
        let mut found = Vec::new();
        let mut cursor: Option<String> = None;
        // A bound, should links go round in circles.
        for _ in 0..100 {
            let mut url = self.url(&["lists"]);
            {
                let mut query = url.query_pairs_mut();
                query.append_pair("additional-fields[list]", "profile_count");
                if let Some(cursor) = &cursor {
                    query.append_pair("page[cursor]", cursor);
                }
            }
            let page: Document = read_json(ListProvider::Klaviyo, self.get(url), refusal).await?;
            found.extend(page.data.into_iter().map(|list| {
                ListInfo {
                    name: text(&list.attributes, "name")
                        .unwrap_or(&list.id)
                        .to_owned(),
                    members: list.attributes.get("profile_count").and_then(Value::as_i64),
                    id: list.id,
                }
            }));
            cursor = cursor_of(page.links.as_ref().and_then(|links| links.next.as_deref()));
            if cursor.is_none() {
                break;
            }
        }
        Ok(found)
    }

    /// A page of a list's profiles from `cursor`, joined after `since`.
    pub async fn members(
        &self,
        list: &str,
        since: Option<DateTime<Utc>>,
        cursor: Option<&str>,
    ) -> Result<MemberPage, ProviderError> {
        let mut url = self.url(&["lists", list, "profiles"]);
        {
            let mut query = url.query_pairs_mut();
            query
                .append_pair("page[size]", &PAGE_SIZE.to_string())
                .append_pair(
                    "fields[profile]",
                    "email,created,joined_group_at,subscriptions",
                )
                .append_pair("additional-fields[profile]", "subscriptions")
                .append_pair("sort", "joined_group_at");
            if let Some(since) = since {
                query.append_pair(
                    "filter",
                    &format!(
                        "greater-than(joined_group_at,{})",
                        since.to_rfc3339_opts(SecondsFormat::Secs, false)
                    ),
                );
            }
            if let Some(cursor) = cursor {
                query.append_pair("page[cursor]", cursor);
            }
        }
        let page: Document = read_json(ListProvider::Klaviyo, self.get(url), refusal).await?;
        Ok(MemberPage {
            next: cursor_of(page.links.as_ref().and_then(|links| links.next.as_deref())),
            members: page
                .data
                .iter()
                .map(|profile| {
                    let (subscribed, detail) = describe(&profile.attributes);
                    Member {
                        email: text(&profile.attributes, "email").map(str::to_owned),
                        subscribed,
                        detail,
                    }
                })
                .collect(),
            total: None,
        })
    }
}
