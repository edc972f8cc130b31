//! Reading one account's figures and recent posts from its platform: Instagram through
//! `business_discovery` (only business and creator accounts can be read), YouTube through the
//! channel, its uploads playlist and the uploads' statistics (3 quota units an account), TikTok
//! through the login of the creator who verified the account (the display API).

use chrono::{DateTime, Utc};
use rapport_domain::analytics::{averages, PostMetrics, StatsSource, ENGAGEMENT_POSTS};
use rapport_integrations::facebook::Graph;
use rapport_integrations::list_providers::ProviderError;
use rapport_integrations::tiktok::{TikTok, MAX_VIDEOS};
use rapport_integrations::youtube::{ChannelRef, YouTube};

/// A post as read.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadPost {
    /// The platform's id.
    pub external_id: String,
    /// Its link.
    pub link: Option<String>,
    /// Its caption.
    pub caption: Option<String>,
    /// A picture of it.
    pub thumbnail_url: Option<String>,
    /// When it was posted.
    pub posted_at: Option<DateTime<Utc>>,
    /// Likes.
    pub likes: Option<i64>,
    /// Comments.
    pub comments: Option<i64>,
    /// Views.
    pub views: Option<i64>,
}

/// An account's figures as read.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// The figures.
    pub figures: rapport_store::analytics::Figures,
    /// Its newest posts, newest first.
    pub posts: Vec<ReadPost>,
    /// New figures of tracked posts older than those, by platform id.
    pub tracked_figures: Vec<(String, PostFigures)>,
}

/// A post's likes, comments and views.
pub type PostFigures = (Option<i64>, Option<i64>, Option<i64>);

/// What content tracking asks of a reading.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tracked {
    /// The boards tracking a hashtag the influencer has a card on (their posts carrying it go
    /// there; with any, more of the newest posts are read).
    pub boards: Vec<rapport_store::content::TrackingRow>,
    /// The platform ids of the account's posts on boards, posted within the tracking window:
    /// their figures are read again.
    pub posts: Vec<String>,
}

impl Tracked {
    /// Posts to read: the newest 12, or 50 for an influencer whose posts boards track.
    fn newest(&self) -> u32 {
        if !self.boards.is_empty() {
            50
        } else {
            ENGAGEMENT_POSTS as u32
        }
    }
}

/// Why an account was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotRead {
    /// Something about this account (private, not found): recorded on it, the refresh goes on.
    Problem(String),
    /// The provider's answer (a refused key, a rate limit, an outage).
    Provider(ProviderError),
}

impl From<ProviderError> for NotRead {
    fn from(error: ProviderError) -> Self {
        Self::Provider(error)
    }
}

fn reading(
    source: StatsSource,
    followers: Option<i64>,
    count: Option<i64>,
    posts: Vec<ReadPost>,
) -> Reading {
    let metrics: Vec<PostMetrics> = posts
        .iter()
        .map(|post| PostMetrics {
            likes: post.likes,
            comments: post.comments,
            views: post.views,
        })
        .collect();
    let found = averages(&metrics, followers);
    Reading {
        figures: rapport_store::analytics::Figures {
            followers,
            posts: count,
            avg_likes: found.likes,
            avg_comments: found.comments,
            avg_views: found.views,
            engagement_rate: found.engagement_rate,
            source,
        },
        posts,
        tracked_figures: Vec::new(),
    }
}

/// Reads an Instagram account (`handle`, as stored) through the team's business `account`.
pub async fn instagram(
    graph: &Graph,
    account: &str,
    handle: &str,
    tracked: &Tracked,
) -> Result<Reading, NotRead> {
    let username = handle.trim_start_matches('@').to_lowercase();
    let found = graph
        .business_discovery_media(account, &username, tracked.newest(), None)
        .await?;
    let Some(found) = found else {
        return Err(NotRead::Problem(
            "Instagram shows the figures of business and creator accounts only: this one is \
             personal, private or gone. Type its figures in meanwhile."
                .to_owned(),
        ));
    };
    let posts = found
        .posts
        .into_iter()
        .map(|post| ReadPost {
            external_id: post.id,
            link: post.permalink,
            caption: post.caption,
            thumbnail_url: post.thumbnail_url.or(post.media_url),
            posted_at: post.timestamp,
            likes: post.like_count,
            comments: post.comments_count,
            views: None,
        })
        .collect();
    Ok(reading(
        StatsSource::Instagram,
        found.profile.followers_count,
        found.profile.media_count,
        posts,
    ))
}

/// What a stored YouTube handle names: `@handle` or a `UC…` channel id; legacy `c/` and `user/`
/// addresses the API cannot look up.
pub fn channel_ref(handle: &str) -> Result<ChannelRef, String> {
    if let Some(name) = handle.strip_prefix('@') {
        return Ok(ChannelRef::Handle(name.to_owned()));
    }
    if handle.starts_with("UC") && !handle.contains('/') {
        return Ok(ChannelRef::Id(handle.to_owned()));
    }
    Err(format!(
        "YouTube's API cannot look up the address {handle:?}: add the channel by its @handle or \
         its UC… id."
    ))
}

