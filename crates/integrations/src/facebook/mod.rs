//! Facebook Login and the Graph API, for a brand's Facebook page and the Instagram business
//! account connected to it: the authorize dialog's link, a code exchanged for a token and then
//! for a long-lived one, the pages a person manages (`/me/accounts`), and on an Instagram
//! business account the media it is tagged in (`/tags`), its media and their comments, and other
//! accounts' public profiles (`business_discovery`).
//!
//! Graph errors come as `{"error": {"message", "type", "code", "error_subcode"}}` whatever the
//! HTTP status: code 190 is an expired or revoked token ([`ProviderError::Refused`]: a new login
//! is needed), codes 4, 17, 32 and 613 are rate limits ([`ProviderError::RateLimited`]), a
//! transient error or a 5xx is an outage ([`ProviderError::Unavailable`]). Tokens go in the
//! `access_token` query parameter and never into an error's words.
//!
//! Graph answers carry how much of the app's (`X-App-Usage`) and the business's
//! (`X-Business-Use-Case-Usage`) rate limits are used, in percent; [`Graph::usage_percent`]
//! tells the highest of the last answer that carried them, so callers can slow down before
//! Graph makes them.

#[cfg(test)]
mod tests;

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

use crate::list_providers::ProviderError;

/// The Graph API version every call names.
pub const GRAPH_VERSION: &str = "v21.0";
/// What a creator allows to prove their Instagram professional account theirs.
pub const CREATOR_SCOPES: &str = "pages_show_list,instagram_basic";
/// What the login asks for: the pages, their Instagram business accounts, comments and tags.
pub const SCOPES: &str =
    "pages_show_list,instagram_basic,instagram_manage_comments,pages_read_engagement";
/// Graph's error codes that mean "slow down".
const RATE_LIMIT_CODES: [i64; 4] = [4, 17, 32, 613];
/// Graph's code of an expired or revoked token.
const TOKEN_REFUSED: i64 = 190;
/// `business_discovery`'s subcode for an account that is not a business or creator account (or
/// does not exist).
const NOT_A_BUSINESS: i64 = 2_207_013;
/// The most posts `business_discovery_media` asks for a page.
pub const MAX_DISCOVERY_MEDIA: u32 = 50;
/// The usage header of the app's rate limit.
const APP_USAGE: &str = "x-app-usage";
/// The usage header of the business use case rate limits.
const BUSINESS_USAGE: &str = "x-business-use-case-usage";
/// The usage recorded before any answer carried a usage header (percentages stop at 100).
const NO_USAGE: u8 = u8::MAX;

/// A Facebook app: who the brand's people log in to, and where Facebook is.
#[derive(Debug, Clone)]
pub struct FacebookApp {
    app_id: String,
    app_secret: String,
    dialog: url::Url,
    graph: url::Url,
}

/// A page a person manages.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Page {
    /// Facebook's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its category.
    #[serde(default)]
    pub category: Option<String>,
    /// The page's own token (long-lived when read with a long-lived user token).
    #[serde(default)]
    pub access_token: Option<String>,
    /// Its Instagram business account.
    #[serde(default)]
    pub instagram_business_account: Option<AccountRef>,
}

/// A reference to an account.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct AccountRef {
    /// Its id.
    pub id: String,
}

/// A post the brand is tagged in.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Tagged {
    /// The post's author.
    #[serde(default)]
    pub username: Option<String>,
    /// The post's link.
    #[serde(default)]
    pub permalink: Option<String>,
    /// When it was posted.
    #[serde(default, deserialize_with = "graph_time")]
    pub timestamp: Option<DateTime<Utc>>,
}

/// One of the brand's media.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Media {
    /// Its id.
    pub id: String,
    /// Its link.
    #[serde(default)]
    pub permalink: Option<String>,
    /// When it was posted.
    #[serde(default, deserialize_with = "graph_time")]
    pub timestamp: Option<DateTime<Utc>>,
    /// Its comments.
    #[serde(default)]
    pub comments_count: Option<i64>,
}

