//! One typed helper for every API call: JSON in and out, the bearer token, one transparent
//! refresh when the access token has expired, and problem+json errors read into `ApiError`.

use gloo_net::http::{Method, RequestBuilder};
use leptos::prelude::GetUntracked;
use rapport_domain::auth::{RefreshRequest, Session};
use rapport_domain::Problem;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::session::{SessionState, Stored};

/// Base path of the API.
pub const API: &str = "/api/v1";

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
        Self {
            status: 0,
            problem: Some(Problem::new(
                0,
                "Network error",
                "network",
                format!("Cannot reach Rapport: {error}"),
            )),
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

async fn send<B: Serialize>(
    method: Method,
    path: &str,
    body: Option<&B>,
    token: Option<&str>,
) -> Result<gloo_net::http::Response, ApiError> {
    let mut builder = RequestBuilder::new(&format!("{API}{path}")).method(method);
    if let Some(token) = token {
        builder = builder.header("Authorization", &format!("Bearer {token}"));
    }
    let request = match body {
        Some(body) => builder.json(body).map_err(ApiError::network)?,
        None => builder.build().map_err(ApiError::network)?,
    };
    request.send().await.map_err(ApiError::network)
}

async fn read<T: DeserializeOwned>(response: gloo_net::http::Response) -> Result<T, ApiError> {
    let status = response.status();
    if (200..300).contains(&status) {
        let text = response.text().await.map_err(ApiError::network)?;
        let text = if text.is_empty() {
            "null".to_owned()
        } else {
            text
        };
        return serde_json::from_str(&text).map_err(ApiError::network);
    }
    let problem = response.json::<Problem>().await.ok();
    Err(ApiError { status, problem })
}

/// Calls the API without a session (sign-up, log-in).
pub async fn public<B: Serialize, T: DeserializeOwned>(
    method: Method,
    path: &str,
    body: Option<&B>,
) -> Result<T, ApiError> {
    read(send(method, path, body, None).await?).await
}

/// Calls the API as the signed-in user; refreshes the session once if the access token expired,
/// and signs out when that fails.
pub async fn call<B: Serialize, T: DeserializeOwned>(
    session: SessionState,
    method: Method,
    path: &str,
    body: Option<&B>,
) -> Result<T, ApiError> {
    let Some(stored) = session.stored.get_untracked() else {
        return Err(ApiError {
            status: 401,
            problem: Some(Problem::new(
                401,
                "Unauthorized",
                "unauthorized",
                "Please sign in.",
            )),
        });
    };
    let response = send(method.clone(), path, body, Some(&stored.access_token)).await?;
    if response.status() != 401 {
        return read(response).await;
    }
    let refreshed = public::<_, Session>(
        Method::POST,
        "/auth/refresh",
        Some(&RefreshRequest {
            refresh_token: stored.refresh_token.clone(),
        }),
    )
    .await;
    match refreshed {
        Ok(fresh) => {
            let fresh = Stored::from(fresh);
            let token = fresh.access_token.clone();
            session.save(fresh);
            read(send(method, path, body, Some(&token)).await?).await
        }
        Err(error) => {
            session.clear();
            Err(error)
        }
    }
}

/// GET as the signed-in user.
pub async fn get<T: DeserializeOwned>(session: SessionState, path: &str) -> Result<T, ApiError> {
    call::<(), T>(session, Method::GET, path, None).await
}
