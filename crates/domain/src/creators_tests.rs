//! Unit tests of `creators`.

use super::*;

#[test]
fn the_lists_are_sorted_and_spelled_once() {
    assert_eq!(Category::ALL.len(), 20);
    for category in Category::ALL {
        assert_eq!(Category::parse(category.as_str()), Some(*category));
        let json = serde_json::to_string(category).unwrap();
        assert_eq!(json, format!("\"{}\"", category.as_str()));
        assert_eq!(category.as_str(), format!("{category:?}").to_lowercase());
    }
    assert!(LANGUAGE_CODES.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn languages_and_countries_are_iso_codes_in_any_case() {
    assert_eq!(language_code(" FR "), Ok("fr"));
    assert_eq!(language_code("xx").unwrap_err().code, "invalid_language");
    assert_eq!(language_code("fra").unwrap_err().code, "invalid_language");
    assert_eq!(profile_country("de"), Ok("DE"));
    assert_eq!(profile_country("EU").unwrap_err().code, "invalid_country");
}

#[test]
fn a_profile_update_cleans_and_dedupes() {
    let request: UpdateCreatorProfile = serde_json::from_value(serde_json::json!({
        "display_name": "  Mia Lens ",
        "bio": "  ",
        "country": "fr",
        "city": null,
        "languages": ["FR", "en", "fr"],
        "categories": ["food", "travel", "food"],
    }))
    .unwrap();
    let clean = request.validate().unwrap();
    assert_eq!(clean.display_name.as_deref(), Some("Mia Lens"));
    assert_eq!(clean.bio, Some(None), "a blank bio clears it");
    assert_eq!(clean.country, Some(Some("FR".to_owned())));
    assert_eq!(clean.city, Some(None));
    assert_eq!(
        clean.languages,
        Some(vec!["fr".to_owned(), "en".to_owned()])
    );
    assert_eq!(
        clean.categories,
        Some(vec![Category::Food, Category::Travel])
    );
    assert_eq!(clean.discoverable, None, "absent fields are left alone");
}

#[test]
fn a_bad_profile_update_names_every_field() {
    let request: UpdateCreatorProfile = serde_json::from_value(serde_json::json!({
        "bio": "x".repeat(BIO_MAX + 1),
        "country": "Atlantis",
        "languages": ["en", "elvish"],
        "categories": ["food", "travel", "art", "tech", "pets", "music"],
    }))
    .unwrap();
    let errors = request.validate().unwrap_err();
    let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["bio", "country", "languages[1]", "categories"]);
}

#[test]
fn an_unknown_category_is_refused_by_the_parser() {
    let parsed = serde_json::from_value::<UpdateCreatorProfile>(serde_json::json!({
        "categories": ["knitting"],
    }));
    assert!(parsed.is_err());
}

#[test]
fn a_claim_reads_the_profile_and_bounds_the_followers() {
    let claim = ClaimAccount {
        profile: "tiktok.com/@mia.lens".into(),
        platform: None,
        followers: Some(12_000),
    }
    .validate()
    .unwrap();
    assert_eq!(claim.profile.platform, Platform::Tiktok);
    assert_eq!(claim.followers, Some(12_000));
    let errors = ClaimAccount {
        profile: "mia.lens".into(),
        platform: None,
        followers: Some(-1),
    }
    .validate()
    .unwrap_err();
    let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["profile", "followers"]);
}