/// A comment on one of the brand's media.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Comment {
    /// Its author.
    #[serde(default)]
    pub username: Option<String>,
    /// When it was written.
    #[serde(default, deserialize_with = "graph_time")]
    pub timestamp: Option<DateTime<Utc>>,
}

/// Another account's public profile.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Profile {
    /// Its username.
    pub username: String,
    /// Its name.
    #[serde(default)]
    pub name: Option<String>,
    /// Its followers.
    #[serde(default)]
    pub followers_count: Option<i64>,
    /// Its posts.
    #[serde(default)]
    pub media_count: Option<i64>,
    /// Its picture.
    #[serde(default)]
    pub profile_picture_url: Option<String>,
}

/// One of another account's public posts, with its metrics.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Post {
    /// Its id.
    pub id: String,
    /// Its caption.
    #[serde(default)]
    pub caption: Option<String>,
    /// `IMAGE`, `VIDEO` or `CAROUSEL_ALBUM`.
    #[serde(default)]
    pub media_type: Option<String>,
    /// Its link.
    #[serde(default)]
    pub permalink: Option<String>,
    /// When it was posted.
    #[serde(default, deserialize_with = "graph_time")]
    pub timestamp: Option<DateTime<Utc>>,
    /// Its likes (none when the author hides them).
    #[serde(default)]
    pub like_count: Option<i64>,
    /// Its comments.
    #[serde(default)]
    pub comments_count: Option<i64>,
    /// A video's cover picture.
    #[serde(default)]
    pub thumbnail_url: Option<String>,
    /// The picture or video itself.
    #[serde(default)]
    pub media_url: Option<String>,
}

/// Another account's public profile with a page of its recent posts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileWithMedia {
    /// The profile.
    pub profile: Profile,
    /// Its biography.
    pub biography: Option<String>,
    /// The accounts it follows.
    pub follows_count: Option<i64>,
    /// A page of its posts, newest first.
    pub posts: Vec<Post>,
    /// The `after` cursor of the next page of posts; none after the last.
    pub next: Option<String>,
}

/// A page of an edge and the cursor of the next one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphPage<T> {
    /// The items.
    pub items: Vec<T>,
    /// The `after` cursor of the next page; none after the last.
    pub next: Option<String>,
}

#[derive(Deserialize)]
struct RawPage<T> {
    #[serde(default = "Vec::new")]
    data: Vec<T>,
    #[serde(default)]
    paging: Option<Paging>,
}

#[derive(Deserialize)]
struct Paging {
    #[serde(default)]
    cursors: Option<Cursors>,
    #[serde(default)]
    next: Option<String>,
}

#[derive(Deserialize)]
struct Cursors {
    #[serde(default)]
    after: Option<String>,
}

impl<T> From<RawPage<T>> for GraphPage<T> {
    fn from(page: RawPage<T>) -> Self {
        // Graph gives a `next` link only when there is a next page; its `after` cursor is asked
        // of the configured base rather than the link followed.
        let next = page.paging.and_then(|paging| {
            paging.next?;
            paging.cursors?.after
        });
        Self {
            items: page.data,
            next,
        }
    }
}

#[derive(Deserialize)]
struct Token {
    access_token: String,
}

#[derive(Deserialize)]
struct GraphErrorBody {
    error: GraphError,
}

#[derive(Deserialize)]
struct GraphError {
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    code: Option<i64>,
    #[serde(default)]
    error_subcode: Option<i64>,
    #[serde(default)]
    is_transient: Option<bool>,
}

#[derive(Deserialize)]
struct Username {
    #[serde(default)]
    username: Option<String>,
}

#[derive(Deserialize)]
struct Discovery {
    business_discovery: Profile,
}

#[derive(Deserialize)]
struct DiscoveryWithMedia {
    business_discovery: RawProfileWithMedia,
}

#[derive(Deserialize)]
struct RawProfileWithMedia {
    #[serde(flatten)]
    profile: Profile,
    #[serde(default)]
    biography: Option<String>,
    #[serde(default)]
    follows_count: Option<i64>,
    #[serde(default)]
    media: Option<RawPage<Post>>,
}

