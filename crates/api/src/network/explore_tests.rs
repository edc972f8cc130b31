use rapport_domain::profiles::Platform;
use rapport_domain::TeamId;

use super::*;

fn query() -> ExploreQuery {
    ExploreQuery::for_team(TeamId(uuid::Uuid::nil()))
}

#[test]
fn every_filter_reaches_the_index() {
    let filter = filter_of(&ExploreQuery {
        platform: vec![Platform::Tiktok, Platform::Youtube],
        followers_min: Some(1_000),
        engagement_max: Some(0.5),
        country: vec!["FR".into(), "US".into()],
        category: vec![Category::Food],
        language: vec!["fr".into()],
        q: Some("  @Chloé   Paris ".into()),
        ..query()
    })
    .expect("valid");
    assert_eq!(filter.platforms, 0b110);
    assert_eq!(filter.followers, (Some(1_000), None));
    assert_eq!(filter.engagement, (None, Some(0.5)));
    assert!(!filter.countries.is_empty());
    assert_eq!(filter.categories, category_bit(Category::Food));
    assert!(filter.languages.contains(46));
    assert_eq!(filter.terms, vec!["chloé".to_owned(), "paris".to_owned()]);
}

#[test]
fn unknown_values_and_out_of_range_figures_are_refused() {
    let refused = |q: ExploreQuery| filter_of(&q).err().map(|e| e.code());
    let code = Some(ErrorCode::InvalidParameter);
    assert_eq!(
        refused(ExploreQuery {
            country: vec!["ZZ".into()],
            ..query()
        }),
        code
    );
    assert_eq!(
        refused(ExploreQuery {
            country: vec!["fr".into()],
            ..query()
        }),
        code
    );
    assert_eq!(
        refused(ExploreQuery {
            language: vec!["xx".into()],
            ..query()
        }),
        code
    );
    assert_eq!(
        refused(ExploreQuery {
            followers_min: Some(-1),
            ..query()
        }),
        code
    );
    assert_eq!(
        refused(ExploreQuery {
            engagement_min: Some(1.5),
            ..query()
        }),
        code
    );
    assert_eq!(
        refused(ExploreQuery {
            engagement_max: Some(f64::NAN),
            ..query()
        }),
        code
    );
    assert_eq!(
        refused(ExploreQuery {
            q: Some("x".repeat(201)),
            ..query()
        }),
        code
    );
    assert!(filter_of(&query()).is_ok());
}
