//! Sample analytics for the demo team (`make run`): a year of snapshots per account, shaped as
//! the thinning keeps them (daily for 90 days, weekly before), growing a little each month with
//! some noise, and a handful of recent posts whose figures give the account's averages. Figures
//! of Instagram and YouTube accounts read as from their platform, TikTok's as typed in by hand
//! (as TikTok figures are until a creator connects). Deterministic: the same demo every time.

use chrono::NaiveDateTime;
use rapport_domain::analytics::{averages, PostMetrics, StatsSource, DAILY_DAYS};
use rapport_domain::profiles::Platform;
use rapport_store::analytics::{self, day_number, Figures, PostRow, SnapshotRow};
use rapport_store::influencers::AccountRow;
use rapport_store::{new_id, DbConnection};

use crate::error::ApiResult;

const CAPTIONS: [&str; 6] = [
    "Slow morning, good coffee ☕ #demo #morningritual",
    "Behind the scenes of this week's shoot",
    "Trying the new cold brew from @democoffee #summerlaunch #ad",
    "Q&A: your questions answered",
    "Weekend plans, packed and ready",
    "A little thank-you to everyone following along",
];

/// A small deterministic generator (the demo must not change between runs).
struct Noise(u64);

impl Noise {
    /// A number in [0, 1).
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1_u64 << 53) as f64
    }
}

/// Seeds an account's history, posts and current figures, ending with `followers` today.
pub fn seed_account(
    conn: &mut DbConnection,
    account: &AccountRow,
    followers: i64,
    seed: u64,
    now: NaiveDateTime,
) -> ApiResult<()> {
    let mut noise = Noise(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5);
    let source = match account.platform {
        Platform::Instagram => StatsSource::Instagram,
        Platform::Youtube => StatsSource::Youtube,
        Platform::Tiktok => StatsSource::Manual,
    };
    // Bigger accounts engage less.
    let base_rate = (0.09 / (followers.max(1_000) as f64).log10()).clamp(0.008, 0.06);
    let posts: Vec<PostRow> = CAPTIONS
        .iter()
        .enumerate()
        .map(|(index, caption)| {
            let likes = (followers as f64 * base_rate * (0.6 + 0.8 * noise.next())).round() as i64;
            let comments = (likes as f64 * (0.02 + 0.04 * noise.next())).round() as i64;
            let views = match account.platform {
                Platform::Instagram => None,
                _ => Some((likes as f64 * (8.0 + 10.0 * noise.next())).round() as i64),
            };
            let posted_at = now - chrono::Duration::days(2 + 4 * index as i64);
            let external = format!("demo-{}-{index}", account.id);
            PostRow {
                id: new_id(),
                team_id: account.team_id,
                account_id: account.id,
                link: Some(match account.platform {
                    Platform::Instagram => format!("https://www.instagram.com/p/{external}/"),
                    Platform::Youtube => format!("https://www.youtube.com/watch?v={external}"),
                    Platform::Tiktok => format!(
                        "https://www.tiktok.com/@{}/video/{external}",
                        account.handle
                    ),
                }),
                external_id: external,
                caption: Some((*caption).to_owned()),
                thumbnail_url: None,
                posted_at: Some(posted_at),
                likes: Some(likes),
                comments: Some(comments),
                views,
                source,
                read_at: now,
                created_at: now,
            }
        })
        .collect();
    analytics::insert_posts(conn, &posts)?;
    let metrics: Vec<PostMetrics> = posts
        .iter()
        .map(|post| PostMetrics {
            likes: post.likes,
            comments: post.comments,
            views: post.views,
        })
        .collect();
    let found = averages(&metrics, Some(followers));
    let today = day_number(now.date());
    let monthly_growth = 0.015 + 0.04 * noise.next();
    let mut snapshots = Vec::new();
    for back in (1..=365_i64).rev() {
        if back > DAILY_DAYS && back % 7 != 0 {
            continue;
        }
        let trend = followers as f64 / (1.0 + monthly_growth).powf(back as f64 / 30.0);
        let wobble = 1.0 + 0.004 * (noise.next() - 0.5);
        let rate = found.engagement_rate.map(|rate| {
            rate * (1.0 + 0.12 * (back as f64 / 17.0).sin() + 0.05 * (noise.next() - 0.5))
        });
        snapshots.push(SnapshotRow {
            account_id: account.id,
            day: today - i32::try_from(back).unwrap_or(0),
            followers: Some((trend * wobble).round() as i64),
            posts: None,
            engagement_rate: rate,
            source,
        });
    }
    analytics::insert_snapshots(conn, &snapshots)?;
    let figures = Figures {
        followers: Some(followers),
        posts: Some(40 + (noise.next() * 900.0) as i64),
        avg_likes: found.likes,
        avg_comments: found.comments,
        avg_views: found.views,
        engagement_rate: found.engagement_rate,
        source,
    };
    analytics::record_figures(conn, account.id, &figures, now)?;
    Ok(())
}

/// Makes `board` track `hashtag` since `since`, with the posts its influencers posted since then
/// that carry it (as a refresh would have found them).
pub fn seed_tracking(
    conn: &mut DbConnection,
    board: rapport_domain::BoardId,
    hashtag: &str,
    since: NaiveDateTime,
    actor: rapport_domain::UserId,
    now: NaiveDateTime,
) -> ApiResult<()> {
    use rapport_store::content::{self, BoardPostRow, TrackingRow};
    content::set_tracking(
        conn,
        board,
        Some(&TrackingRow {
            board_id: board,
            hashtag: hashtag.to_owned(),
            since,
            set_by: Some(actor),
            updated_at: now,
        }),
    )?;
    let mut links = Vec::new();
    let accounts =
        analytics::accounts_after(conn, analytics::AccountsOf::Board(board), None, i64::MAX)?;
    for account in accounts {
        for post in analytics::recent_posts(conn, account.id, 50)? {
            let carries = post
                .caption
                .as_deref()
                .is_some_and(|caption| rapport_domain::content::carries(caption, hashtag));
            if carries && post.posted_at.is_some_and(|at| at >= since) {
                links.push(BoardPostRow {
                    board_id: board,
                    post_id: post.id,
                    hashtag: Some(hashtag.to_owned()),
                    added_by: None,
                    created_at: now,
                });
            }
        }
    }
    content::link_posts(conn, &links)?;
    Ok(())
}
