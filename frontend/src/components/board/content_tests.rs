//! Unit tests of `content`. They run natively (`cargo test`) and as wasm (`make test-web-unit`).

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;

#[test]
fn the_tracking_line_names_the_hashtag_and_the_day_it_was_set() {
    let tracking = Tracking {
        hashtag: "SummerLaunch".to_owned(),
        since: DateTime::parse_from_rfc3339("2026-12-01T08:40:00Z")
            .unwrap()
            .with_timezone(&Utc),
    };
    assert_eq!(
        tracking_line(Some(&tracking)),
        "Tracking #SummerLaunch since 2026-12-01 (posts of this board's influencers that carry it)"
    );
    assert_eq!(tracking_line(None), "No hashtag tracked");
}

#[test]
fn totals_read_compactly_with_the_rate_to_two_decimals() {
    let totals = ContentTotals {
        posts: 1,
        likes: 1_200,
        comments: 30,
        views: 20_000,
        engagement_rate: Some(0.024_55),
    };
    assert_eq!(
        totals_line(&totals),
        "1 post · 1.2K likes · 30 comments · 20.0K views · 2.46 % engagement"
    );
    let many = ContentTotals {
        posts: 1_250,
        engagement_rate: None,
        ..totals
    };
    assert!(totals_line(&many).starts_with("1,250 posts · "));
    assert!(totals_line(&many).ends_with("· — engagement"));
}

#[test]
fn figures_are_whole_numbers_or_nothing() {
    assert_eq!(figure(""), Ok(None));
    assert_eq!(figure("  "), Ok(None));
    assert_eq!(figure("1200"), Ok(Some(1_200)));
    assert_eq!(figure("1,200"), Ok(Some(1_200)));
    assert_eq!(figure(" 20 000 "), Ok(Some(20_000)));
    assert_eq!(figure("1.2K"), Err(()));
    assert_eq!(figure("-5"), Err(()));
    assert_eq!(figure("99999999999999999999999"), Err(()));
}

#[test]
fn a_date_typed_in_reads_as_a_moment_and_empty_as_none() {
    assert!(posted_at("2026-12-01T10:30").is_some());
    assert_eq!(posted_at(""), None);
    assert_eq!(posted_at("yesterday"), None);
}

#[test]
fn only_web_links_open() {
    assert_eq!(
        web_link(Some("https://www.tiktok.com/@sam.cooks/video/7301")).as_deref(),
        Some("https://www.tiktok.com/@sam.cooks/video/7301")
    );
    assert_eq!(web_link(Some("javascript:alert(1)")), None);
    assert_eq!(web_link(None), None);
}

#[test]
fn the_sort_keys_are_the_api_s() {
    let keys: Vec<_> = SORTS
        .iter()
        .map(|(sort, _)| api::content::sort_key(*sort))
        .collect();
    assert_eq!(keys, ["newest", "likes", "comments", "views", "engagement"]);
}