/// Reads a YouTube channel (`handle`, as stored): its figures, then its newest uploads and
/// their statistics (with those of its tracked videos, in the same calls).
pub async fn youtube(
    client: &YouTube,
    handle: &str,
    tracked: &Tracked,
) -> Result<Reading, NotRead> {
    let channel = channel_ref(handle).map_err(NotRead::Problem)?;
    let Some(found) = client.channel(&channel).await? else {
        return Err(NotRead::Problem(format!(
            "YouTube has no channel {handle}."
        )));
    };
    let uploads = client.uploads(&found.id, None, tracked.newest()).await?;
    let mut ids: Vec<String> = uploads
        .items
        .iter()
        .map(|upload| upload.video_id.clone())
        .collect();
    let older: Vec<String> = tracked
        .posts
        .iter()
        .filter(|id| !ids.contains(id))
        .cloned()
        .collect();
    ids.extend(older.iter().cloned());
    let stats = if ids.is_empty() {
        Vec::new()
    } else {
        client.video_stats(&ids).await?
    };
    let posts = uploads
        .items
        .into_iter()
        .map(|upload| {
            let figures = stats.iter().find(|stat| stat.id == upload.video_id);
            let caption = match (upload.title.trim(), upload.description.trim()) {
                (title, "") => title.to_owned(),
                (title, description) => format!("{title}\n\n{description}"),
            };
            ReadPost {
                link: Some(format!(
                    "https://www.youtube.com/watch?v={}",
                    upload.video_id
                )),
                external_id: upload.video_id,
                caption: (!caption.is_empty()).then_some(caption),
                thumbnail_url: upload.thumbnail,
                posted_at: upload.published_at,
                likes: figures.and_then(|stat| stat.likes),
                comments: figures.and_then(|stat| stat.comments),
                views: figures.and_then(|stat| stat.views),
            }
        })
        .collect();
    let mut read = reading(StatsSource::Youtube, found.subscribers, found.videos, posts);
    read.tracked_figures = stats
        .iter()
        .filter(|stat| older.contains(&stat.id))
        .map(|stat| (stat.id.clone(), (stat.likes, stat.comments, stat.views)))
        .collect();
    Ok(read)
}

/// Reads a TikTok account through its creator's login: their figures, then their newest videos
/// page by page (20 a page), as many as `tracked` asks for. TikTok lists a creator's own videos
/// only, so tracked videos older than those are not read again.
pub async fn tiktok(client: &TikTok, tracked: &Tracked) -> Result<Reading, NotRead> {
    let user = client.user().await?;
    let wanted = tracked.newest() as usize;
    let mut videos = Vec::new();
    let mut cursor = None;
    // The bound keeps a cursor that never ends harmless.
    for _ in 0..wanted.div_ceil(MAX_VIDEOS as usize) {
        let page = client.videos(cursor, MAX_VIDEOS).await?;
        videos.extend(page.items);
        match page.next {
            Some(next) if videos.len() < wanted => cursor = Some(next),
            _ => break,
        }
    }
    videos.truncate(wanted);
    let posts = videos
        .into_iter()
        .map(|video| {
            let caption = match (
                video.title.as_deref().map(str::trim).unwrap_or(""),
                video.description.as_deref().map(str::trim).unwrap_or(""),
            ) {
                ("", description) => description.to_owned(),
                (title, description) if description.is_empty() || description == title => {
                    title.to_owned()
                }
                (title, description) => format!("{title}\n\n{description}"),
            };
            ReadPost {
                external_id: video.id,
                link: video.link,
                caption: (!caption.is_empty()).then_some(caption),
                thumbnail_url: video.cover,
                posted_at: video.created_at,
                likes: video.likes,
                comments: video.comments,
                views: video.views,
            }
        })
        .collect();
    Ok(reading(
        StatsSource::Tiktok,
        user.followers,
        user.videos,
        posts,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn youtube_addresses_name_a_handle_or_an_id_or_cannot_be_looked_up() {
        assert_eq!(
            channel_ref("@MiaLens"),
            Ok(ChannelRef::Handle("MiaLens".to_owned()))
        );
        assert_eq!(
            channel_ref("UCx3l9H1z4Yd0bQv6Tqk2AbC"),
            Ok(ChannelRef::Id("UCx3l9H1z4Yd0bQv6Tqk2AbC".to_owned()))
        );
        assert!(channel_ref("c/mialens").unwrap_err().contains("@handle"));
        assert!(channel_ref("user/mialens").is_err());
    }
}
