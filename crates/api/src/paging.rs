//! Cursor pages: checking `limit` and `cursor`, and cutting a page from rows keyed by their sort key.

use std::fmt::Display;

use chrono::{DateTime, NaiveDateTime};
use rapport_domain::limits::PAGE_MAX;
use rapport_domain::page::{is_cursor, Page, PageQuery};

use crate::error::{ApiError, ApiResult, ErrorCode};

/// A checked page request: the cursor (if any) and the page size.
#[derive(Debug, Clone)]
pub struct PageRequest {
    /// Position after which (or before which, for newest-first lists) the page starts.
    pub cursor: Option<String>,
    /// Items in the page.
    pub limit: u32,
}

impl PageRequest {
    /// Checks `limit` (1 to 200) and `cursor` (at most 200 characters).
    pub fn from_query(query: &PageQuery) -> ApiResult<Self> {
        if let Some(limit) = query.limit {
            if !(1..=PAGE_MAX).contains(&limit) {
                return Err(ApiError::new(
                    ErrorCode::InvalidParameter,
                    format!("limit must be between 1 and {PAGE_MAX}"),
                ));
            }
        }
        if query.cursor.as_deref().is_some_and(|c| !is_cursor(c)) {
            return Err(ApiError::new(
                ErrorCode::InvalidParameter,
                "cursor is not one this API returned",
            ));
        }
        Ok(Self {
            cursor: query.cursor.clone(),
            limit: query.limit(),
        })
    }

    /// The same checks for a query's own `limit` and `cursor` fields.
    pub fn new(limit: Option<u32>, cursor: Option<String>) -> ApiResult<Self> {
        Self::from_query(&PageQuery { limit, cursor })
    }

    /// Rows to fetch: one more than the page, to know whether another page follows.
    pub fn fetch(&self) -> i64 {
        i64::from(self.limit) + 1
    }

    /// Builds the page from rows keyed by their sort key (an id, or a text made of several).
    pub fn page<K: Display, T>(&self, mut rows: Vec<(K, T)>) -> Page<T> {
        let limit = self.limit as usize;
        let next_cursor = if rows.len() > limit {
            rows.truncate(limit);
            rows.last().map(|(key, _)| key.to_string())
        } else {
            None
        };
        Page {
            items: rows.into_iter().map(|(_, item)| item).collect(),
            next_cursor,
        }
    }
}

/// A cursor for lists ordered by a time, then an id: the time in microseconds, `_`, the id.
pub fn time_cursor(at: NaiveDateTime, id: impl Display) -> String {
    format!("{}_{id}", at.and_utc().timestamp_micros())
}

/// The time and id of a [`time_cursor`]; the id is compared as text, so any position is one.
pub fn parse_time_cursor(cursor: &str) -> ApiResult<(NaiveDateTime, String)> {
    cursor
        .split_once('_')
        .and_then(|(at, id)| {
            let at = DateTime::from_timestamp_micros(at.parse().ok()?)?.naive_utc();
            Some((at, id.to_owned()))
        })
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::InvalidParameter,
                "cursor is not one this API returned",
            )
        })
}

#[cfg(test)]
#[path = "paging_tests.rs"]
mod tests;
