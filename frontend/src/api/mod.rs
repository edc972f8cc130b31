//! The client API layer: one typed function per endpoint the app uses, one module per endpoint
//! group (`api::boards::get_board(id)`, `api::cards::move_card(id, &request)`), over one fetch
//! helper that only this module and its children can call. Requests and responses are the
//! `rapport-domain` types the server uses.
//!
//! The helper sends JSON with the session's bearer token, refreshes the session once when the
//! access token has expired (and signs out when that fails), reads problem+json errors into
//! [`ApiError`], and aborts a read when the reactive owner that started it is cleaned up: the
//! component went away, so nobody will see the answer. Changes (POST, PATCH, PUT, DELETE) are let
//! finish: what someone did should reach the server even if they leave the page at once (aborting
//! would not undo it anyway, only hide whether it happened), and the session refresh rotates the
//! refresh token, so aborting it could sign people out.

pub mod activity;
pub mod analytics;
pub mod api_keys;
pub mod auth;
pub mod boards;
pub mod cards;
pub mod columns;
pub mod comments;
pub mod connections;
pub mod content;
pub mod creator;
pub mod dev;
pub mod facebook;
pub mod influencers;
pub mod invites;
pub mod labels;
pub mod me;
pub mod members;
pub mod messages;
pub mod network;
pub mod notes;
pub mod notifications;
pub mod reminders;
pub mod sources;
pub mod teams;
pub mod webhooks;

use gloo_net::http::{Method, RequestBuilder, Response};
use leptos::prelude::*;
use rapport_domain::auth::{RefreshRequest, Session};
use rapport_domain::Problem;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::session::{SessionState, Stored};

/// Base path of the API.
pub(crate) const API: &str = "/api/v1";

/// A failed call, with the server's problem when there is one.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// HTTP status (0 when the server could not be reached).
    pub status: u16,
    /// The problem document.
    pub problem: Option<Problem>,
}

impl ApiError {
    fn network(error: impl std::fmt::Display) -> Self {
        Self::local(0, "network", format!("Cannot reach Rapport: {error}"))
    }

    /// An error found here rather than by the server (a form not filled in, an address that names
    /// nothing), shown like the server's.
    pub fn local(status: u16, code: &str, detail: impl Into<String>) -> Self {
        Self {
            status,
            problem: Some(Problem::new(status, "Error", code, detail.into())),
        }
    }

    /// What to show people: the problem's `detail`, and its field errors.
    pub fn message(&self) -> String {
        match &self.problem {
            Some(problem) if problem.errors.is_empty() => problem.detail.clone(),
            Some(problem) => problem
                .errors
                .iter()
                .map(|e| format!("{}: {}", e.field, e.message))
                .collect::<Vec<_>>()
                .join("; "),
            None => format!("The server answered {}.", self.status),
        }
    }

    /// The problem's stable code.
    pub fn code(&self) -> Option<&str> {
        self.problem.as_ref().map(|p| p.code.as_str())
    }
}

/// A query string from the pairs whose value is present: `?limit=200&archived=false`.
fn query(pairs: &[(&str, Option<String>)]) -> String {
    let mut query = String::new();
    for (name, value) in pairs {
        if let Some(value) = value {
            query.push(if query.is_empty() { '?' } else { '&' });
            query.push_str(name);
            query.push('=');
            query.push_str(&encode_component(value));
        }
    }
    query
}

/// `?limit=&cursor=` of a list.
fn page_query(page: &rapport_domain::page::PageQuery) -> String {
    query(&[
        ("limit", page.limit.map(|l| l.to_string())),
        ("cursor", page.cursor.clone()),
    ])
}

