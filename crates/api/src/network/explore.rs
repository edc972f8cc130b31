//! Exploring the network: the filters checked, the server's search index brought up to the
//! database's revision, one pass over it, and the page's profiles read from the database.

use std::sync::{Mutex, RwLock};

use rapport_domain::countries::COUNTRY_CODES;
use rapport_domain::creators::{Category, LANGUAGE_CODES};
use rapport_domain::network::{ExplorePage, ExploreQuery, ExploreSort};
use rapport_domain::UserId;
use rapport_store::creators::{self, StoredCreator};
use rapport_store::DbConnection;

use chrono::NaiveDateTime;

use crate::access::role_in;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::network::marks::marks_among;
use crate::network::search_index::{
    parse_cursor, platform_index, Filter, IndexedCreator, Search, SearchIndex, SmallSet,
};
use crate::paging::PageRequest;

/// Characters of a text search, at most.
const QUERY_MAX: usize = 200;

fn invalid(detail: impl Into<String>) -> ApiError {
    ApiError::new(ErrorCode::InvalidParameter, detail)
}

fn position_in(codes: &[&str], code: &str, what: &str) -> ApiResult<u8> {
    codes
        .binary_search(&code)
        .ok()
        .and_then(|at| u8::try_from(at).ok())
        .ok_or_else(|| invalid(format!("{code:?} is not a known {what}")))
}

fn checked_range<T: PartialOrd + Copy + std::fmt::Display>(
    name: &str,
    (min, max): (Option<T>, Option<T>),
    (floor, ceiling): (T, T),
) -> ApiResult<(Option<T>, Option<T>)> {
    for value in [min, max].into_iter().flatten() {
        if !(value >= floor && value <= ceiling) {
            return Err(invalid(format!(
                "{name} must be between {floor} and {ceiling}"
            )));
        }
    }
    Ok((min, max))
}

/// The index's filter for a query; 400 `invalid_parameter` for an unknown value.
pub fn filter_of(query: &ExploreQuery) -> ApiResult<Filter> {
    let mut filter = Filter {
        followers: checked_range(
            "followers",
            (query.followers_min, query.followers_max),
            (0, rapport_domain::creators::FOLLOWERS_MAX),
        )?,
        engagement: checked_range(
            "engagement",
            (query.engagement_min, query.engagement_max),
            (0.0, 1.0),
        )?,
        ..Filter::default()
    };
    for platform in &query.platform {
        filter.platforms |= 1 << platform_index(*platform);
    }
    for code in &query.country {
        filter
            .countries
            .insert(position_in(&COUNTRY_CODES, code, "country code")?);
    }
    for category in &query.category {
        filter.categories |= category_bit(*category);
    }
    for code in &query.language {
        filter
            .languages
            .insert(position_in(&LANGUAGE_CODES, code, "language code")?);
    }
    if let Some(q) = &query.q {
        if q.chars().count() > QUERY_MAX {
            return Err(invalid(format!("q is longer than {QUERY_MAX} characters")));
        }
        filter.terms = q
            .split_whitespace()
            .map(|word| word.trim_start_matches('@').to_lowercase())
            .filter(|word| !word.is_empty())
            .collect();
    }
    Ok(filter)
}

fn category_bit(category: Category) -> u32 {
    Category::ALL
        .iter()
        .position(|c| *c == category)
        .map_or(0, |at| 1 << at)
}

/// What the index holds of a stored creator; `None` when they are hidden from the network.
pub fn indexed(creator: &StoredCreator) -> Option<IndexedCreator> {
    let row = &creator.row;
    if !row.discoverable {
        return None;
    }
    let mut indexed = IndexedCreator {
        id: row.id,
        accounts: 0,
        followers: [None; 3],
        engagement: [None; 3],
        country: row
            .country
            .as_deref()
            .and_then(|code| position_in(&COUNTRY_CODES, code, "country code").ok()),
        categories: creator
            .categories
            .iter()
            .fold(0, |bits, c| bits | category_bit(*c)),
        languages: SmallSet::default(),
        created_micros: row.created_at.and_utc().timestamp_micros(),
        text: String::new(),
    };
    for code in &creator.languages {
        if let Ok(at) = position_in(&LANGUAGE_CODES, code, "language code") {
            indexed.languages.insert(at);
        }
    }
    let mut text = vec![row.display_name.as_str()];
    for account in &creator.accounts {
        let p = platform_index(account.platform);
        indexed.accounts |= 1 << p;
        indexed.followers[p] = indexed.followers[p].max(account.followers);
        indexed.engagement[p] = match (indexed.engagement[p], account.engagement_rate) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        text.push(&account.handle);
    }
    text.extend(row.bio.as_deref());
    text.extend(row.city.as_deref());
    indexed.text = text.join("\n").to_lowercase();
    Some(indexed)
}

