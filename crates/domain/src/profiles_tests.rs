//! Unit tests of `profiles`.

use super::*;
use Platform::{Instagram, Tiktok, Youtube};

fn ok(input: &str, hint: Option<Platform>, platform: Platform, handle: &str) {
    let profile = parse_profile(input, hint).unwrap_or_else(|e| panic!("{input:?}: {e:?}"));
    assert_eq!(
        (profile.platform, profile.handle.as_str()),
        (platform, handle),
        "{input:?}"
    );
}

fn err(input: &str, hint: Option<Platform>, code: &str) {
    match parse_profile(input, hint) {
        Ok(profile) => panic!("{input:?} parsed as {profile:?}"),
        Err(e) => assert_eq!(e.code, code, "{input:?}: {}", e.message),
    }
}

#[test]
fn instagram_profile_links_in_every_shape() {
    for input in [
        "https://www.instagram.com/mia.lens/",
        "https://www.instagram.com/mia.lens",
        "http://instagram.com/mia.lens",
        "instagram.com/mia.lens",
        "www.instagram.com/mia.lens/",
        "m.instagram.com/mia.lens",
        "https://instagram.com/Mia.Lens/?hl=en",
        "https://www.instagram.com/mia.lens/?igsh=MWZ4bHp2Y2Z0",
        "https://www.instagram.com/mia.lens/#top",
        "https://www.instagram.com/mia.lens/reels/",
        "https://www.instagram.com/mia.lens/tagged/",
        "  https://www.instagram.com/mia.lens/  ",
        "HTTPS://WWW.INSTAGRAM.COM/MIA.LENS/",
        "https://instagr.am/mia.lens",
        "//instagram.com/mia.lens",
        "https://www.instagram.com:443/mia.lens/",
    ] {
        ok(input, None, Instagram, "mia.lens");
    }
    ok(
        "instagram.com/mia_lens_",
        Some(Instagram),
        Instagram,
        "mia_lens_",
    );
}

#[test]
fn tiktok_profile_links_in_every_shape() {
    for input in [
        "https://www.tiktok.com/@mia.lens",
        "tiktok.com/@mia.lens",
        "https://m.tiktok.com/@mia.lens?lang=en",
        "https://www.tiktok.com/@Mia.Lens/",
        "https://www.tiktok.com/@mia.lens/video/7301234567890123456",
        "https://www.tiktok.com/@mia.lens/video/7301234567890123456?is_from_webapp=1&sender_device=pc",
        "https://www.tiktok.com/@mia.lens/photo/7301234567890123456",
        "https://www.tiktok.com/@mia.lens/live",
    ] {
        ok(input, None, Tiktok, "mia.lens");
    }
}

#[test]
fn youtube_channel_links_in_every_shape() {
    for input in [
        "https://youtube.com/@MiaLens",
        "https://www.youtube.com/@MiaLens",
        "youtube.com/@MiaLens/videos",
        "https://m.youtube.com/@MiaLens/shorts",
        "https://www.youtube.com/@MiaLens?si=abc",
    ] {
        ok(input, None, Youtube, "@MiaLens");
    }
    let channel = "UCBR8-60-B28hp2BmDPdntcQ";
    ok(
        &format!("https://www.youtube.com/channel/{channel}"),
        None,
        Youtube,
        channel,
    );
    ok(
        &format!("youtube.com/channel/{channel}/videos"),
        None,
        Youtube,
        channel,
    );
    ok(
        &format!("https://music.youtube.com/channel/{channel}"),
        None,
        Youtube,
        channel,
    );
    ok(
        "https://www.youtube.com/c/MiaLens",
        None,
        Youtube,
        "c/MiaLens",
    );
    ok(
        "https://www.youtube.com/user/mialens",
        None,
        Youtube,
        "user/mialens",
    );
    ok(
        "https://www.youtube.com/MiaLens",
        None,
        Youtube,
        "c/MiaLens",
    );
}

#[test]
fn usernames_need_a_platform() {
    ok("@mia.lens", Some(Instagram), Instagram, "mia.lens");
    ok("mia.lens", Some(Instagram), Instagram, "mia.lens");
    ok("  @Mia.Lens ", Some(Tiktok), Tiktok, "mia.lens");
    ok("@MiaLens", Some(Youtube), Youtube, "@MiaLens");
    ok(
        "UCBR8-60-B28hp2BmDPdntcQ",
        Some(Youtube),
        Youtube,
        "UCBR8-60-B28hp2BmDPdntcQ",
    );
    err("@mia.lens", None, "platform_required");
    err("mia", None, "platform_required");
}

