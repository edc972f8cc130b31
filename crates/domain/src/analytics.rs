//! Account analytics: each platform account's figures (followers, posts, average likes, comments
//! and views of recent posts, engagement rate), where and when they were read, their history
//! (one snapshot a day at most, older ones thinned) and the recent posts they were read from.
//!
//! **Engagement rate**: the average of (likes + comments) over the account's last
//! [`ENGAGEMENT_POSTS`] posts, divided by its followers (0.034 = 3.4 %). Views do not count
//! (Instagram shows none for photos); they are shown beside it.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::influencers::PlatformAccount;
use crate::profiles::Platform;
use crate::validation::{FieldErrors, Validate};
use crate::{AccountId, PostId};

/// Posts the averages and the engagement rate are taken over.
pub const ENGAGEMENT_POSTS: usize = 12;
/// Days of daily snapshots kept as they are; older ones are thinned to one a week.
pub const DAILY_DAYS: i64 = 90;
/// Days of weekly snapshots; older ones are thinned to one a month.
pub const WEEKLY_DAYS: i64 = 730;
/// Hours between two background refreshes of an account.
pub const REFRESH_HOURS: i64 = 24;
/// YouTube quota units one account's refresh costs: the channel, its uploads, their statistics.
pub const YOUTUBE_UNITS_PER_REFRESH: i64 = 3;
/// The largest figure typed in by hand.
pub const FIGURE_MAX: i64 = 100_000_000_000;

/// Where figures were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow))]
#[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
pub enum StatsSource {
    /// Instagram's Graph API (`business_discovery`).
    Instagram,
    /// The YouTube Data API.
    Youtube,
    /// TikTok's display API (the creator connected their account).
    Tiktok,
    /// Typed in by a team member.
    Manual,
}

#[cfg(feature = "diesel")]
crate::stored::enum_as_text!(StatsSource);

impl StatsSource {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Instagram => "instagram",
            Self::Youtube => "youtube",
            Self::Tiktok => "tiktok",
            Self::Manual => "manual",
        }
    }

    /// The source a stored spelling names.
    pub fn parse(value: &str) -> Option<Self> {
        [Self::Instagram, Self::Youtube, Self::Tiktok, Self::Manual]
            .into_iter()
            .find(|source| source.as_str() == value)
    }

    /// Words for people ("read from YouTube", "typed in by hand").
    pub fn label(self) -> &'static str {
        match self {
            Self::Instagram => "Instagram",
            Self::Youtube => "YouTube",
            Self::Tiktok => "TikTok",
            Self::Manual => "typed in by hand",
        }
    }

    /// The source that reads a platform's figures.
    pub fn of(platform: Platform) -> Self {
        match platform {
            Platform::Instagram => Self::Instagram,
            Platform::Youtube => Self::Youtube,
            Platform::Tiktok => Self::Tiktok,
        }
    }
}

/// What a team lacks for an account's figures to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MissingIntegration {
    /// The team's Instagram business account (Data sources → Connect Instagram).
    Instagram,
    /// A YouTube Data API key (Team → Integrations).
    Youtube,
    /// The creator's own TikTok login (TikTok shows other accounts' figures to no one).
    Tiktok,
}

impl MissingIntegration {
    /// What to do about it.
    pub fn advice(self) -> &'static str {
        match self {
            Self::Instagram => {
                "Connect the team's Instagram business account (Data sources) to read Instagram figures."
            }
            Self::Youtube => "Add a YouTube Data API key (Team → Integrations) to read YouTube figures.",
            Self::Tiktok => {
                "TikTok shows an account's figures only once its creator connects it; type them in meanwhile."
            }
        }
    }
}

/// One post's figures, for the averages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PostMetrics {
    /// Likes, when shown.
    pub likes: Option<i64>,
    /// Comments, when shown.
    pub comments: Option<i64>,
    /// Views, when shown.
    pub views: Option<i64>,
}

