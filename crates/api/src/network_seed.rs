//! A synthetic creator network for benchmarks and the demo (`rapport seed-network`): realistic
//! distributions from a seed, so that two runs with one seed make the same network. Followers
//! are log-normal (median about 10,000), engagement falls as audiences grow, 20 categories with
//! uneven popularity, 60 countries weighted by size, 1 to 3 platforms each.

use chrono::{Duration, NaiveDateTime};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rapport_domain::creators::Category;
use rapport_domain::profiles::Platform;
use rapport_store::creators::{CreatorAccountRow, CreatorRow, NewCreator};
use rapport_store::users::UserRow;
use rapport_store::{creators, new_id, users, DbConnection};

use crate::error::ApiResult;

/// Countries with a weight each (roughly their creator economies) and a language spoken there.
const COUNTRIES: [(&str, u32, &str); 60] = [
    ("US", 300, "en"),
    ("GB", 80, "en"),
    ("BR", 90, "pt"),
    ("IN", 90, "hi"),
    ("ID", 60, "id"),
    ("MX", 50, "es"),
    ("FR", 50, "fr"),
    ("DE", 50, "de"),
    ("ES", 40, "es"),
    ("IT", 40, "it"),
    ("CA", 35, "en"),
    ("AU", 30, "en"),
    ("PH", 30, "tl"),
    ("TR", 30, "tr"),
    ("JP", 30, "ja"),
    ("KR", 25, "ko"),
    ("NG", 20, "en"),
    ("AR", 20, "es"),
    ("CO", 20, "es"),
    ("PL", 15, "pl"),
    ("NL", 15, "nl"),
    ("TH", 15, "th"),
    ("VN", 15, "vi"),
    ("EG", 12, "ar"),
    ("SA", 12, "ar"),
    ("AE", 12, "ar"),
    ("ZA", 12, "en"),
    ("MY", 10, "ms"),
    ("CL", 10, "es"),
    ("PE", 10, "es"),
    ("SE", 8, "sv"),
    ("BE", 8, "fr"),
    ("CH", 8, "de"),
    ("AT", 6, "de"),
    ("PT", 8, "pt"),
    ("IE", 5, "en"),
    ("NZ", 5, "en"),
    ("SG", 6, "en"),
    ("PK", 10, "ur"),
    ("BD", 8, "bn"),
    ("KE", 6, "sw"),
    ("GH", 4, "en"),
    ("MA", 5, "ar"),
    ("UA", 8, "uk"),
    ("RO", 5, "ro"),
    ("CZ", 4, "cs"),
    ("GR", 4, "el"),
    ("HU", 4, "hu"),
    ("DK", 4, "da"),
    ("NO", 4, "no"),
    ("FI", 4, "fi"),
    ("IL", 5, "he"),
    ("TW", 6, "zh"),
    ("HK", 5, "zh"),
    ("CN", 8, "zh"),
    ("RU", 10, "ru"),
    ("VE", 5, "es"),
    ("EC", 4, "es"),
    ("GT", 3, "es"),
    ("DO", 3, "es"),
];

/// Category weights, in `Category::ALL` order.
const CATEGORY_WEIGHTS: [u32; 20] = [
    14, 14, 12, 10, 9, 9, 7, 5, 5, 5, 6, 4, 6, 13, 4, 4, 5, 6, 3, 3,
];

const FIRST_NAMES: [&str; 40] = [
    "Ada", "Ben", "Chloé", "Dan", "Elena", "Farid", "Grace", "Hugo", "Inès", "Jonas", "Kai",
    "Lena", "Mia", "Noah", "Olivia", "Pablo", "Quinn", "Rosa", "Sami", "Tara", "Uma", "Victor",
    "Wen", "Ximena", "Yara", "Zoe", "Amir", "Bea", "Carlos", "Dina", "Emeka", "Fatima", "Gabe",
    "Hana", "Ivan", "Juno", "Kofi", "Lucía", "Malik", "Nora",
];