/// A query value, percent-encoded as `encodeURIComponent` does.
fn encode_component(value: &str) -> String {
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

/// An abort signal for a read, aborted when the current reactive owner is cleaned up: the
/// component (or the resource's run) that started the read is gone. Outside an owner, none.
fn abort_on_cleanup() -> Option<web_sys::AbortSignal> {
    let _owner = Owner::current()?;
    let controller = web_sys::AbortController::new().ok()?;
    let signal = controller.signal();
    // The owner's cleanups run before its stored values are dropped.
    let controller = StoredValue::new_local(controller);
    on_cleanup(move || {
        if let Some(controller) = controller.try_get_value() {
            controller.abort();
        }
    });
    Some(signal)
}

async fn send(
    method: &Method,
    path: &str,
    body: Option<&str>,
    token: Option<&str>,
) -> Result<Response, ApiError> {
    let mut builder = RequestBuilder::new(&format!("{API}{path}")).method(method.clone());
    if let Some(token) = token {
        builder = builder.header("Authorization", &format!("Bearer {token}"));
    }
    let abort = if *method == Method::GET {
        abort_on_cleanup()
    } else {
        None
    };
    builder = builder.abort_signal(abort.as_ref());
    let request = match body {
        Some(body) => builder
            .header("Content-Type", "application/json")
            .body(body.to_owned()),
        None => builder.build(),
    }
    .map_err(ApiError::network)?;
    request.send().await.map_err(ApiError::network)
}

/// The body of a success (`null` when empty), or the problem of a failure.
async fn read(response: Response) -> Result<String, ApiError> {
    let status = response.status();
    if (200..300).contains(&status) {
        let text = response.text().await.map_err(ApiError::network)?;
        return Ok(if text.is_empty() {
            "null".to_owned()
        } else {
            text
        });
    }
    let problem = response.json::<Problem>().await.ok();
    Err(ApiError { status, problem })
}

/// The one fetch helper: `body` is JSON; with `signed_in` it carries the session's access token
/// and refreshes the session once if the token expired, signing out when that fails.
async fn fetch(
    method: Method,
    path: &str,
    body: Option<&str>,
    signed_in: bool,
) -> Result<String, ApiError> {
    if !signed_in {
        return read(send(&method, path, body, None).await?).await;
    }
    let session = use_context::<SessionState>();
    let Some((session, stored)) = session.and_then(|s| s.stored.get_untracked().map(|st| (s, st)))
    else {
        return Err(ApiError::local(401, "unauthorized", "Please sign in."));
    };
    let response = send(&method, path, body, Some(&stored.access_token)).await?;
    if response.status() != 401 {
        return read(response).await;
    }
    let refresh = RefreshRequest {
        refresh_token: stored.refresh_token,
    };
    let refreshed = match serde_json::to_string(&refresh) {
        Ok(body) => send(&Method::POST, "/auth/refresh", Some(&body), None).await,
        Err(error) => Err(ApiError::network(error)),
    };
    let refreshed = match refreshed {
        Ok(response) => read(response).await,
        Err(error) => Err(error),
    };
    let refreshed = match refreshed {
        Ok(text) => serde_json::from_str::<Session>(&text).map_err(ApiError::network),
        Err(error) => Err(error),
    };
    match refreshed {
        Ok(fresh) => {
            let fresh = Stored::from(fresh);
            let token = fresh.access_token.clone();
            session.save(fresh);
            read(send(&method, path, body, Some(&token)).await?).await
        }
        Err(error) => {
            session.clear();
            Err(error)
        }
    }
}

/// GET as the signed-in user.
async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let text = fetch(Method::GET, path, None, true).await?;
    serde_json::from_str(&text).map_err(ApiError::network)
}

/// A change as the signed-in user, with a JSON body.
async fn send_json<B: Serialize, T: DeserializeOwned>(
    method: Method,
    path: &str,
    body: &B,
) -> Result<T, ApiError> {
    let body = serde_json::to_string(body).map_err(ApiError::network)?;
    let text = fetch(method, path, Some(&body), true).await?;
    serde_json::from_str(&text).map_err(ApiError::network)
}

/// A change as the signed-in user, without a body.
async fn send_empty<T: DeserializeOwned>(method: Method, path: &str) -> Result<T, ApiError> {
    let text = fetch(method, path, None, true).await?;
    serde_json::from_str(&text).map_err(ApiError::network)
}

/// A call without a session (sign-up, log-in, an invitation's preview).
async fn public<B: Serialize, T: DeserializeOwned>(
    method: Method,
    path: &str,
    body: Option<&B>,
) -> Result<T, ApiError> {
    let body = match body {
        Some(body) => Some(serde_json::to_string(body).map_err(ApiError::network)?),
        None => None,
    };
    let text = fetch(method, path, body.as_deref(), false).await?;
    serde_json::from_str(&text).map_err(ApiError::network)
}