/// Averages over recent posts and the engagement rate they give.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Averages {
    /// Average likes.
    pub likes: Option<f64>,
    /// Average comments.
    pub comments: Option<f64>,
    /// Average views (of the posts that show views).
    pub views: Option<f64>,
    /// (average likes + average comments) / followers.
    pub engagement_rate: Option<f64>,
}

fn mean(values: impl Iterator<Item = i64>) -> Option<f64> {
    let (sum, count) = values.fold((0_f64, 0_u32), |(sum, count), value| {
        (sum + value.max(0) as f64, count + 1)
    });
    (count > 0).then(|| sum / f64::from(count))
}

/// The averages of the newest [`ENGAGEMENT_POSTS`] of `posts` (newest first) and the engagement
/// rate for `followers`. A post hiding its likes counts for its comments alone; no rate without
/// followers or without posts.
pub fn averages(posts: &[PostMetrics], followers: Option<i64>) -> Averages {
    let recent = &posts[..posts.len().min(ENGAGEMENT_POSTS)];
    let likes = mean(recent.iter().filter_map(|post| post.likes));
    let comments = mean(recent.iter().filter_map(|post| post.comments));
    let views = mean(recent.iter().filter_map(|post| post.views));
    let interactions = mean(
        recent
            .iter()
            .filter(|post| post.likes.is_some() || post.comments.is_some())
            .map(|post| post.likes.unwrap_or(0).max(0) + post.comments.unwrap_or(0).max(0)),
    );
    let engagement_rate = match (interactions, followers) {
        (Some(interactions), Some(followers)) if followers > 0 => {
            Some(interactions / followers as f64)
        }
        _ => None,
    };
    Averages {
        likes,
        comments,
        views,
        engagement_rate,
    }
}

/// A post of an account, with its figures when last read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Post {
    /// The post's id in Rapport.
    pub id: PostId,
    /// The account that posted it.
    pub account_id: AccountId,
    /// Its platform.
    pub platform: Platform,
    /// Its link on the platform.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// Its caption (the video's title and description on YouTube).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// A picture of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail_url: Option<String>,
    /// When it was posted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub posted_at: Option<DateTime<Utc>>,
    /// Likes, when shown.
    pub likes: Option<i64>,
    /// Comments, when shown.
    pub comments: Option<i64>,
    /// Views, when shown.
    pub views: Option<i64>,
    /// Where the figures come from.
    pub source: StatsSource,
    /// When the figures were read.
    pub read_at: DateTime<Utc>,
}

/// One account's analytics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountInsights {
    /// The account with its headline figures (followers, posts, engagement rate) and when
    /// they were read.
    pub account: PlatformAccount,
    /// Average likes of the recent posts.
    pub avg_likes: Option<f64>,
    /// Average comments of the recent posts.
    pub avg_comments: Option<f64>,
    /// Average views of the recent posts that show views.
    pub avg_views: Option<f64>,
    /// Where the figures were read; `null` while none are known.
    pub source: Option<StatsSource>,
    /// What went wrong at the last refresh (a private account, a channel not found...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
    /// The integration the team lacks for this account's figures to be read, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing_integration: Option<MissingIntegration>,
    /// What to do about the missing integration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advice: Option<String>,
    /// The newest posts read, newest first.
    pub recent_posts: Vec<Post>,
}

/// `GET /api/v1/influencers/{influencer_id}/insights`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InfluencerInsights {
    /// One entry per platform account.
    pub accounts: Vec<AccountInsights>,
    /// Whether a refresh is queued or running.
    pub refreshing: bool,
    /// Hours between two background refreshes.
    pub refresh_every_hours: i64,
}

/// How far back a chart goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ChartRange {
    /// 30 days.
    #[serde(rename = "30d")]
    Days30,
    /// 90 days.
    #[default]
    #[serde(rename = "90d")]
    Days90,
    /// A year.
    #[serde(rename = "1y")]
    Year,
    /// Everything kept.
    #[serde(rename = "all")]
    All,
}

impl ChartRange {
    /// Every range, shortest first.
    pub const ALL: [ChartRange; 4] = [Self::Days30, Self::Days90, Self::Year, Self::All];