impl From<RawProfileWithMedia> for ProfileWithMedia {
    fn from(raw: RawProfileWithMedia) -> Self {
        let (posts, next) = match raw.media {
            Some(page) => {
                // Media nested in `business_discovery` come with cursors and, unlike a top-level
                // edge, usually without a `next` link: the `after` cursor of a page that holds
                // posts is taken as the next page's, whether a `next` link is there or not. An
                // empty page ends the paging (a cursor that goes nowhere cannot loop).
                let after = page
                    .paging
                    .and_then(|paging| paging.cursors)
                    .and_then(|cursors| cursors.after)
                    .filter(|after| !after.is_empty());
                let next = if page.data.is_empty() { None } else { after };
                (page.data, next)
            }
            None => (Vec::new(), None),
        };
        Self {
            profile: raw.profile,
            biography: raw.biography,
            follows_count: raw.follows_count,
            posts,
            next,
        }
    }
}

/// Whether `username` can be an Instagram username (only those are asked of
/// `business_discovery`, whose field expression they are written into).
fn valid_username(username: &str) -> bool {
    !username.is_empty()
        && username.len() <= 30
        && username
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
}

/// Whether `cursor` can be a Graph cursor (it is written into a field expression).
fn valid_cursor(cursor: &str) -> bool {
    !cursor.is_empty()
        && cursor.len() <= 1_000
        && cursor
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '=' | '+' | '/' | '%'))
}

/// The highest percentage of a rate limit used, read from Graph's usage headers: `app` is
/// `X-App-Usage` (`{"call_count": 28, "total_time": 25, "total_cputime": 25}`), `business` is
/// `X-Business-Use-Case-Usage` (an object keyed by business id whose values are arrays of
/// objects with the same fields, and `estimated_time_to_regain_access` in minutes, which is not
/// a percentage and is left out). Percentages are rounded up and capped at 100; none when
/// neither header is given or readable, or neither holds a percentage.
pub fn parse_usage(app: Option<&str>, business: Option<&str>) -> Option<u8> {
    fn percentages(object: &Value) -> impl Iterator<Item = f64> + '_ {
        ["call_count", "total_cputime", "total_time"]
            .into_iter()
            .filter_map(|name| object.get(name).and_then(Value::as_f64))
            .filter(|percent| percent.is_finite())
    }
    let parse = |text: Option<&str>| text.and_then(|text| serde_json::from_str::<Value>(text).ok());
    let mut highest: Option<f64> = None;
    let mut note = |percent: f64| {
        highest = Some(highest.map_or(percent, |highest| highest.max(percent)));
    };
    if let Some(app) = parse(app).filter(Value::is_object) {
        percentages(&app).for_each(&mut note);
    }
    if let Some(Value::Object(businesses)) = parse(business) {
        for entries in businesses.values() {
            if let Value::Array(entries) = entries {
                for entry in entries.iter().filter(|entry| entry.is_object()) {
                    percentages(entry).for_each(&mut note);
                }
            }
        }
    }
    // Capped to 0..=100 first, the cast cannot truncate.
    highest.map(|percent| percent.clamp(0.0, 100.0).ceil() as u8)
}

/// Graph's timestamps ("2026-11-10T09:00:00+0000").
fn graph_time<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<DateTime<Utc>>, D::Error> {
    let text = Option::<String>::deserialize(deserializer)?;
    Ok(text.and_then(|text| {
        DateTime::parse_from_str(&text, "%Y-%m-%dT%H:%M:%S%z")
            .or_else(|_| DateTime::parse_from_rfc3339(&text))
            .ok()
            .map(|at| at.with_timezone(&Utc))
    }))
}

fn parse_base(text: &str) -> Result<url::Url, ProviderError> {
    url::Url::parse(text.trim_end_matches('/'))
        .map_err(|_| ProviderError::Unexpected(format!("{text:?} is not a URL.")))
}

