use super::*;

fn id(n: u128) -> CreatorId {
    CreatorId(uuid::Uuid::from_u128(n))
}

fn country(code: &str) -> u8 {
    rapport_domain::countries::COUNTRY_CODES
        .iter()
        .position(|c| *c == code)
        .and_then(|at| u8::try_from(at).ok())
        .expect("a known code")
}

fn category_bit(category: Category) -> u32 {
    let at = Category::ALL
        .iter()
        .position(|c| *c == category)
        .expect("a category");
    1 << at
}

/// A creator with one account per `(platform, followers, engagement)`.
fn creator(n: u128, accounts: &[(Platform, i64, f64)]) -> IndexedCreator {
    let mut indexed = IndexedCreator {
        id: id(n),
        accounts: 0,
        followers: [None; 3],
        engagement: [None; 3],
        country: None,
        categories: 0,
        languages: SmallSet::default(),
        created_micros: i64::try_from(n).expect("small"),
        text: format!("creator {n}"),
    };
    for (platform, followers, engagement) in accounts {
        let p = platform_index(*platform);
        indexed.accounts |= 1 << p;
        indexed.followers[p] = Some(*followers);
        indexed.engagement[p] = Some(*engagement);
    }
    indexed
}

fn search(index: &SearchIndex, filter: Filter) -> Found {
    index.search(&Search {
        filter,
        sort: ExploreSort::Followers,
        after: None,
        limit: 50,
    })
}

fn count(facet: &[FacetCount], value: &str) -> u64 {
    facet
        .iter()
        .find(|f| f.value == value)
        .map_or(0, |f| f.count)
}

/// Three creators: Instagram 1,000 in France (beauty), TikTok 50,000 in the US (food), and
/// Instagram 200 + YouTube 90,000 in France (beauty and food), speaking French.
fn network() -> SearchIndex {
    let mut index = SearchIndex::default();
    let mut a = creator(1, &[(Platform::Instagram, 1_000, 0.05)]);
    a.country = Some(country("FR"));
    a.categories = category_bit(Category::Beauty);
    a.text = "amélie paris makeup".into();
    let mut b = creator(2, &[(Platform::Tiktok, 50_000, 0.02)]);
    b.country = Some(country("US"));
    b.categories = category_bit(Category::Food);
    b.text = "bob cooks in austin".into();
    let mut c = creator(
        3,
        &[
            (Platform::Instagram, 200, 0.10),
            (Platform::Youtube, 90_000, 0.01),
        ],
    );
    c.country = Some(country("FR"));
    c.categories = category_bit(Category::Beauty) | category_bit(Category::Food);
    c.languages.insert(46);
    c.text = "chloé cuisine et beauté".into();
    index.put(a);
    index.put(b);
    index.put(c);
    index
}

#[test]
fn no_filter_finds_everyone_biggest_audience_first() {
    let found = search(&network(), Filter::default());
    assert_eq!(found.ids, vec![id(3), id(2), id(1)]);
    assert_eq!(found.total, 3);
    assert_eq!(found.next_cursor, None);
    assert_eq!(count(&found.facets.platforms, "instagram"), 2);
    assert_eq!(count(&found.facets.platforms, "tiktok"), 1);
    assert_eq!(count(&found.facets.categories, "beauty"), 2);
    assert_eq!(count(&found.facets.categories, "travel"), 0);
    assert_eq!(found.facets.categories.len(), Category::ALL.len());
    assert_eq!(found.facets.countries[0].value, "FR");
    assert_eq!(found.facets.countries[0].count, 2);
}

#[test]
fn a_platform_filter_ranks_and_ranges_on_that_platforms_accounts() {
    let index = network();
    let instagram = Filter {
        platforms: 1 << platform_index(Platform::Instagram),
        ..Filter::default()
    };
    // Creator 3 has 90,000 on YouTube but 200 on Instagram: ranked by Instagram.
    assert_eq!(search(&index, instagram.clone()).ids, vec![id(1), id(3)]);
    let big_on_instagram = Filter {
        followers: (Some(500), None),
        ..instagram
    };
    let found = search(&index, big_on_instagram);
    assert_eq!(found.ids, vec![id(1)]);
    // Disjunctive: the platform facet tells what each platform alone would give.
    assert_eq!(count(&found.facets.platforms, "instagram"), 1);
    assert_eq!(count(&found.facets.platforms, "youtube"), 1);
    assert_eq!(count(&found.facets.platforms, "tiktok"), 1);
}

