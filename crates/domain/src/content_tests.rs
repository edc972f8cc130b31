use super::*;

#[test]
fn only_the_exact_tag_counts_in_any_case() {
    assert!(carries(
        "Morning light with @brand #BrandXMia #film",
        "brandxmia"
    ));
    assert!(carries("#summer!", "#Summer"));
    assert!(carries("line one\n#Summer\nline two", "summer"));
    assert!(!carries("Big #summersale today", "summer"));
    assert!(!carries("Trail shoes tested #BrandRunning", "brandrun"));
    assert!(carries("Trail shoes tested #BrandRun", "brandrun"));
    // Inside a word or a link's anchor it is no hashtag.
    assert!(!carries("mail me at me#summer", "summer"));
    assert!(!carries("##summer", "summer"));
    // Other scripts are tags too.
    assert!(carries("Été #été_2026", "ÉTÉ_2026"));
    assert_eq!(hashtags_in("#a #b_c, #D1 # #"), ["a", "b_c", "d1"]);
}

#[test]
fn hashtags_typed_are_cleaned_or_refused() {
    assert_eq!(clean_hashtag(" #SummerLaunch ").unwrap(), "SummerLaunch");
    assert_eq!(clean_hashtag("summer_2026").unwrap(), "summer_2026");
    assert_eq!(clean_hashtag("#").unwrap_err().code, "required");
    assert_eq!(clean_hashtag("summer launch").unwrap_err().code, "invalid");
    assert_eq!(clean_hashtag("2026").unwrap_err().code, "invalid");
    assert_eq!(
        clean_hashtag(&"a".repeat(101)).unwrap_err().code,
        "too_long"
    );
    assert_eq!(SetHashtag { hashtag: None }.validate().unwrap(), None);
}

#[test]
fn links_must_be_of_the_accounts_platform() {
    let post = |link: &str| AddPost {
        account_id: AccountId(uuid::Uuid::nil()),
        link: link.to_owned(),
        posted_at: None,
        caption: Some("  ".to_owned()),
        likes: Some(10),
        comments: None,
        views: None,
    };
    let (link, caption) = post(" https://www.tiktok.com/@sam.cooks/video/7301 ")
        .validate_for(Platform::Tiktok)
        .unwrap();
    assert_eq!(link, "https://www.tiktok.com/@sam.cooks/video/7301");
    assert_eq!(caption, None);
    assert!(post("https://www.instagram.com/p/AAA/")
        .validate_for(Platform::Tiktok)
        .is_err());
    assert!(post("https://www.tiktok.com")
        .validate_for(Platform::Tiktok)
        .is_err());
    assert!(post("tiktok.com/@a/video/1")
        .validate_for(Platform::Tiktok)
        .is_err());
    assert!(post("https://youtu.be/abc")
        .validate_for(Platform::Youtube)
        .is_ok());
    let mut negative = post("https://www.instagram.com/p/AAA/");
    negative.likes = Some(-1);
    assert!(negative.validate_for(Platform::Instagram).is_err());
}

fn tracked(likes: i64, comments: i64, followers: Option<i64>) -> TrackedPost {
    TrackedPost {
        post: Post {
            id: crate::PostId(uuid::Uuid::from_u128(likes as u128)),
            account_id: AccountId(uuid::Uuid::nil()),
            platform: Platform::Instagram,
            link: None,
            caption: None,
            thumbnail_url: None,
            posted_at: None,
            likes: Some(likes),
            comments: Some(comments),
            views: None,
            source: crate::analytics::StatsSource::Manual,
            read_at: chrono::Utc::now(),
        },
        influencer_id: InfluencerId(uuid::Uuid::nil()),
        influencer_name: "Ada".to_owned(),
        handle: "ada".to_owned(),
        followers,
        engagement_rate: followers.map(|f| (likes + comments) as f64 / f as f64),
        hashtag: None,
    }
}

#[test]
fn totals_add_up_and_engagement_weighs_by_reach() {
    let posts = [
        tracked(90, 10, Some(1_000)),
        tracked(300, 0, Some(9_000)),
        tracked(5, 5, None),
    ];
    let found = totals(&posts);
    assert_eq!(found.posts, 3);
    assert_eq!(found.likes, 395);
    assert_eq!(found.comments, 15);
    assert_eq!(found.views, 0);
    assert_eq!(found.engagement_rate, Some(400.0 / 10_000.0));
    let mut sorted = posts.to_vec();
    sort_posts(&mut sorted, ContentSort::Likes);
    assert_eq!(sorted[0].post.likes, Some(300));
    sort_posts(&mut sorted, ContentSort::Engagement);
    assert_eq!(sorted[0].post.likes, Some(90));
    assert_eq!(totals(&[]).engagement_rate, None);
}