/// What a Graph error means.
fn graph_error(status: StatusCode, body: &str) -> ProviderError {
    let error = serde_json::from_str::<GraphErrorBody>(body)
        .ok()
        .map(|body| body.error);
    let message = error
        .as_ref()
        .and_then(|error| error.message.clone())
        .unwrap_or_else(|| format!("Facebook answered {}.", status.as_u16()));
    let code = error.as_ref().and_then(|error| error.code);
    match code {
        Some(TOKEN_REFUSED) => {
            ProviderError::Refused(format!("Facebook no longer accepts the login ({message})."))
        }
        Some(code) if RATE_LIMIT_CODES.contains(&code) => {
            ProviderError::RateLimited { retry_after: None }
        }
        _ if status.is_server_error()
            || error.as_ref().and_then(|error| error.is_transient) == Some(true) =>
        {
            ProviderError::Unavailable(format!("Facebook is unavailable: {message}"))
        }
        _ => ProviderError::Unexpected(format!("Facebook refused a request: {message}")),
    }
}

/// Whether an error is `business_discovery`'s "not a business or creator account".
fn not_a_business(body: &str) -> bool {
    serde_json::from_str::<GraphErrorBody>(body)
        .ok()
        .is_some_and(|body| {
            body.error.error_subcode == Some(NOT_A_BUSINESS) || body.error.code == Some(110)
        })
}

/// A Graph answer: its status, its body and the rate limit usage its headers tell.
struct Answer {
    status: StatusCode,
    body: String,
    usage: Option<u8>,
}

/// Sends a Graph request: the answer, or what went wrong (the URL, which holds the token, is
/// never in it).
async fn send(request: reqwest::RequestBuilder) -> Result<Answer, ProviderError> {
    let response = crate::list_providers::send("Facebook", request).await?;
    let status = response.status();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|value| value.to_str().ok())
    };
    let usage = parse_usage(header(APP_USAGE), header(BUSINESS_USAGE));
    let body = response
        .text()
        .await
        .map_err(|_| ProviderError::Unavailable("Facebook's answer was cut off.".to_owned()))?;
    Ok(Answer {
        status,
        body,
        usage,
    })
}

fn read<T: DeserializeOwned>(status: StatusCode, body: &str) -> Result<T, ProviderError> {
    if status == StatusCode::TOO_MANY_REQUESTS {
        return Err(ProviderError::RateLimited { retry_after: None });
    }
    if !status.is_success() {
        return Err(graph_error(status, body));
    }
    serde_json::from_str(body).map_err(|error| {
        ProviderError::Unexpected(format!("Facebook's answer was unreadable: {error}"))
    })
}

impl FacebookApp {
    /// An app of `app_id` and `app_secret`, its dialog at `dialog` (`https://www.facebook.com`)
    /// and the Graph API at `graph` (`https://graph.facebook.com`).
    pub fn new(
        app_id: &str,
        app_secret: &str,
        dialog: &str,
        graph: &str,
    ) -> Result<Self, ProviderError> {
        Ok(Self {
            app_id: app_id.trim().to_owned(),
            app_secret: app_secret.trim().to_owned(),
            dialog: parse_base(dialog)?,
            graph: parse_base(graph)?,
        })
    }

    /// The authorize dialog's link: Facebook sends the person back to `redirect_uri` with a code
    /// and `state`.
    pub fn authorize_url(&self, redirect_uri: &str, state: &str) -> String {
        self.authorize_url_for(redirect_uri, state, SCOPES)
    }

    /// The authorize dialog's link for a creator proving their Instagram professional account
    /// theirs: only the pages they manage and the accounts linked to them are asked for.
    pub fn creator_authorize_url(&self, redirect_uri: &str, state: &str) -> String {
        self.authorize_url_for(redirect_uri, state, CREATOR_SCOPES)
    }

