//! Unit tests of `influencers`.

use super::*;

#[test]
fn a_new_influencer_is_named_after_its_handle() {
    let request = CreateInfluencer {
        profile: "https://www.instagram.com/Mia.Lens/".into(),
        platform: None,
        display_name: None,
    };
    let clean = request.validate().unwrap();
    assert_eq!(clean.display_name, "mia.lens");
    assert_eq!(clean.profile.platform, Platform::Instagram);
}

#[test]
fn a_bad_profile_is_a_field_error_saying_why() {
    let request = CreateInfluencer {
        profile: "https://youtu.be/abc".into(),
        platform: None,
        display_name: None,
    };
    let errors = request.validate().unwrap_err();
    assert_eq!(errors.0[0].field, "profile");
    assert_eq!(errors.0[0].code, "not_a_profile");
}

#[test]
fn updates_tell_clearing_from_leaving() {
    let update: UpdateInfluencer =
        serde_json::from_str(r#"{"email": null, "phone": "+1 555 0100"}"#).unwrap();
    let changes = update.validate().unwrap();
    assert_eq!(changes.email, Some(None));
    assert_eq!(changes.phone, Some(Some("+1 555 0100".into())));
    assert_eq!(changes.display_name, None);
    let untouched: UpdateInfluencer = serde_json::from_str("{}").unwrap();
    assert_eq!(untouched.validate().unwrap(), InfluencerChanges::default());
}

#[test]
fn nested_objects_must_be_objects() {
    assert!(
        serde_json::from_str::<UpdateInfluencer>(r#"{"shipping_address": [null, null]}"#).is_err()
    );
    assert!(serde_json::from_str::<UpdateInfluencer>(r#"{"shipping_address": null}"#).is_ok());
}

#[test]
fn addresses_and_tags_are_cleaned() {
    let update: UpdateInfluencer = serde_json::from_str(
        r#"{"shipping_address": {"city": " Tallinn ", "country": "EE", "line2": ""},
            "tags": ["coffee", " Coffee ", "food"]}"#,
    )
    .unwrap();
    let changes = update.validate().unwrap();
    let address = changes.shipping_address.unwrap();
    assert_eq!(address.city.as_deref(), Some("Tallinn"));
    assert_eq!(address.line2, None);
    assert_eq!(changes.tags.unwrap(), ["coffee", "food"]);
    let bad: UpdateInfluencer =
        serde_json::from_str(r#"{"shipping_address": {"country": "XX"}, "email": "nope"}"#)
            .unwrap();
    let fields: Vec<String> = bad
        .validate()
        .unwrap_err()
        .0
        .into_iter()
        .map(|e| e.field)
        .collect();
    assert_eq!(fields, ["email", "shipping_address.country"]);
}
