//! Mailchimp Marketing API v3: an account's audiences (`GET /3.0/lists`) and an audience's
//! members (`GET /3.0/lists/{id}/members`, `count`/`offset` paging, `since_last_changed` for
//! changes only). HTTP Basic with the API key as password; the key's suffix is its data centre
//! (`...-us14` → `https://us14.api.mailchimp.com`).

use chrono::{DateTime, SecondsFormat, Utc};
use rapport_domain::list_providers::ListProvider;
use serde::Deserialize;

use super::{base_url, day_of, read_json, ListInfo, Member, MemberPage, ProviderError};

/// Members read a page (Mailchimp's most).
pub const PAGE_SIZE: u32 = 1_000;

/// A Mailchimp client for one key.
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    base: url::Url,
    key: String,
}

#[derive(Deserialize)]
struct Lists {
    #[serde(default)]
    lists: Vec<List>,
}

#[derive(Deserialize)]
struct List {
    id: String,
    name: String,
    #[serde(default)]
    stats: Option<Stats>,
}

#[derive(Deserialize)]
struct Stats {
    #[serde(default)]
    member_count: Option<i64>,
    #[serde(default)]
    unsubscribe_count: Option<i64>,
}

#[derive(Deserialize)]
struct Members {
    #[serde(default)]
    members: Vec<RawMember>,
    #[serde(default)]
    total_items: Option<i64>,
}

#[derive(Deserialize)]
struct RawMember {
    #[serde(default)]
    email_address: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    timestamp_signup: Option<String>,
    #[serde(default)]
    timestamp_opt: Option<String>,
    #[serde(default)]
    last_changed: Option<String>,
}

#[derive(Deserialize)]
struct Problem {
    #[serde(default)]
    detail: Option<String>,
    #[serde(default)]
    title: Option<String>,
}

fn refusal(body: &str) -> Option<String> {
    let problem: Problem = serde_json::from_str(body).ok()?;
    problem.detail.or(problem.title)
}

/// The data centre at the end of a key (`...-us14` → `us14`).
fn data_centre(key: &str) -> Option<&str> {
    let (_, centre) = key.rsplit_once('-')?;
    (!centre.is_empty() && centre.chars().all(|c| c.is_ascii_alphanumeric())).then_some(centre)
}

/// What Mailchimp's member says of itself, in words.
fn describe(member: &RawMember) -> (bool, String) {
    let since = day_of(member.timestamp_opt.as_deref())
        .or_else(|| day_of(member.timestamp_signup.as_deref()));
    let changed = day_of(member.last_changed.as_deref());
    let on = |day: Option<String>| day.map(|day| format!(" {day}")).unwrap_or_default();
    match member.status.as_deref().unwrap_or("subscribed") {
        "unsubscribed" => (
            false,
            format!("former Mailchimp subscriber (unsubscribed{})", on(changed)),
        ),
        "cleaned" => (
            false,
            format!(
                "former Mailchimp subscriber (address bounced{})",
                on(changed)
            ),
        ),
        "archived" => (
            false,
            format!("former Mailchimp subscriber (archived{})", on(changed)),
        ),
        "pending" => (
            true,
            format!(
                "Mailchimp sign-up awaiting confirmation{}",
                since.map(|d| format!(" since {d}")).unwrap_or_default()
            ),
        ),
        "transactional" => (
            true,
            format!(
                "Mailchimp contact, not subscribed to marketing{}",
                since.map(|d| format!(", since {d}")).unwrap_or_default()
            ),
        ),
        _ => (
            true,
            match since {
                Some(day) => format!("Mailchimp subscriber since {day}"),
                None => "Mailchimp subscriber".to_owned(),
            },
        ),
    }
}

impl Client {
    /// A client for `key` at `configured` (or the key's data centre); a key without a data
    /// centre is refused.
    pub fn new(
        http: reqwest::Client,
        configured: Option<&str>,
        key: &str,
    ) -> Result<Self, ProviderError> {
        let key = key.trim();
        let Some(centre) = data_centre(key) else {
            return Err(ProviderError::Refused(
                "This is not a Mailchimp API key: one ends with its data centre, like -us14."
                    .to_owned(),
            ));
        };
        let default = format!("https://{centre}.api.mailchimp.com");
        Ok(Self {
            http,
            base: base_url(configured, &default)?,
            key: key.to_owned(),
        })
    }

    fn url(&self, segments: &[&str]) -> url::Url {
        let mut url = self.base.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().push("3.0").extend(segments);
        }
        url
    }

    fn get(&self, url: url::Url) -> reqwest::RequestBuilder {
        self.http
            .get(url)
            .basic_auth("rapport", Some(&self.key))
            .header(reqwest::header::ACCEPT, "application/json")
    }

    /// The account's audiences.
    pub async fn lists(&self) -> Result<Vec<ListInfo>, ProviderError> {
        let mut url = self.url(&["lists"]);
        url.query_pairs_mut()
            .append_pair("count", "1000")
            .append_pair("fields", "lists.id,lists.name,lists.stats,total_items");
        let lists: Lists = read_json(ListProvider::Mailchimp, self.get(url), refusal).await?;
        Ok(lists
            .lists
            .into_iter()
            .map(|list| ListInfo {
                id: list.id,
                name: list.name,
                members: list.stats.map(|stats| {
                    stats.member_count.unwrap_or(0) + stats.unsubscribe_count.unwrap_or(0)
                }),
            })
            .collect())
    }

    /// A page of an audience's members from `cursor` (an offset), changed after `since`.
    pub async fn members(
        &self,
        list: &str,
        since: Option<DateTime<Utc>>,
        cursor: Option<&str>,
    ) -> Result<MemberPage, ProviderError> {
        let offset: u64 = cursor.and_then(|text| text.parse().ok()).unwrap_or(0);
        let mut url = self.url(&["lists", list, "members"]);
        {
            let mut query = url.query_pairs_mut();
            query
                .append_pair("count", &PAGE_SIZE.to_string())
                .append_pair("offset", &offset.to_string())
                .append_pair(
                    "fields",
                    "members.email_address,members.status,members.timestamp_signup,\
                     members.timestamp_opt,members.last_changed,total_items",
                );
            if let Some(since) = since {
                query.append_pair(
                    "since_last_changed",
                    &since.to_rfc3339_opts(SecondsFormat::Secs, false),
                );
            }
        }
        let page: Members = read_json(ListProvider::Mailchimp, self.get(url), refusal).await?;
        let read = page.members.len() as u64;
        let next = offset + read;
        let more = read > 0 && page.total_items.is_none_or(|total| (next as i64) < total);
        Ok(MemberPage {
            members: page
                .members
                .iter()
                .map(|member| {
                    let (subscribed, detail) = describe(member);
                    Member {
                        email: member.email_address.clone(),
                        subscribed,
                        detail,
                    }
                })
                .collect(),
            next: more.then(|| next.to_string()),
            total: page.total_items,
        })
    }
}