const LAST_NAMES: [&str; 30] = [
    "Lens", "Cooks", "Glow", "Lifts", "Travels", "Plays", "Makes", "Reads", "Runs", "Sings",
    "Paints", "Styles", "Builds", "Bakes", "Codes", "Grows", "Laughs", "Roams", "Dances", "Fixes",
    "Martin", "Silva", "Kim", "Nguyen", "Okafor", "Rossi", "Müller", "García", "Tanaka", "Haddad",
];

const CITIES: [&str; 12] = [
    "the capital",
    "the coast",
    "the mountains",
    "a small town",
    "the north",
    "the south",
    "the east",
    "the west",
    "the countryside",
    "the suburbs",
    "the old town",
    "the islands",
];

fn weighted<T: Copy>(rng: &mut StdRng, items: &[(T, u32)]) -> T {
    let total: u32 = items.iter().map(|(_, weight)| weight).sum();
    let mut pick = rng.random_range(0..total.max(1));
    for (item, weight) in items {
        if pick < *weight {
            return *item;
        }
        pick -= weight;
    }
    items[0].0
}

/// A standard normal draw (Box–Muller).
fn normal(rng: &mut StdRng) -> f64 {
    let u: f64 = rng.random_range(f64::EPSILON..1.0);
    let v: f64 = rng.random();
    (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
}

/// Followers: log-normal, median about 10,000, from 50 to tens of millions.
fn followers(rng: &mut StdRng) -> i64 {
    let drawn = (9.2 + 1.7 * normal(rng)).exp();
    (drawn as i64).clamp(50, 80_000_000)
}

/// Engagement rate: about 8% for the smallest audiences, about 1% for the largest.
fn engagement(rng: &mut StdRng, followers: i64) -> f64 {
    let base = 0.25 * (followers as f64).powf(-0.2);
    let rate = base * (0.35 * normal(rng)).exp();
    (rate.clamp(0.001, 0.5) * 10_000.0).round() / 10_000.0
}

/// One synthetic creator, number `n` of the run `seed`.
fn creator(
    rng: &mut StdRng,
    seed: u64,
    n: u64,
    now: NaiveDateTime,
    password_hash: &str,
) -> (UserRow, NewCreator) {
    let first = FIRST_NAMES[rng.random_range(0..FIRST_NAMES.len())];
    let last = LAST_NAMES[rng.random_range(0..LAST_NAMES.len())];
    let name = format!("{first} {last}");
    let created = now - Duration::minutes(rng.random_range(0..(2 * 365 * 24 * 60)));
    let countries: Vec<((&str, &str), u32)> = COUNTRIES
        .iter()
        .map(|(code, weight, language)| ((*code, *language), *weight))
        .collect();
    let (country, language) = weighted(rng, &countries);
    let user = UserRow {
        id: new_id(),
        email: format!("creator-{seed}-{n}@network.example"),
        name: name.clone(),
        password_hash: password_hash.to_owned(),
        created_at: created,
        updated_at: created,
    };
    let categories_weighted: Vec<(Category, u32)> = Category::ALL
        .iter()
        .copied()
        .zip(CATEGORY_WEIGHTS)
        .collect();
    let mut categories: Vec<Category> = Vec::new();
    for _ in 0..rng.random_range(1..=3) {
        let category = weighted(rng, &categories_weighted);
        if !categories.contains(&category) {
            categories.push(category);
        }
    }
    let mut languages = vec![language];
    if language != "en" && rng.random_bool(0.4) {
        languages.push("en");
    }
    let id = new_id();
    let platforms = [Platform::Instagram, Platform::Tiktok, Platform::Youtube];
    let count = weighted(rng, &[(1, 50), (2, 35), (3, 15)]);
    let start = rng.random_range(0..platforms.len());
    let handle_base = format!(
        "{}.{}.{n}",
        first.to_lowercase().replace(['é', 'è', 'í', 'ü'], "e"),
        last.to_lowercase().replace(['ü', 'í'], "u")
    );
    let handle_base: String = handle_base
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
        .collect();
    let accounts = (0..count)
        .map(|k| {
            let platform = platforms[(start + k) % platforms.len()];
            let followers = followers(rng);
            let handle = match platform {
                Platform::Youtube => format!("@{}", handle_base.replace('.', "")),
                _ => handle_base.replace('.', "_"),
            };
            CreatorAccountRow {
                id: new_id(),
                creator_id: id,
                platform,
                handle_key: handle.to_lowercase(),
                handle,
                followers: Some(followers),
                self_reported: false,
                engagement_rate: Some(engagement(rng, followers)),
                created_at: created,
                verified_at: None,
            }
        })
        .collect();
    let bio = format!(
        "{} creator from {}. Collabs welcome.",
        categories
            .iter()
            .map(|c| c.label())
            .collect::<Vec<_>>()
            .join(", "),
        CITIES[rng.random_range(0..CITIES.len())]
    );
    let creator = NewCreator {
        row: CreatorRow {
            id,
            user_id: user.id,
            display_name: name,
            bio: Some(bio),
            country: Some(country.to_owned()),
            city: None,
            discoverable: rng.random_bool(0.97),
            created_at: created,
            updated_at: created,
        },
        categories,
        languages,
        accounts,
    };
    (user, creator)
}

/// Stores `count` synthetic creators made from `seed`, in transactions of 2,000; their users
/// cannot log in (a password nobody knows). Answers how many were stored.
pub fn seed(conn: &mut DbConnection, seed: u64, count: u64, now: NaiveDateTime) -> ApiResult<u64> {
    let mut rng = StdRng::seed_from_u64(seed);
    let password_hash = crate::auth::password::dummy_hash()?;
    let mut stored = 0;
    while stored < count {
        let size = (count - stored).min(2_000);
        rapport_store::write_transaction(conn, |conn| {
            store(
                conn,
                &mut rng,
                seed,
                stored..stored + size,
                now,
                password_hash,
            )
        })?;
        stored += size;
    }
    Ok(stored)
}

/// Stores the synthetic creators numbered `range` within the caller's transaction (the demo).
pub fn seed_within(
    conn: &mut DbConnection,
    seed: u64,
    count: u64,
    now: NaiveDateTime,
) -> ApiResult<()> {
    let mut rng = StdRng::seed_from_u64(seed);
    let password_hash = crate::auth::password::dummy_hash()?;
    store(conn, &mut rng, seed, 0..count, now, password_hash)
}

fn store(
    conn: &mut DbConnection,
    rng: &mut StdRng,
    seed: u64,
    range: std::ops::Range<u64>,
    now: NaiveDateTime,
    password_hash: &str,
) -> ApiResult<()> {
    let (users_batch, creators_batch): (Vec<_>, Vec<_>) = range
        .map(|n| creator(rng, seed, n, now, password_hash))
        .unzip();
    users::insert_many(conn, &users_batch)?;
    creators::insert_batch(conn, &creators_batch)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_seed_makes_one_network_with_plausible_figures() {
        let now = chrono::DateTime::from_timestamp(1_790_000_000, 0)
            .expect("a time")
            .naive_utc();
        let draw = |seed| {
            let mut rng = StdRng::seed_from_u64(seed);
            (0..2_000)
                .map(|n| creator(&mut rng, seed, n, now, "").1)
                .collect::<Vec<_>>()
        };
        let (a, b) = (draw(7), draw(7));
        let names = |net: &[NewCreator]| -> Vec<String> {
            net.iter().map(|c| c.row.display_name.clone()).collect()
        };
        assert_eq!(names(&a), names(&b));
        let mut all: Vec<i64> = a
            .iter()
            .flat_map(|c| c.accounts.iter().filter_map(|acc| acc.followers))
            .collect();
        all.sort_unstable();
        let median = all[all.len() / 2];
        assert!((4_000..25_000).contains(&median), "median {median}");
        assert!(all[all.len() - 1] > 1_000_000, "a long tail");
        assert!(a.iter().all(|c| (1..=3).contains(&c.accounts.len())));
        assert!(a.iter().all(|c| (1..=3).contains(&c.categories.len())));
        let handles: std::collections::HashSet<_> = a
            .iter()
            .flat_map(|c| {
                c.accounts
                    .iter()
                    .map(|acc| (acc.platform, acc.handle_key.clone()))
            })
            .collect();
        assert_eq!(
            handles.len(),
            a.iter().map(|c| c.accounts.len()).sum::<usize>(),
            "handles are unique"
        );
    }
}