#[test]
fn bare_usernames_are_told_from_links() {
    for input in [
        "zoe.paints",
        "@zoe.paints",
        "  zoe.paints ",
        "mia",
        "mia_lens",
        "@MiaLens",
        "UCBR8-60-B28hp2BmDPdntcQ",
        "mia..lens",
    ] {
        assert!(is_bare_username(input), "{input:?} is a username");
    }
    for input in [
        "instagram.com/zoe.paints",
        "https://www.instagram.com/zoe.paints/",
        "//instagram.com/zoe.paints",
        "tiktok.com/@zoe.paints",
        "www.tiktok.com",
        "instagram.com",
        "https://youtu.be/dQw4w9WgXcQ",
        "https://twitter.com/zoe",
        "example.com/zoe",
        "zoe paints",
        "",
        "   ",
    ] {
        assert!(!is_bare_username(input), "{input:?} is not a username");
    }
}

#[test]
fn bare_usernames_are_exactly_what_needs_a_platform() {
    for input in [
        "zoe.paints",
        "@zoe.paints",
        "mia",
        "@MiaLens",
        "mia..lens",
        "instagram.com/zoe.paints",
        "tiktok.com/@zoe.paints",
        "instagram.com",
        "https://youtu.be/dQw4w9WgXcQ",
        "https://twitter.com/zoe",
        "example.com/zoe",
        "zoe paints",
        "",
    ] {
        let needs_platform =
            matches!(parse_profile(input, None), Err(e) if e.code == "platform_required");
        assert_eq!(is_bare_username(input), needs_platform, "{input:?}");
    }
}

#[test]
fn links_that_name_no_profile_say_why() {
    err(
        "https://www.instagram.com/p/CxYz123AbC/",
        None,
        "not_a_profile",
    );
    err(
        "https://www.instagram.com/reel/CxYz123AbC/",
        None,
        "not_a_profile",
    );
    err(
        "https://www.instagram.com/stories/mia.lens/3210987654321/",
        None,
        "not_a_profile",
    );
    err(
        "https://www.instagram.com/explore/tags/coffee/",
        None,
        "not_a_profile",
    );
    err("https://www.instagram.com/", None, "not_a_profile");
    err("https://vm.tiktok.com/ZMabcdef/", None, "short_link");
    err("https://vt.tiktok.com/ZSabcdef/", None, "short_link");
    err("https://www.tiktok.com/t/ZTabcdef/", None, "short_link");
    err("https://www.tiktok.com/tag/coffee", None, "not_a_profile");
    err("https://youtu.be/dQw4w9WgXcQ", None, "not_a_profile");
    err(
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        None,
        "not_a_profile",
    );
    err(
        "https://www.youtube.com/shorts/abc123",
        None,
        "not_a_profile",
    );
    err(
        "https://www.youtube.com/playlist?list=PL123",
        None,
        "not_a_profile",
    );
    err("https://www.youtube.com/", None, "not_a_profile");
    err("https://twitter.com/mia", None, "unknown_site");
    err(
        "https://example.com/instagram.com/mia",
        None,
        "unknown_site",
    );
    err("not a handle", Some(Instagram), "not_a_profile");
    err("", None, "required");
}

#[test]
fn handles_are_checked_per_platform() {
    err("instagram.com/mia..lens", None, "invalid_handle");
    err("instagram.com/.mia", None, "invalid_handle");
    err(
        &format!("instagram.com/{}", "a".repeat(31)),
        None,
        "invalid_handle",
    );
    err("mia-lens", Some(Instagram), "invalid_handle");
    err("tiktok.com/@m", None, "invalid_handle");
    err("tiktok.com/@mia.", None, "invalid_handle");
    err(
        &format!("@{}", "a".repeat(25)),
        Some(Tiktok),
        "invalid_handle",
    );
    err("youtube.com/@ab", None, "invalid_handle");
    err("youtube.com/channel/UCshort", None, "invalid_handle");
    err("youtube.com/channel/", None, "invalid_handle");
    err("mia lens", Some(Youtube), "not_a_profile");
}

#[test]
fn a_link_must_match_the_given_platform() {
    err(
        "https://www.tiktok.com/@mia",
        Some(Instagram),
        "platform_mismatch",
    );
}

#[test]
fn keys_fold_case_where_the_platform_does() {
    let a = parse_profile("youtube.com/@MiaLens", None).unwrap();
    let b = parse_profile("@mialens", Some(Youtube)).unwrap();
    assert_eq!(a.key, b.key);
    let upper = parse_profile("youtube.com/channel/UCBR8-60-B28hp2BmDPdntcQ", None).unwrap();
    let lower = parse_profile("youtube.com/channel/UCbr8-60-B28hp2BmDPdntcQ", None).unwrap();
    assert_ne!(upper.key, lower.key, "channel ids are case-sensitive");
    assert_eq!(
        parse_profile("instagram.com/Mia.Lens", None).unwrap().url(),
        "https://www.instagram.com/mia.lens/"
    );
}
