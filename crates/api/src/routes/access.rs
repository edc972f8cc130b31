//! Shared request plumbing: team membership checks and cursor pages.

use rapport_domain::limits::PAGE_MAX;
use rapport_domain::page::{is_cursor, Page, PageQuery};
use rapport_domain::teams::Role;
use rapport_domain::{TeamId, UserId};
use rapport_store::{memberships, DbConnection};

use crate::error::{ApiError, ApiResult, ErrorCode};

/// The caller's role in the team. Not being a member answers 404, exactly like an unknown team.
pub fn role_in(conn: &mut DbConnection, team: TeamId, user: UserId) -> ApiResult<Role> {
    memberships::role_of(conn, team, user)?.ok_or_else(|| ApiError::not_found("team"))
}

/// Refuses with 403 unless `allowed`.
pub fn require(allowed: bool, detail: &str) -> ApiResult<()> {
    if allowed {
        Ok(())
    } else {
        Err(ApiError::forbidden(detail))
    }
}

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

    /// Rows to fetch: one more than the page, to know whether another page follows.
    pub fn fetch(&self) -> i64 {
        i64::from(self.limit) + 1
    }

    /// Builds the page from rows keyed by their sort key.
    pub fn page<T>(&self, mut rows: Vec<(String, T)>) -> Page<T> {
        let limit = self.limit as usize;
        let next_cursor = if rows.len() > limit {
            rows.truncate(limit);
            rows.last().map(|(key, _)| key.clone())
        } else {
            None
        };
        Page {
            items: rows.into_iter().map(|(_, item)| item).collect(),
            next_cursor,
        }
    }
}

/// The influencer, if the caller's team owns it (404 otherwise, like an unknown id).
pub fn influencer_for(
    conn: &mut DbConnection,
    id: rapport_domain::InfluencerId,
    user: UserId,
) -> ApiResult<(rapport_store::influencers::InfluencerRow, TeamId, Role)> {
    let row = rapport_store::influencers::find(conn, id)?
        .ok_or_else(|| ApiError::not_found("influencer"))?;
    let team = parse_stored(&row.team_id)?;
    let role =
        memberships::role_of(conn, team, user)?.ok_or_else(|| ApiError::not_found("influencer"))?;
    Ok((row, team, role))
}

/// The board, if the caller's team owns it.
pub fn board_for(
    conn: &mut DbConnection,
    id: rapport_domain::BoardId,
    user: UserId,
) -> ApiResult<(rapport_store::boards::BoardRow, TeamId, Role)> {
    board_scoped(conn, id, user, "board")
}

/// The board that holds a column, card or label (`board_id`), if the caller's team owns it;
/// `what` names the resource in the 404.
pub fn board_of(
    conn: &mut DbConnection,
    board_id: &str,
    user: UserId,
    what: &str,
) -> ApiResult<(rapport_store::boards::BoardRow, TeamId)> {
    let (row, team, _) = board_scoped(conn, parse_stored(board_id)?, user, what)?;
    Ok((row, team))
}

fn board_scoped(
    conn: &mut DbConnection,
    id: rapport_domain::BoardId,
    user: UserId,
    what: &str,
) -> ApiResult<(rapport_store::boards::BoardRow, TeamId, Role)> {
    let row =
        rapport_store::boards::find_board(conn, id)?.ok_or_else(|| ApiError::not_found(what))?;
    let team = parse_stored(&row.team_id)?;
    let role = memberships::role_of(conn, team, user)?.ok_or_else(|| ApiError::not_found(what))?;
    Ok((row, team, role))
}

/// Reads back a stored id.
pub fn parse_stored<T: std::str::FromStr>(value: &str) -> ApiResult<T> {
    value
        .parse()
        .map_err(|_| ApiError::internal(anyhow::anyhow!("stored id {value:?}")))
}

#[cfg(test)]
#[path = "access_tests.rs"]
mod tests;
