//! Content tracking: one hashtag per board; the posts of the board's influencers whose caption
//! carries it (exactly that tag, in any case: `#summer` is not in `#summersale`), collected from
//! the moment the hashtag is set, with their figures; posts added by hand by their link when the
//! platform cannot be read.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::analytics::Post;
use crate::profiles::Platform;
use crate::validation::{FieldErrors, RuleError, Validate};
use crate::{AccountId, InfluencerId};

/// Characters of a hashtag, at most.
pub const HASHTAG_MAX: usize = 100;
/// Days a post's figures are read again after it was posted.
pub const TRACK_DAYS: i64 = 30;
/// Characters of a post's link or caption typed in, at most.
pub const LINK_MAX: usize = 500;

/// Whether a character continues a hashtag (letters and digits of any script, `_`).
fn tag_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// A hashtag as typed ("#SummerLaunch", "summerlaunch"): without its `#`, checked.
pub fn clean_hashtag(input: &str) -> Result<String, RuleError> {
    let tag = input.trim().trim_start_matches('#');
    if tag.is_empty() {
        return Err(RuleError::new("required", "Type the hashtag to track."));
    }
    if tag.chars().count() > HASHTAG_MAX {
        return Err(RuleError::new(
            "too_long",
            format!("A hashtag is at most {HASHTAG_MAX} characters."),
        ));
    }
    if !tag.chars().all(tag_char) || tag.chars().all(|c| c.is_ascii_digit()) {
        return Err(RuleError::new(
            "invalid",
            "A hashtag is letters, digits and '_' (not only digits), without spaces.",
        ));
    }
    Ok(tag.to_owned())
}

/// The hashtags a caption carries, lower-cased, in order: a `#` not inside a word, then the
/// letters, digits and `_` after it.
pub fn hashtags_in(caption: &str) -> Vec<String> {
    let mut tags = Vec::new();
    let mut previous: Option<char> = None;
    let mut chars = caption.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let starts = c == '#' && !previous.is_some_and(|p| tag_char(p) || p == '#');
        previous = Some(c);
        if !starts {
            continue;
        }
        let start = at + c.len_utf8();
        let mut end = start;
        while let Some(&(next_at, next)) = chars.peek() {
            if !tag_char(next) {
                break;
            }
            end = next_at + next.len_utf8();
            previous = Some(next);
            chars.next();
        }
        if end > start {
            tags.push(caption[start..end].to_lowercase());
        }
    }
    tags
}

/// Whether a caption carries exactly `hashtag` (any case).
pub fn carries(caption: &str, hashtag: &str) -> bool {
    let wanted = hashtag.trim_start_matches('#').to_lowercase();
    hashtags_in(caption).contains(&wanted)
}

/// `PUT /api/v1/boards/{board_id}/hashtag`: the hashtag to track (`null` stops tracking; the posts
/// found stay).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SetHashtag {
    /// The hashtag, with or without its `#`: letters (of any script), digits and `_`, not only
    /// digits.
    #[cfg_attr(
        feature = "openapi",
        schema(max_length = 101, example = "summerlaunch")
    )]
    pub hashtag: Option<String>,
}

impl Validate for SetHashtag {
    type Clean = Option<String>;

    fn validate(&self) -> Result<Option<String>, FieldErrors> {
        let mut errors = FieldErrors::default();
        let tag = match &self.hashtag {
            Some(text) => errors.check("hashtag", clean_hashtag(text)),
            None => None,
        };
        errors.into_result().map(|()| tag)
    }
}

/// What a board tracks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Tracking {
    /// The hashtag, without its `#`.
    pub hashtag: String,
    /// Posts from this moment on are collected.
    pub since: DateTime<Utc>,
}

/// A post on a board's Content tab.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrackedPost {
    /// The post and its figures.
    pub post: Post,
    /// The influencer who posted it.
    pub influencer_id: InfluencerId,
    /// Their name.
    pub influencer_name: String,
    /// The account's handle.
    pub handle: String,
    /// The account's followers when last read.
    pub followers: Option<i64>,
    /// (likes + comments) / followers.
    pub engagement_rate: Option<f64>,
    /// The hashtag it was found with; `null` for a post added by hand.
    pub hashtag: Option<String>,
}

/// A board's content in all.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContentTotals {
    /// Posts.
    pub posts: i64,
    /// Likes.
    pub likes: i64,
    /// Comments.
    pub comments: i64,
    /// Views.
    pub views: i64,
    /// (likes + comments) of every post over the followers of its account, summed post by post.
    pub engagement_rate: Option<f64>,
}

/// `GET /api/v1/boards/{board_id}/content`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BoardContent {
    /// What the board tracks; `null` when it tracks no hashtag.
    pub tracking: Option<Tracking>,
    /// The posts, in the order asked for.
    pub posts: Vec<TrackedPost>,
    /// The totals.
    pub totals: ContentTotals,
}

/// The totals of some posts.
pub fn totals(posts: &[TrackedPost]) -> ContentTotals {
    let sum = |figure: fn(&Post) -> Option<i64>| posts.iter().filter_map(|p| figure(&p.post)).sum();
    let interactions: i64 = posts
        .iter()
        .filter(|p| p.followers.is_some_and(|f| f > 0))
        .map(|p| p.post.likes.unwrap_or(0) + p.post.comments.unwrap_or(0))
        .sum();
    let reach: i64 = posts
        .iter()
        .filter_map(|p| p.followers.filter(|f| *f > 0))
        .sum();
    ContentTotals {
        posts: posts.len() as i64,
        likes: sum(|p| p.likes),
        comments: sum(|p| p.comments),
        views: sum(|p| p.views),
        engagement_rate: (reach > 0).then(|| interactions as f64 / reach as f64),
    }
}

