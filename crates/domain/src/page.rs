//! Cursor pagination: `?limit=&cursor=` in, `{ "items": [...], "next_cursor": ... }` out.

use serde::{Deserialize, Serialize};

use crate::limits::{PAGE_DEFAULT, PAGE_MAX};

/// Query parameters of every list endpoint.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct PageQuery {
    /// How many items to return (1 to 200, default 50).
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page; omit it for the first page.
    #[cfg_attr(
        feature = "openapi",
        param(min_length = 1, max_length = 200, pattern = "^[A-Za-z0-9_-]+$")
    )]
    pub cursor: Option<String>,
}

/// Whether a cursor has the documented shape: 1 to 200 of `A-Z a-z 0-9 _ -`.
pub fn is_cursor(cursor: &str) -> bool {
    (1..=crate::limits::TOKEN_MAX).contains(&cursor.len())
        && cursor
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

impl PageQuery {
    /// The first page of `limit` items.
    pub fn first(limit: u32) -> Self {
        Self {
            limit: Some(limit),
            cursor: None,
        }
    }

    /// The page size asked for, within bounds.
    pub fn limit(&self) -> u32 {
        self.limit.unwrap_or(PAGE_DEFAULT).clamp(1, PAGE_MAX)
    }
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    /// The items of this page, in the list's order.
    pub items: Vec<T>,
    /// Pass this as `cursor` to get the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// Paging of a list ordered by a time (reminders by due time, favourites by when they were
/// starred): the cursor is the time in microseconds and an id.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct TimePageQuery {
    /// How many to return (1 to 200, default 50).
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    #[cfg_attr(
        feature = "openapi",
        param(pattern = "^[0-9]{1,18}_[A-Za-z0-9-]{0,40}$")
    )]
    pub cursor: Option<String>,
}