    fn authorize_url_for(&self, redirect_uri: &str, state: &str, scopes: &str) -> String {
        let mut url = self.dialog.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty()
                .extend([GRAPH_VERSION, "dialog", "oauth"]);
        }
        url.query_pairs_mut()
            .append_pair("client_id", &self.app_id)
            .append_pair("redirect_uri", redirect_uri)
            .append_pair("state", state)
            .append_pair("scope", scopes)
            .append_pair("response_type", "code");
        url.to_string()
    }

    fn graph_url(&self, segments: &[&str]) -> url::Url {
        graph_url(&self.graph, segments)
    }

    /// Exchanges the callback's code for a token, and that for a long-lived one (about 60 days;
    /// the page tokens read with it do not expire).
    pub async fn exchange_code(
        &self,
        http: &reqwest::Client,
        code: &str,
        redirect_uri: &str,
    ) -> Result<String, ProviderError> {
        let mut url = self.graph_url(&["oauth", "access_token"]);
        url.query_pairs_mut()
            .append_pair("client_id", &self.app_id)
            .append_pair("redirect_uri", redirect_uri)
            .append_pair("client_secret", &self.app_secret)
            .append_pair("code", code);
        let Answer { status, body, .. } = send(http.get(url)).await?;
        let short: Token = read(status, &body).map_err(|error| match error {
            // A code is good once, for a few minutes: a refused one wants a new login.
            ProviderError::Unexpected(why) => {
                ProviderError::Refused(format!("{why} Start the login again."))
            }
            other => other,
        })?;
        let mut url = self.graph_url(&["oauth", "access_token"]);
        url.query_pairs_mut()
            .append_pair("grant_type", "fb_exchange_token")
            .append_pair("client_id", &self.app_id)
            .append_pair("client_secret", &self.app_secret)
            .append_pair("fb_exchange_token", &short.access_token);
        let Answer { status, body, .. } = send(http.get(url)).await?;
        let long: Token = read(status, &body)?;
        Ok(long.access_token)
    }

    /// The Graph API with `token`.
    pub fn graph(&self, http: reqwest::Client, token: &str) -> Graph {
        Graph {
            http,
            base: self.graph.clone(),
            token: token.to_owned(),
            usage: Arc::new(AtomicU8::new(NO_USAGE)),
        }
    }
}

fn graph_url(base: &url::Url, segments: &[&str]) -> url::Url {
    let mut url = base.clone();
    if let Ok(mut path) = url.path_segments_mut() {
        path.pop_if_empty().push(GRAPH_VERSION).extend(segments);
    }
    url
}

/// The Graph API, with a token. Clones share the rate limit usage last told.
#[derive(Debug, Clone)]
pub struct Graph {
    http: reqwest::Client,
    base: url::Url,
    token: String,
    usage: Arc<AtomicU8>,
}

impl Graph {
    /// The Graph API at `base` (`https://graph.facebook.com`) with `token`.
    pub fn at(http: reqwest::Client, base: &str, token: &str) -> Result<Self, ProviderError> {
        Ok(Self {
            http,
            base: parse_base(base)?,
            token: token.to_owned(),
            usage: Arc::new(AtomicU8::new(NO_USAGE)),
        })
    }

    /// The highest percentage of a rate limit used (the app's, or a business use case's) told
    /// by the last answer that carried Graph's usage headers; none until one did. Graph starts
    /// refusing calls at 100.
    pub fn usage_percent(&self) -> Option<u8> {
        let usage = self.usage.load(Ordering::Relaxed);
        (usage != NO_USAGE).then_some(usage)
    }

    async fn get<T: DeserializeOwned>(
        &self,
        segments: &[&str],
        query: &[(&str, &str)],
    ) -> Result<T, ProviderError> {
        let (status, body) = self.get_raw(segments, query).await?;
        read(status, &body)
    }

    async fn get_raw(
        &self,
        segments: &[&str],
        query: &[(&str, &str)],
    ) -> Result<(StatusCode, String), ProviderError> {
        let mut url = graph_url(&self.base, segments);
        {
            let mut pairs = url.query_pairs_mut();
            for (name, value) in query {
                pairs.append_pair(name, value);
            }
            pairs.append_pair("access_token", &self.token);
        }
        let Answer {
            status,
            body,
            usage,
        } = send(self.http.get(url)).await?;
        if let Some(usage) = usage {
            self.usage.store(usage, Ordering::Relaxed);
        }
        Ok((status, body))
    }

    async fn page<T: DeserializeOwned>(
        &self,
        segments: &[&str],
        fields: &str,
        after: Option<&str>,
    ) -> Result<GraphPage<T>, ProviderError> {
        let mut query = vec![("fields", fields), ("limit", "50")];
        if let Some(after) = after {
            query.push(("after", after));
        }
        let page: RawPage<T> = self.get(segments, &query).await?;
        Ok(page.into())
    }