/// How the Content tab sorts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ContentSort {
    /// Newest first.
    #[default]
    Newest,
    /// Most likes first.
    Likes,
    /// Most comments first.
    Comments,
    /// Most views first.
    Views,
    /// Highest engagement rate first.
    Engagement,
}

/// `GET /api/v1/boards/{board_id}/content` parameters.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ContentQuery {
    /// `newest` (default), `likes`, `comments`, `views` or `engagement`.
    #[cfg_attr(feature = "openapi", param(inline))]
    pub sort: Option<ContentSort>,
}

/// Sorts posts in place.
pub fn sort_posts(posts: &mut [TrackedPost], sort: ContentSort) {
    let key = |post: &TrackedPost| -> f64 {
        match sort {
            ContentSort::Newest => post.post.posted_at.map_or(0.0, |at| at.timestamp() as f64),
            ContentSort::Likes => post.post.likes.unwrap_or(-1) as f64,
            ContentSort::Comments => post.post.comments.unwrap_or(-1) as f64,
            ContentSort::Views => post.post.views.unwrap_or(-1) as f64,
            ContentSort::Engagement => post.engagement_rate.unwrap_or(-1.0),
        }
    };
    posts.sort_by(|a, b| key(b).total_cmp(&key(a)));
}

/// `POST /api/v1/boards/{board_id}/posts`: a post added by hand by its link, with its figures
/// typed in, when the platform cannot be read.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AddPost {
    /// The account that posted it (one of the board's influencers').
    pub account_id: AccountId,
    /// The post's link on the account's platform.
    #[cfg_attr(
        feature = "openapi",
        schema(
            max_length = 500,
            pattern = r"^https?://\S+$",
            example = "https://www.tiktok.com/@sam.cooks/video/7301"
        )
    )]
    pub link: String,
    /// When it was posted; now unless given.
    #[serde(default)]
    pub posted_at: Option<DateTime<Utc>>,
    /// Its caption.
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    #[serde(default)]
    pub caption: Option<String>,
    /// Likes.
    #[cfg_attr(
        feature = "openapi",
        schema(minimum = 0, maximum = 100_000_000_000_i64)
    )]
    #[serde(default)]
    pub likes: Option<i64>,
    /// Comments.
    #[cfg_attr(
        feature = "openapi",
        schema(minimum = 0, maximum = 100_000_000_000_i64)
    )]
    #[serde(default)]
    pub comments: Option<i64>,
    /// Views.
    #[cfg_attr(
        feature = "openapi",
        schema(minimum = 0, maximum = 100_000_000_000_i64)
    )]
    #[serde(default)]
    pub views: Option<i64>,
}

/// The hosts a platform's post links are on.
pub fn post_hosts(platform: Platform) -> &'static [&'static str] {
    match platform {
        Platform::Instagram => &["instagram.com", "www.instagram.com", "instagr.am"],
        Platform::Tiktok => &[
            "tiktok.com",
            "www.tiktok.com",
            "vm.tiktok.com",
            "m.tiktok.com",
        ],
        Platform::Youtube => &[
            "youtube.com",
            "www.youtube.com",
            "m.youtube.com",
            "youtu.be",
        ],
    }
}

/// A post link's host, lower-cased, when it is an http(s) link without spaces.
pub fn link_host(link: &str) -> Option<String> {
    let rest = link
        .strip_prefix("https://")
        .or_else(|| link.strip_prefix("http://"))?;
    if link.chars().any(char::is_whitespace) {
        return None;
    }
    let host = rest.split(['/', '?', '#']).next()?.to_lowercase();
    (!host.is_empty() && rest.len() > host.len() + 1).then_some(host)
}

impl AddPost {
    /// Checks the post against the platform of its account: the cleaned link and caption.
    pub fn validate_for(
        &self,
        platform: Platform,
    ) -> Result<(String, Option<String>), FieldErrors> {
        let mut errors = FieldErrors::default();
        let link = self.link.trim();
        match link_host(link) {
            _ if link.chars().count() > LINK_MAX => errors.add(
                "link",
                "too_long",
                format!("A link is at most {LINK_MAX} characters."),
            ),
            Some(host) if post_hosts(platform).contains(&host.as_str()) => {}
            Some(_) => errors.add(
                "link",
                "wrong_platform",
                format!("This is not a {} post's link.", platform.label()),
            ),
            None => errors.add("link", "invalid", "Paste the post's link (https://…)."),
        }
        for (field, value) in [
            ("likes", self.likes),
            ("comments", self.comments),
            ("views", self.views),
        ] {
            if value.is_some_and(|v| !(0..=crate::analytics::FIGURE_MAX).contains(&v)) {
                errors.add(field, "out_of_range", "Between 0 and 100000000000.");
            }
        }
        let caption = self
            .caption
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned);
        if caption
            .as_ref()
            .is_some_and(|c| c.chars().count() > LINK_MAX)
        {
            errors.add(
                "caption",
                "too_long",
                "A caption is at most 500 characters.",
            );
        }
        errors.into_result().map(|()| (link.to_owned(), caption))
    }
}

#[cfg(test)]
#[path = "content_tests.rs"]
mod tests;
