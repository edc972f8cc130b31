//! Requests signed with a team API key (`Authorization: Bearer rpk_…`): the key is found by its
//! prefix and checked against its hash, then held to its team's routes (not account routes such
//! as `/me` or `/auth`), its scope (a read key sends `GET` only) and its budget (requests a
//! minute, per server: 429 with `Retry-After` past it); every answer to a key carries
//! `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`. A key revoked or expired is
//! refused at once. The key's user is then the request's: handlers see a team member.

use std::collections::HashMap;
use std::sync::Mutex;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage};
use rapport_domain::api_keys::{prefix_of, ApiKeyScope, SECRET_PREFIX};
use rapport_domain::{ApiKeyId, TeamId, UserId};
use rapport_store::api_keys;

use crate::auth::tokens;
use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;

/// The key a request is signed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyPrincipal {
    /// The key.
    pub key: ApiKeyId,
    /// The user it acts as.
    pub user: UserId,
    /// Its team.
    pub team: TeamId,
    /// What it may do.
    pub scope: ApiKeyScope,
}

/// The routes a key may call: its team's things. Everything else (`/auth`, `/me`, `/creator`,
/// `/notifications`, `/invites`, making a team) is a person's.
const TEAM_ROUTES: [&str; 12] = [
    "/api/v1/boards/",
    "/api/v1/cards/",
    "/api/v1/columns/",
    "/api/v1/comments/",
    "/api/v1/conversations/",
    "/api/v1/influencers/",
    "/api/v1/labels/",
    "/api/v1/network/",
    "/api/v1/notes/",
    "/api/v1/reminders/",
    "/api/v1/source-matches/",
    "/api/v1/sources/",
];

/// Whether a key may call `path`.
pub fn team_route(path: &str) -> bool {
    if let Some(rest) = path.strip_prefix("/api/v1/teams/") {
        // `/teams/{id}` and below; not `/teams` itself (listing or making teams).
        return !rest.is_empty();
    }
    TEAM_ROUTES.iter().any(|prefix| path.starts_with(prefix))
}

/// Per-key request budgets, a minute at a time, on this server.
#[derive(Debug)]
pub struct KeyBudget {
    per_minute: u32,
    windows: Mutex<HashMap<ApiKeyId, (i64, u32)>>,
}

/// What the budget says of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spent {
    /// Whether the request may go.
    pub allowed: bool,
    /// Requests left in this minute.
    pub remaining: u32,
    /// Seconds until the minute ends.
    pub reset: u64,
}

