use chrono::NaiveDate;

use super::*;

fn post(likes: i64, comments: i64) -> PostMetrics {
    PostMetrics {
        likes: Some(likes),
        comments: Some(comments),
        views: None,
    }
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

#[test]
fn engagement_is_average_likes_and_comments_of_the_last_twelve_posts_over_followers() {
    // Twelve posts of 100 likes + 10 comments, then older posts that must not count.
    let mut posts = vec![post(100, 10); ENGAGEMENT_POSTS];
    posts.extend(vec![post(1_000_000, 0); 5]);
    let found = averages(&posts, Some(1_000));
    assert_eq!(found.likes, Some(100.0));
    assert_eq!(found.comments, Some(10.0));
    assert_eq!(found.views, None);
    assert_eq!(found.engagement_rate, Some(0.11));
}

#[test]
fn hidden_likes_count_for_comments_alone_and_views_average_over_posts_showing_them() {
    let posts = [
        PostMetrics {
            likes: None,
            comments: Some(20),
            views: Some(1_000),
        },
        PostMetrics {
            likes: Some(80),
            comments: Some(0),
            views: None,
        },
    ];
    let found = averages(&posts, Some(500));
    assert_eq!(found.likes, Some(80.0));
    assert_eq!(found.comments, Some(10.0));
    assert_eq!(found.views, Some(1_000.0));
    // (20 + 80) / 2 posts / 500 followers.
    assert_eq!(found.engagement_rate, Some(0.1));
}

#[test]
fn no_rate_without_followers_or_posts() {
    assert_eq!(averages(&[post(5, 1)], None).engagement_rate, None);
    assert_eq!(averages(&[post(5, 1)], Some(0)).engagement_rate, None);
    assert_eq!(averages(&[], Some(100)), Averages::default());
}

#[test]
fn manual_figures_give_their_rate_and_refuse_nonsense() {
    let stats = ManualStats {
        followers: Some(2_000),
        avg_likes: Some(90.0),
        avg_comments: Some(10.0),
        ..ManualStats::default()
    };
    assert_eq!(stats.validate().unwrap().engagement_rate(), Some(0.05));
    assert_eq!(
        ManualStats {
            followers: Some(10),
            ..ManualStats::default()
        }
        .engagement_rate(),
        None
    );
    let errors = ManualStats {
        followers: Some(-1),
        avg_likes: Some(f64::NAN),
        ..ManualStats::default()
    }
    .validate()
    .unwrap_err();
    let text = format!("{errors:?}");
    assert!(
        text.contains("followers") && text.contains("avg_likes"),
        "{text}"
    );
    assert!(ManualStats::default().validate().is_err());
}

#[test]
fn snapshots_stay_daily_for_ninety_days_then_weekly_then_monthly() {
    let today = day("2026-12-01");
    assert_eq!(thinning_bucket(day("2026-09-02"), today), None);
    assert!(thinning_bucket(day("2026-09-01"), today).is_some());
    // Two days of the same ISO week, 100 days back: the newer is kept.
    let thinned = days_to_thin(&[day("2026-08-18"), day("2026-08-20")], today);
    assert_eq!(thinned, vec![day("2026-08-18")]);
    // Two days of one month, three years back: one kept.
    let thinned = days_to_thin(&[day("2023-05-30"), day("2023-05-02")], today);
    assert_eq!(thinned, vec![day("2023-05-02")]);
    // A year of daily snapshots keeps 91 days + about 39 weeks.
    let days: Vec<NaiveDate> = (0..365)
        .map(|back| today - chrono::Duration::days(back))
        .collect();
    let kept = days.len() - days_to_thin(&days, today).len();
    assert!((128..=132).contains(&kept), "{kept}");
}

#[test]
fn a_history_grows_from_its_first_known_followers_to_its_last() {
    let point = |followers: Option<i64>| SnapshotPoint {
        day: day("2026-11-01"),
        followers,
        posts: None,
        engagement_rate: None,
        source: StatsSource::Manual,
    };
    assert_eq!(
        growth(&[point(None), point(Some(10)), point(Some(25)), point(None)]),
        Some((10, 25))
    );
    assert_eq!(growth(&[point(None)]), None);
}

#[test]
fn youtube_keys_are_checked_for_shape_and_shown_by_their_end() {
    let key = SetYoutubeKey {
        api_key: " AIzaSyA-1234567890abcdefghijk ".to_owned(),
    };
    assert_eq!(key.validate().unwrap(), "AIzaSyA-1234567890abcdefghijk");
    assert!(SetYoutubeKey {
        api_key: "short".to_owned()
    }
    .validate()
    .is_err());
    assert!(SetYoutubeKey {
        api_key: "AIzaSyA 1234567890abcdefghijk".to_owned()
    }
    .validate()
    .is_err());
}

#[test]
fn ranges_read_as_the_query_spells_them() {
    for range in ChartRange::ALL {
        let json = serde_json::to_string(&range).unwrap();
        assert_eq!(json, format!("\"{}\"", range.as_str()));
        assert_eq!(serde_json::from_str::<ChartRange>(&json).unwrap(), range);
    }
    assert_eq!(
        ChartRange::Days30.first_day(day("2026-12-01")),
        Some(day("2026-11-01"))
    );
    assert_eq!(ChartRange::All.first_day(day("2026-12-01")), None);
}
