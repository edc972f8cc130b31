//! Verifications: the callback's fields, how a login meets accounts claimed already, handles.

use super::*;

#[test]
fn a_callback_needs_a_code_and_a_state_of_a_sane_length() {
    let good = VerificationCallback {
        code: " code-1 ".to_owned(),
        state: "state-1".to_owned(),
    };
    assert_eq!(
        good.validate().unwrap(),
        Callback {
            code: "code-1".to_owned(),
            state: "state-1".to_owned()
        }
    );
    let bad = VerificationCallback {
        code: "  ".to_owned(),
        state: "x".repeat(CALLBACK_FIELD_MAX + 1),
    };
    let errors = bad.validate().unwrap_err();
    let fields: Vec<(&str, &str)> = errors
        .0
        .iter()
        .map(|error| (error.field.as_str(), error.code.as_str()))
        .collect();
    assert_eq!(fields, [("code", "required"), ("state", "too_long")]);
}

#[test]
fn a_login_takes_an_account_from_a_creator_who_only_claimed_it() {
    let (me, other) = (1, 2);
    assert_eq!(Claiming::of(&me, None), Claiming::New);
    assert_eq!(Claiming::of(&me, Some((&me, false))), Claiming::Theirs);
    assert_eq!(Claiming::of(&me, Some((&me, true))), Claiming::Theirs);
    assert_eq!(
        Claiming::of(&me, Some((&other, false))),
        Claiming::TakenFromUnverified
    );
    assert_eq!(
        Claiming::of(&me, Some((&other, true))),
        Claiming::VerifiedByAnother
    );
}

fn verified(platform: Platform, handle: &str) -> VerifiedAccount {
    VerifiedAccount {
        platform,
        external_id: "x".to_owned(),
        handle: handle.to_owned(),
        followers: None,
    }
}

#[test]
fn a_platforms_handle_is_stored_as_a_claim_of_it_would_be() {
    let profile = |platform, handle| {
        let found = verified(platform, handle).profile().unwrap();
        (found.handle, found.key)
    };
    assert_eq!(
        profile(Platform::Tiktok, "AvaBakes"),
        parse_profile("https://www.tiktok.com/@AvaBakes", Some(Platform::Tiktok))
            .map(|p| (p.handle, p.key))
            .unwrap()
    );
    assert_eq!(
        profile(Platform::Youtube, "@LeoRuns"),
        parse_profile("https://www.youtube.com/@LeoRuns", Some(Platform::Youtube))
            .map(|p| (p.handle, p.key))
            .unwrap()
    );
    assert_eq!(
        profile(Platform::Youtube, "UCx3l9H1z4Yd0bQv6Tqk2AbC").0,
        "UCx3l9H1z4Yd0bQv6Tqk2AbC"
    );
    assert_eq!(profile(Platform::Instagram, "mia.lens").0, "mia.lens");
    assert!(verified(Platform::Instagram, " @ ").profile().is_err());
}