#[test]
fn ranges_without_a_platform_use_the_largest_account_and_exclude_unknown_figures() {
    let mut index = network();
    index.put(creator(4, &[]));
    let found = search(
        &index,
        Filter {
            followers: (Some(60_000), Some(100_000)),
            ..Filter::default()
        },
    );
    assert_eq!(found.ids, vec![id(3)]);
    let engaged = search(
        &index,
        Filter {
            engagement: (Some(0.04), None),
            ..Filter::default()
        },
    );
    assert_eq!(engaged.ids, vec![id(3), id(1)]);
    assert_eq!(search(&index, Filter::default()).total, 4);
}

#[test]
fn each_facet_ignores_its_own_filter_but_applies_the_others() {
    let index = network();
    let found = search(
        &index,
        Filter {
            countries: {
                let mut set = SmallSet::default();
                set.insert(country("FR"));
                set
            },
            categories: category_bit(Category::Food),
            ..Filter::default()
        },
    );
    assert_eq!(found.ids, vec![id(3)]);
    assert_eq!(found.total, 1);
    // Countries for food creators: FR 1, US 1 (the country filter is not applied to it).
    assert_eq!(count(&found.facets.countries, "US"), 1);
    assert_eq!(count(&found.facets.countries, "FR"), 1);
    // Categories for French creators: beauty 2, food 1.
    assert_eq!(count(&found.facets.categories, "beauty"), 2);
    assert_eq!(count(&found.facets.categories, "food"), 1);
    // Platforms for French food creators: creator 3 only.
    assert_eq!(count(&found.facets.platforms, "instagram"), 1);
    assert_eq!(count(&found.facets.platforms, "tiktok"), 0);
}

#[test]
fn every_word_must_appear_and_languages_filter() {
    let index = network();
    let words = |q: &[&str]| Filter {
        terms: q.iter().map(|t| (*t).to_owned()).collect(),
        ..Filter::default()
    };
    assert_eq!(search(&index, words(&["beauté"])).ids, vec![id(3)]);
    assert_eq!(search(&index, words(&["paris", "makeup"])).ids, vec![id(1)]);
    assert!(search(&index, words(&["paris", "austin"])).ids.is_empty());
    let mut french = SmallSet::default();
    french.insert(46);
    let found = search(
        &index,
        Filter {
            languages: french,
            ..Filter::default()
        },
    );
    assert_eq!(found.ids, vec![id(3)]);
    assert_eq!(count(&found.facets.countries, "US"), 0);
}

#[test]
fn pages_follow_each_other_without_gaps_or_repeats_under_every_order() {
    let mut index = SearchIndex::default();
    for n in 1..=95_u128 {
        // Ties on purpose: 10 creators per follower figure.
        let followers = i64::try_from(n % 10).expect("small") * 100;
        index.put(creator(n, &[(Platform::Tiktok, followers, 0.01)]));
    }
    for sort in [
        ExploreSort::Followers,
        ExploreSort::Engagement,
        ExploreSort::Newest,
    ] {
        let mut seen = Vec::new();
        let mut after = None;
        loop {
            let found = index.search(&Search {
                filter: Filter::default(),
                sort,
                after,
                limit: 20,
            });
            assert_eq!(found.total, 95);
            seen.extend(found.ids);
            match found.next_cursor {
                Some(cursor) => after = parse_cursor(&cursor),
                None => break,
            }
        }
        let mut unique = seen.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 95, "{sort:?}");
        assert_eq!(seen.len(), 95, "{sort:?}");
    }
}

#[test]
fn put_replaces_and_remove_forgets() {
    let mut index = network();
    let mut moved = creator(1, &[(Platform::Tiktok, 10, 0.0)]);
    moved.country = Some(country("US"));
    index.put(moved);
    assert_eq!(index.len(), 3);
    index.remove(id(2));
    index.remove(id(2));
    assert_eq!(index.len(), 2);
    let found = search(&index, Filter::default());
    assert_eq!(found.ids, vec![id(3), id(1)]);
    assert_eq!(count(&found.facets.countries, "US"), 1);
    index.remove(id(3));
    index.put(creator(5, &[]));
    assert_eq!(search(&index, Filter::default()).ids, vec![id(1), id(5)]);
}

#[test]
fn cursors_round_trip_and_junk_is_refused() {
    let cursor = cursor_of(-1, id(7));
    assert_eq!(parse_cursor(&cursor), Some((-1, id(7))));
    assert_eq!(parse_cursor("12_nope"), None);
    assert_eq!(parse_cursor("x_00000000-0000-0000-0000-000000000007"), None);
    assert_eq!(parse_cursor("17"), None);
}