    /// Days back; none for everything.
    pub fn days(self) -> Option<i64> {
        match self {
            Self::Days30 => Some(30),
            Self::Days90 => Some(90),
            Self::Year => Some(365),
            Self::All => None,
        }
    }

    /// The query spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Days30 => "30d",
            Self::Days90 => "90d",
            Self::Year => "1y",
            Self::All => "all",
        }
    }

    /// Words for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Days30 => "30 days",
            Self::Days90 => "90 days",
            Self::Year => "A year",
            Self::All => "All",
        }
    }

    /// The first day shown, for `today`.
    pub fn first_day(self, today: NaiveDate) -> Option<NaiveDate> {
        self.days()
            .and_then(|days| today.checked_sub_days(chrono::Days::new(days as u64)))
    }
}

/// `GET /api/v1/influencers/{influencer_id}/accounts/{account_id}/snapshots` filters.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct HistoryQuery {
    /// How far back: `30d`, `90d` (default), `1y` or `all`.
    #[cfg_attr(feature = "openapi", param(inline))]
    pub range: Option<ChartRange>,
}

/// One day's figures of an account.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SnapshotPoint {
    /// The day (UTC).
    pub day: NaiveDate,
    /// Followers that day.
    pub followers: Option<i64>,
    /// Posts that day.
    pub posts: Option<i64>,
    /// Engagement rate that day.
    pub engagement_rate: Option<f64>,
    /// Where the day's figures come from.
    pub source: StatsSource,
}

/// `GET /api/v1/influencers/{influencer_id}/accounts/{account_id}/snapshots`: an account's
/// figures over time, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountHistory {
    /// The account.
    pub account_id: AccountId,
    /// The range asked for.
    pub range: ChartRange,
    /// The snapshots, oldest first (daily for 90 days, weekly before, monthly past two years).
    pub points: Vec<SnapshotPoint>,
}

/// Followers gained (or lost) over a history, with the first and last known figures.
pub fn growth(points: &[SnapshotPoint]) -> Option<(i64, i64)> {
    let first = points.iter().find_map(|point| point.followers)?;
    let last = points.iter().rev().find_map(|point| point.followers)?;
    Some((first, last))
}

/// `PUT /api/v1/influencers/{influencer_id}/accounts/{account_id}/stats`: figures typed in by
/// hand when the platform cannot be read. Figures left out keep no value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ManualStats {
    /// Followers (subscribers).
    #[cfg_attr(
        feature = "openapi",
        schema(minimum = 0, maximum = 100_000_000_000_i64)
    )]
    #[serde(default)]
    pub followers: Option<i64>,
    /// Posts (videos).
    #[cfg_attr(
        feature = "openapi",
        schema(minimum = 0, maximum = 100_000_000_000_i64)
    )]
    #[serde(default)]
    pub posts: Option<i64>,
    /// Average likes of recent posts.
    #[cfg_attr(
        feature = "openapi",
        schema(minimum = 0, maximum = 100_000_000_000_i64)
    )]
    #[serde(default)]
    pub avg_likes: Option<f64>,
    /// Average comments of recent posts.
    #[cfg_attr(
        feature = "openapi",
        schema(minimum = 0, maximum = 100_000_000_000_i64)
    )]
    #[serde(default)]
    pub avg_comments: Option<f64>,
    /// Average views of recent posts.
    #[cfg_attr(
        feature = "openapi",
        schema(minimum = 0, maximum = 100_000_000_000_i64)
    )]
    #[serde(default)]
    pub avg_views: Option<f64>,
}

impl ManualStats {
    /// The engagement rate these figures give: (average likes + average comments) / followers.
    pub fn engagement_rate(&self) -> Option<f64> {
        let followers = self.followers.filter(|followers| *followers > 0)?;
        if self.avg_likes.is_none() && self.avg_comments.is_none() {
            return None;
        }
        let interactions = self.avg_likes.unwrap_or(0.0) + self.avg_comments.unwrap_or(0.0);
        Some(interactions / followers as f64)
    }
}