impl KeyBudget {
    /// `per_minute` requests a minute for each key.
    pub fn new(per_minute: u32) -> Self {
        Self {
            per_minute: per_minute.max(1),
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// The budget a minute.
    pub fn per_minute(&self) -> u32 {
        self.per_minute
    }

    /// Spends one request of `key` at `now` (seconds since the epoch).
    pub fn spend(&self, key: ApiKeyId, now: i64) -> Spent {
        let minute = now.div_euclid(60);
        let reset = u64::try_from(60 - now.rem_euclid(60)).unwrap_or(60);
        let mut windows = match self.windows.lock() {
            Ok(windows) => windows,
            Err(poisoned) => poisoned.into_inner(),
        };
        // Old minutes are forgotten as the map grows.
        if windows.len() > 10_000 {
            windows.retain(|_, (at, _)| *at == minute);
        }
        let window = windows.entry(key).or_insert((minute, 0));
        if window.0 != minute {
            *window = (minute, 0);
        }
        if window.1 >= self.per_minute {
            return Spent {
                allowed: false,
                remaining: 0,
                reset,
            };
        }
        window.1 += 1;
        Spent {
            allowed: true,
            remaining: self.per_minute - window.1,
            reset,
        }
    }
}

fn bearer(req: &ServiceRequest) -> Option<String> {
    let token = crate::auth::bearer(req.headers())?;
    token.starts_with(SECRET_PREFIX).then(|| token.to_owned())
}

fn number(value: u64) -> HeaderValue {
    HeaderValue::from(value)
}

const LIMIT: HeaderName = HeaderName::from_static("ratelimit-limit");
const REMAINING: HeaderName = HeaderName::from_static("ratelimit-remaining");
const RESET: HeaderName = HeaderName::from_static("ratelimit-reset");

fn budget_headers(res: &mut ServiceResponse<BoxBody>, limit: u32, spent: Spent) {
    let headers = res.headers_mut();
    headers.insert(LIMIT, number(u64::from(limit)));
    headers.insert(REMAINING, number(u64::from(spent.remaining)));
    headers.insert(RESET, number(spent.reset));
}

/// The middleware (outside idempotency, which keys its records by the key).
pub async fn key_auth(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let Some(secret) = bearer(&req) else {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body);
    };
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body);
    };
    let unknown = || {
        ApiError::new(
            ErrorCode::Unauthorized,
            "This API key is unknown, revoked or expired.",
        )
    };
    let Some(prefix) = prefix_of(&secret).map(str::to_owned) else {
        return Ok(unknown().answer(req));
    };
    let found = state
        .db
        .run(move |conn| Ok(api_keys::find_by_prefix(conn, &prefix)?))
        .await;
    let row = match found {
        Ok(Some(row)) => row,
        Ok(None) => return Ok(unknown().answer(req)),
        Err(error) => return Ok(error.answer(req)),
    };
    let now = state.clock.now();
    let live = row.revoked_at.is_none() && row.expires_at.is_none_or(|at| at > now);
    if row.secret_hash != tokens::digest(&secret) || !live {
        return Ok(unknown().answer(req));
    }
    if !team_route(req.path()) {
        return Ok(ApiError::forbidden(
            "An API key works on its team's routes (boards, influencers, sources, …), not on a \
             person's (/me, /auth, /creator, /notifications) nor to make teams.",
        )
        .answer(req));
    }
    if !row.scope.allows(req.method().as_str()) {
        return Ok(
            ApiError::forbidden("This API key only reads: it sends GET requests.").answer(req),
        );
    }
    let limit = state.key_budget.per_minute();
    let spent = state.key_budget.spend(row.id, now.and_utc().timestamp());
    if !spent.allowed {
        let mut res = ApiError::limit_reached(
            format!("This API key sent its {limit} requests of this minute: wait for the next."),
            spent.reset,
        )
        .answer(req);
        budget_headers(&mut res, limit, spent);
        return Ok(res);
    }
    if row
        .last_used_at
        .is_none_or(|at| now - at >= chrono::Duration::minutes(1))
    {
        let id = row.id;
        let touched = state
            .db
            .write(move |conn| Ok(api_keys::touch(conn, id, now)?))
            .await;
        if let Err(error) = touched {
            tracing::warn!(%error, "an API key's last use was not recorded");
        }
    }
    req.extensions_mut().insert(KeyPrincipal {
        key: row.id,
        user: row.user_id,
        team: row.team_id,
        scope: row.scope,
    });
    let mut res = next.call(req).await?.map_into_boxed_body();
    budget_headers(&mut res, limit, spent);
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_reach_their_teams_things_not_a_persons() {
        assert!(team_route("/api/v1/teams/0193/boards"));
        assert!(team_route("/api/v1/boards/0193/cards"));
        assert!(team_route("/api/v1/influencers/0193"));
        assert!(!team_route("/api/v1/teams/"));
        assert!(!team_route("/api/v1/teams"));
        assert!(!team_route("/api/v1/me"));
        assert!(!team_route("/api/v1/auth/refresh"));
        assert!(!team_route("/api/v1/creator"));
        assert!(!team_route("/api/v1/notifications"));
        assert!(!team_route("/api/v1/invites/abc/accept"));
    }

    #[test]
    fn a_budget_counts_a_minute_at_a_time() {
        let budget = KeyBudget::new(2);
        let key = ApiKeyId(uuid::Uuid::nil());
        // A whole minute since the epoch.
        let start = 30_000_000 * 60;
        assert_eq!(
            budget.spend(key, start + 10),
            Spent {
                allowed: true,
                remaining: 1,
                reset: 50
            }
        );
        assert!(budget.spend(key, start + 20).allowed);
        assert_eq!(
            budget.spend(key, start + 59),
            Spent {
                allowed: false,
                remaining: 0,
                reset: 1
            }
        );
        // The next minute starts afresh.
        assert!(budget.spend(key, start + 60).allowed);
    }
}
