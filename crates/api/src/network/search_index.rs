//! The network's search index: every discoverable creator as a few numbers and one lower-cased
//! text, filtered, counted (facets) and ordered in memory in one pass. The database keeps the
//! truth; [`crate::network::explore`] keeps this index in step with it by revision.
//!
//! Why in memory and not SQL: facet counts need every matching creator, and for a broad filter
//! (one platform: more than half the network) one scan of 100,000 rows took 55–75 ms in SQLite
//! alone, over the 50 ms budget before any concurrency (docs/decisions.md).

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use rapport_domain::creators::Category;
use rapport_domain::network::{ExploreSort, FacetCount, Facets};
use rapport_domain::profiles::Platform;
use rapport_domain::CreatorId;

/// The platforms in the index's (and the facets') order.
pub const PLATFORMS: [Platform; 3] = [Platform::Instagram, Platform::Tiktok, Platform::Youtube];

/// The position of `platform` in [`PLATFORMS`].
pub fn platform_index(platform: Platform) -> usize {
    match platform {
        Platform::Instagram => 0,
        Platform::Tiktok => 1,
        Platform::Youtube => 2,
    }
}

/// A set of small numbers (country or language positions in their code lists).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SmallSet([u64; 4]);

impl SmallSet {
    /// Adds `n` (below 256).
    pub fn insert(&mut self, n: u8) {
        self.0[usize::from(n / 64)] |= 1 << (n % 64);
    }

    /// Whether `n` is in.
    pub fn contains(&self, n: u8) -> bool {
        self.0[usize::from(n / 64)] & (1 << (n % 64)) != 0
    }

    /// Whether it shares a member with `other`.
    pub fn meets(&self, other: &SmallSet) -> bool {
        self.0.iter().zip(other.0).any(|(a, b)| a & b != 0)
    }

    /// Whether it is empty.
    pub fn is_empty(&self) -> bool {
        self.0 == [0; 4]
    }
}

/// One creator as the index holds them.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexedCreator {
    /// The creator.
    pub id: CreatorId,
    /// Platforms with an account, as bits in [`PLATFORMS`] order.
    pub accounts: u8,
    /// Followers per platform, when known.
    pub followers: [Option<i64>; 3],
    /// Engagement rate per platform, when known.
    pub engagement: [Option<f64>; 3],
    /// Position of the country in `COUNTRY_CODES`.
    pub country: Option<u8>,
    /// Categories, as bits in `Category::ALL` order.
    pub categories: u32,
    /// Positions of the languages in `LANGUAGE_CODES`.
    pub languages: SmallSet,
    /// When the profile was made, in microseconds.
    pub created_micros: i64,
    /// Name, handles, bio and city, lower-cased.
    pub text: String,
}

impl IndexedCreator {
    /// The largest follower count among the platforms in `mask` (all when 0).
    fn followers_on(&self, mask: u8) -> Option<i64> {
        self.best(mask, |p| self.followers[p])
    }

    /// The best engagement rate among the platforms in `mask` (all when 0).
    fn engagement_on(&self, mask: u8) -> Option<f64> {
        self.best(mask, |p| self.engagement[p])
    }

    fn best<T: PartialOrd>(&self, mask: u8, value: impl Fn(usize) -> Option<T>) -> Option<T> {
        let mask = if mask == 0 { 0b111 } else { mask };
        (0..PLATFORMS.len())
            .filter(|p| mask & (1 << p) != 0)
            .filter_map(value)
            .fold(None, |best, v| match best {
                Some(b) if b >= v => Some(b),
                _ => Some(v),
            })
    }

    /// The sort key under `sort` with the platforms in `mask` considered: higher first.
    fn key(&self, sort: ExploreSort, mask: u8) -> i64 {
        match sort {
            ExploreSort::Followers => self.followers_on(mask).unwrap_or(-1),
            ExploreSort::Engagement => self
                .engagement_on(mask)
                .map_or(-1, |rate| (rate * 1_000_000.0).round() as i64),
            ExploreSort::Newest => self.created_micros,
        }
    }
}

/// A filter, checked against an [`IndexedCreator`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Platforms (bits in [`PLATFORMS`] order); 0: any.
    pub platforms: u8,
    /// Follower range, inclusive.
    pub followers: (Option<i64>, Option<i64>),
    /// Engagement range, inclusive.
    pub engagement: (Option<f64>, Option<f64>),
    /// Countries; empty: any.
    pub countries: SmallSet,
    /// Categories (bits); 0: any.
    pub categories: u32,
    /// Languages; empty: any.
    pub languages: SmallSet,
    /// Lower-cased words that must all appear in the text.
    pub terms: Vec<String>,
}

fn within<T: PartialOrd>(value: Option<T>, (min, max): (Option<T>, Option<T>)) -> bool {
    if min.is_none() && max.is_none() {
        return true;
    }
    value.is_some_and(|v| min.is_none_or(|min| v >= min) && max.is_none_or(|max| v <= max))
}

impl Filter {
    /// Has an account on the platforms in `mask` (any when 0) whose figures are in range.
    fn audience(&self, creator: &IndexedCreator, mask: u8) -> bool {
        (mask == 0 || creator.accounts & mask != 0)
            && within(creator.followers_on(mask), self.followers)
            && within(creator.engagement_on(mask), self.engagement)
    }

    fn country(&self, creator: &IndexedCreator) -> bool {
        self.countries.is_empty() || creator.country.is_some_and(|c| self.countries.contains(c))
    }

    fn category(&self, creator: &IndexedCreator) -> bool {
        self.categories == 0 || creator.categories & self.categories != 0
    }

    fn language(&self, creator: &IndexedCreator) -> bool {
        self.languages.is_empty() || creator.languages.meets(&self.languages)
    }

