//! A team's API keys: `/teams/{team_id}/api-keys[/{key_id}]` (owners and admins).

use gloo_net::http::Method;
use rapport_domain::api_keys::{ApiKey, CreatedApiKey, NewApiKey};
use rapport_domain::{ApiKeyId, TeamId};

use super::{get, send_empty, send_json, ApiError};

/// `GET /teams/{team_id}/api-keys`: newest first, never their secrets.
pub async fn list(team: TeamId) -> Result<Vec<ApiKey>, ApiError> {
    get(&format!("/teams/{team}/api-keys")).await
}

/// `POST /teams/{team_id}/api-keys`: the key with its secret, shown this once.
pub async fn create(team: TeamId, request: &NewApiKey) -> Result<CreatedApiKey, ApiError> {
    send_json(Method::POST, &format!("/teams/{team}/api-keys"), request).await
}

/// `DELETE /teams/{team_id}/api-keys/{key_id}`: revoked at once.
pub async fn revoke(team: TeamId, key: ApiKeyId) -> Result<(), ApiError> {
    send_empty(Method::DELETE, &format!("/teams/{team}/api-keys/{key}")).await
}