fn check_count(errors: &mut FieldErrors, field: &str, value: Option<i64>) {
    if value.is_some_and(|value| !(0..=FIGURE_MAX).contains(&value)) {
        errors.add(
            field,
            "out_of_range",
            format!("Between 0 and {FIGURE_MAX}."),
        );
    }
}

fn check_average(errors: &mut FieldErrors, field: &str, value: Option<f64>) {
    if value.is_some_and(|value| !value.is_finite() || !(0.0..=FIGURE_MAX as f64).contains(&value))
    {
        errors.add(
            field,
            "out_of_range",
            format!("Between 0 and {FIGURE_MAX}."),
        );
    }
}

impl Validate for ManualStats {
    type Clean = ManualStats;

    fn validate(&self) -> Result<ManualStats, FieldErrors> {
        let mut errors = FieldErrors::default();
        check_count(&mut errors, "followers", self.followers);
        check_count(&mut errors, "posts", self.posts);
        check_average(&mut errors, "avg_likes", self.avg_likes);
        check_average(&mut errors, "avg_comments", self.avg_comments);
        check_average(&mut errors, "avg_views", self.avg_views);
        if *self == ManualStats::default() {
            errors.add("followers", "required", "Type in at least one figure.");
        }
        errors.into_result().map(|()| self.clone())
    }
}

/// The bucket an old snapshot is thinned within: `None` for a day kept as it is (within
/// [`DAILY_DAYS`] of `today`), else the week (within [`WEEKLY_DAYS`]) or the month it falls in.
/// Of each bucket only the newest snapshot is kept.
pub fn thinning_bucket(day: NaiveDate, today: NaiveDate) -> Option<(i32, u32, u32)> {
    let age = (today - day).num_days();
    if age <= DAILY_DAYS {
        None
    } else if age <= WEEKLY_DAYS {
        let week = day.iso_week();
        Some((week.year(), 1, week.week()))
    } else {
        Some((day.year(), 2, day.month()))
    }
}

/// Of an account's snapshot days (any order), those thinning drops: every day of a bucket but
/// its newest.
pub fn days_to_thin(days: &[NaiveDate], today: NaiveDate) -> Vec<NaiveDate> {
    let mut sorted: Vec<NaiveDate> = days.to_vec();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    let mut seen = std::collections::HashSet::new();
    sorted
        .into_iter()
        .filter(|day| match thinning_bucket(*day, today) {
            None => false,
            Some(bucket) => !seen.insert(bucket),
        })
        .collect()
}

/// `GET /api/v1/teams/{team_id}/integrations`: which of the platforms' APIs the team's figures
/// can be read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamIntegrations {
    /// The Instagram business account figures are read through (`business_discovery`), when
    /// one is connected (Data sources).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instagram_account: Option<String>,
    /// Whether a YouTube Data API key is stored.
    pub youtube_key: bool,
    /// The key's last characters, to recognise it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub youtube_key_hint: Option<String>,
    /// YouTube quota units a daily refresh of the team's YouTube accounts needs (the default
    /// quota is 10,000 a day).
    pub youtube_units_per_day: i64,
}

/// `PUT /api/v1/teams/{team_id}/integrations/youtube`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SetYoutubeKey {
    /// A YouTube Data API v3 key (Google Cloud console → APIs & Services → Credentials).
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 20, max_length = 200, pattern = r"^[A-Za-z0-9_\-]+$")
    )]
    pub api_key: String,
}

impl Validate for SetYoutubeKey {
    type Clean = String;

    fn validate(&self) -> Result<String, FieldErrors> {
        let key = self.api_key.trim();
        let mut errors = FieldErrors::default();
        let shaped = (20..=200).contains(&key.len())
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !shaped {
            errors.add(
                "api_key",
                "invalid",
                "A YouTube API key is 20 to 200 letters, digits, '-' or '_'.",
            );
        }
        errors.into_result().map(|()| key.to_owned())
    }
}

#[cfg(test)]
#[path = "analytics_tests.rs"]
mod tests;