    /// The pages the token's person manages (all of them, page after page).
    pub async fn pages(&self) -> Result<Vec<Page>, ProviderError> {
        let mut pages = Vec::new();
        let mut after: Option<String> = None;
        // A person manages a handful of pages; the bound keeps a looping cursor harmless.
        for _ in 0..20 {
            let page: GraphPage<Page> = self
                .page(
                    &["me", "accounts"],
                    "id,name,category,access_token,instagram_business_account",
                    after.as_deref(),
                )
                .await?;
            pages.extend(page.items);
            match page.next {
                Some(next) => after = Some(next),
                None => break,
            }
        }
        Ok(pages)
    }

    /// An Instagram business account's username.
    pub async fn username(&self, account: &str) -> Result<Option<String>, ProviderError> {
        let found: Username = self.get(&[account], &[("fields", "username")]).await?;
        Ok(found.username)
    }

    /// A page of the media the account is tagged in, newest first.
    pub async fn tags(
        &self,
        account: &str,
        after: Option<&str>,
    ) -> Result<GraphPage<Tagged>, ProviderError> {
        self.page(
            &[account, "tags"],
            "id,username,caption,permalink,timestamp",
            after,
        )
        .await
    }

    /// A page of the account's media, newest first.
    pub async fn media(
        &self,
        account: &str,
        after: Option<&str>,
    ) -> Result<GraphPage<Media>, ProviderError> {
        self.page(
            &[account, "media"],
            "id,caption,permalink,timestamp,like_count,comments_count",
            after,
        )
        .await
    }

    /// A page of a media's comments.
    pub async fn comments(
        &self,
        media: &str,
        after: Option<&str>,
    ) -> Result<GraphPage<Comment>, ProviderError> {
        self.page(&[media, "comments"], "id,text,username,timestamp", after)
            .await
    }

    /// Another account's public profile, looked up from the brand's `account`; none when it is
    /// not a business or creator account (only those can be looked up).
    pub async fn business_discovery(
        &self,
        account: &str,
        username: &str,
    ) -> Result<Option<Profile>, ProviderError> {
        if !valid_username(username) {
            return Ok(None);
        }
        let fields = format!(
            "business_discovery.username({username}){{username,name,followers_count,\
             media_count,profile_picture_url}}"
        );
        let (status, body) = self.get_raw(&[account], &[("fields", &fields)]).await?;
        if !status.is_success() && not_a_business(&body) {
            return Ok(None);
        }
        let found: Discovery = read(status, &body)?;
        Ok(Some(found.business_discovery))
    }

    /// Another account's public profile with a page of its recent posts and their metrics,
    /// looked up from the brand's `account`: `limit` posts (1 to 50) from the `after` cursor
    /// (none for the newest). None when it is not a business or creator account, or when
    /// `username` cannot be a username; a cursor that cannot be one is not asked.
    pub async fn business_discovery_media(
        &self,
        account: &str,
        username: &str,
        limit: u32,
        after: Option<&str>,
    ) -> Result<Option<ProfileWithMedia>, ProviderError> {
        if !valid_username(username) {
            return Ok(None);
        }
        let limit = limit.clamp(1, MAX_DISCOVERY_MEDIA);
        let media = match after {
            Some(after) if !valid_cursor(after) => {
                return Err(ProviderError::Unexpected(format!(
                    "{after:?} is not a Graph cursor."
                )))
            }
            Some(after) => format!("media.after({after}).limit({limit})"),
            None => format!("media.limit({limit})"),
        };
        let fields = format!(
            "business_discovery.username({username}){{username,name,biography,followers_count,\
             follows_count,media_count,profile_picture_url,{media}{{id,caption,media_type,\
             permalink,timestamp,like_count,comments_count,thumbnail_url,media_url}}}}"
        );
        let (status, body) = self.get_raw(&[account], &[("fields", &fields)]).await?;
        if !status.is_success() && not_a_business(&body) {
            return Ok(None);
        }
        let found: DiscoveryWithMedia = read(status, &body)?;
        Ok(Some(found.business_discovery.into()))
    }
}
