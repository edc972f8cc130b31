//! Unit tests of `add_influencers`. They run natively (`cargo test`) and as wasm
//! (`make test-web-unit`, through wasm-bindgen-test).

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;
use uuid::Uuid;

fn platforms(lines: &[&str], platform: Option<Platform>) -> Vec<Option<Platform>> {
    let lines: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    add_request(&lines, ColumnId(Uuid::from_u128(1)), platform)
        .items
        .into_iter()
        .map(|item| match item {
            CardSource::Profile(profile) => profile.platform,
            CardSource::Influencer(_) => None,
        })
        .collect()
}

#[test]
fn the_chosen_platform_goes_with_bare_usernames_only() {
    let instagram = Some(Platform::Instagram);
    assert_eq!(
        platforms(
            &[
                "zoe.paints",
                "@zoe.paints",
                "kai_runs",
                "instagram.com/ada.bakes",
                "https://www.tiktok.com/@sam.cooks",
                "youtube.com/@KaiRuns",
            ],
            instagram
        ),
        [instagram, instagram, instagram, None, None, None]
    );
    assert_eq!(platforms(&["zoe.paints"], None), [None]);
}