    fn text(&self, creator: &IndexedCreator) -> bool {
        self.terms
            .iter()
            .all(|term| creator.text.contains(term.as_str()))
    }
}

/// What to find: the filter, the order, where the page starts and its size.
#[derive(Debug, Clone)]
pub struct Search {
    /// The filter.
    pub filter: Filter,
    /// The order.
    pub sort: ExploreSort,
    /// The position after which the page starts (a key and an id, as in a cursor).
    pub after: Option<(i64, CreatorId)>,
    /// Creators in the page.
    pub limit: usize,
}

/// A page of creator ids with the total and the facets.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The page, best first.
    pub ids: Vec<CreatorId>,
    /// The next page's cursor, when there is one.
    pub next_cursor: Option<String>,
    /// Creators matching the filter.
    pub total: u64,
    /// Counts per platform, category and country.
    pub facets: Facets,
}

/// The cursor of a position: `key_id`.
pub fn cursor_of(key: i64, id: CreatorId) -> String {
    format!("{key}_{}", id.0)
}

/// The position a cursor names; `None` when it is not one this API wrote.
pub fn parse_cursor(cursor: &str) -> Option<(i64, CreatorId)> {
    let (key, id) = cursor.split_once('_')?;
    Some((
        key.parse().ok()?,
        CreatorId(uuid::Uuid::parse_str(id).ok()?),
    ))
}

/// The creators, and where each one is.
#[derive(Debug, Default)]
pub struct SearchIndex {
    creators: Vec<IndexedCreator>,
    positions: HashMap<CreatorId, usize>,
}

impl SearchIndex {
    /// Creators indexed.
    pub fn len(&self) -> usize {
        self.creators.len()
    }

    /// Whether no creator is indexed.
    pub fn is_empty(&self) -> bool {
        self.creators.is_empty()
    }

    /// Adds the creator, or replaces what the index held of them.
    pub fn put(&mut self, creator: IndexedCreator) {
        match self.positions.get(&creator.id) {
            Some(&at) => self.creators[at] = creator,
            None => {
                self.positions.insert(creator.id, self.creators.len());
                self.creators.push(creator);
            }
        }
    }

    /// Forgets the creator (hidden from the network).
    pub fn remove(&mut self, id: CreatorId) {
        let Some(at) = self.positions.remove(&id) else {
            return;
        };
        self.creators.swap_remove(at);
        if let Some(moved) = self.creators.get(at) {
            self.positions.insert(moved.id, at);
        }
    }

    /// One pass over every creator: the page, the total and the facets.
    pub fn search(&self, search: &Search) -> Found {
        let filter = &search.filter;
        let mut platforms = [0_u64; 3];
        let mut categories = [0_u64; 32];
        let mut countries = [0_u64; 256];
        let mut total = 0;
        // The best `limit + 1` after the cursor; the heap's top is the worst kept.
        let mut best: BinaryHeap<(Reverse<i64>, CreatorId)> = BinaryHeap::new();
        let after = search.after.map(|(key, id)| (Reverse(key), id));
        for creator in &self.creators {
            if !filter.language(creator) {
                continue;
            }
            let country = filter.country(creator);
            let category = filter.category(creator);
            let audience = filter.audience(creator, filter.platforms);
            if u8::from(country) + u8::from(category) + u8::from(audience) < 2
                || !filter.text(creator)
            {
                continue;
            }
            if country && category {
                for (p, count) in platforms.iter_mut().enumerate() {
                    if filter.audience(creator, 1 << p) {
                        *count += 1;
                    }
                }
            }
            if country && audience {
                let mut bits = creator.categories;
                while bits != 0 {
                    categories[bits.trailing_zeros() as usize] += 1;
                    bits &= bits - 1;
                }
            }
            if category && audience {
                if let Some(c) = creator.country {
                    countries[usize::from(c)] += 1;
                }
            }
            if !(country && category && audience) {
                continue;
            }
            total += 1;
            let position = (
                Reverse(creator.key(search.sort, filter.platforms)),
                creator.id,
            );
            if after.is_some_and(|after| position <= after) {
                continue;
            }
            if best.len() <= search.limit {
                best.push(position);
            } else if best.peek().is_some_and(|worst| position < *worst) {
                best.pop();
                best.push(position);
            }
        }
        let mut page = best.into_sorted_vec();
        let next_cursor = if page.len() > search.limit {
            page.truncate(search.limit);
            page.last().map(|(Reverse(key), id)| cursor_of(*key, *id))
        } else {
            None
        };
        Found {
            ids: page.into_iter().map(|(_, id)| id).collect(),
            next_cursor,
            total,
            facets: facets(&platforms, &categories, &countries),
        }
    }
}

fn facets(platforms: &[u64; 3], categories: &[u64; 32], countries: &[u64; 256]) -> Facets {
    let mut by_country: Vec<FacetCount> = countries
        .iter()
        .enumerate()
        .filter(|(_, count)| **count > 0)
        .filter_map(|(at, count)| {
            Some(FacetCount {
                value: rapport_domain::countries::COUNTRY_CODES
                    .get(at)?
                    .to_string(),
                count: *count,
            })
        })
        .collect();
    by_country.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    Facets {
        platforms: PLATFORMS
            .iter()
            .zip(platforms)
            .map(|(platform, count)| FacetCount {
                value: platform.as_str().to_owned(),
                count: *count,
            })
            .collect(),
        categories: Category::ALL
            .iter()
            .zip(categories)
            .map(|(category, count)| FacetCount {
                value: category.as_str().to_owned(),
                count: *count,
            })
            .collect(),
        countries: by_country,
    }
}

#[cfg(test)]
#[path = "search_index_tests.rs"]
mod tests;