fn poisoned() -> ApiError {
    ApiError::internal(anyhow::anyhow!("the search index's lock is poisoned"))
}

/// The search index of one server, with the network revision it reflects.
#[derive(Default)]
pub struct NetworkIndex {
    state: RwLock<Indexed>,
    /// Held while catching up, so that one request reads the changes and the others wait.
    catching_up: Mutex<()>,
}

#[derive(Default)]
struct Indexed {
    /// The revision the index reflects; `None` before the first load.
    revision: Option<i64>,
    index: SearchIndex,
}

impl NetworkIndex {
    fn revision(&self) -> Option<i64> {
        self.state.read().ok().and_then(|state| state.revision)
    }

    /// Brings the index up to the database's revision: reads the creators changed since the
    /// revision it holds (all of them the first time).
    pub fn catch_up(&self, conn: &mut DbConnection) -> ApiResult<()> {
        let current = creators::network_revision(conn)?;
        if self.revision().is_some_and(|held| held >= current) {
            return Ok(());
        }
        let _one_at_a_time = self.catching_up.lock().map_err(|_| poisoned())?;
        let held = self.revision();
        if held.is_some_and(|held| held >= current) {
            return Ok(());
        }
        // The revision is read first: every change up to it has committed (revisions commit in
        // order), and any later one read here is read again next time, which does no harm.
        let changed = creators::changed_since(conn, held.unwrap_or(-1))?;
        let updates: Vec<_> = changed
            .iter()
            .map(|creator| (creator.row.id, indexed(creator)))
            .collect();
        let mut state = self.state.write().map_err(|_| poisoned())?;
        for (id, update) in updates {
            match update {
                Some(creator) => state.index.put(creator),
                None => state.index.remove(id),
            }
        }
        state.revision = Some(current);
        Ok(())
    }

    fn search(&self, search: &Search) -> ApiResult<crate::network::search_index::Found> {
        let state = self.state.read().map_err(|_| poisoned())?;
        Ok(state.index.search(search))
    }
}

/// One page of the network for the team `query.team_id` (the caller's), with total and facets.
pub fn explore(
    conn: &mut DbConnection,
    index: &NetworkIndex,
    actor: UserId,
    query: &ExploreQuery,
    now: NaiveDateTime,
) -> ApiResult<ExplorePage> {
    let team = query.team_id;
    role_in(conn, team, actor)?;
    let filter = filter_of(query)?;
    let paging = PageRequest::new(query.limit, query.cursor.clone())?;
    let after = paging
        .cursor
        .as_deref()
        .map(|cursor| {
            parse_cursor(cursor).ok_or_else(|| invalid("cursor is not one this API returned"))
        })
        .transpose()?;
    index.catch_up(conn)?;
    let found = index.search(&Search {
        filter,
        sort: query.sort.unwrap_or(ExploreSort::Followers),
        after,
        limit: paging.limit as usize,
    })?;
    let rows = creators::find_many(conn, &found.ids)?;
    let marks = marks_among(conn, team, &found.ids, now)?;
    let items = creators::load_many(conn, rows)?
        .iter()
        .map(|creator| creator.to_network(marks.get(&creator.row.id).copied().unwrap_or_default()))
        .collect();
    Ok(ExplorePage {
        items,
        next_cursor: found.next_cursor,
        total: found.total,
        facets: found.facets,
    })
}

#[cfg(test)]
#[path = "explore_tests.rs"]
mod tests;
