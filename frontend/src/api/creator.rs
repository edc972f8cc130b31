//! `/creator` and `/creator/accounts`: the signed-in creator's profile.

use gloo_net::http::Method;
use rapport_domain::creators::{ClaimAccount, CreatorProfile, UpdateCreatorProfile};
use rapport_domain::CreatorAccountId;

use super::{get, send_empty, send_json, ApiError};

/// `GET /creator`.
pub async fn get_creator() -> Result<CreatorProfile, ApiError> {
    get("/creator").await
}

/// `POST /creator`: become a creator too.
pub async fn create_creator() -> Result<CreatorProfile, ApiError> {
    send_empty(Method::POST, "/creator").await
}

/// `PATCH /creator`.
pub async fn update_creator(request: &UpdateCreatorProfile) -> Result<CreatorProfile, ApiError> {
    send_json(Method::PATCH, "/creator", request).await
}

/// `POST /creator/accounts`.
pub async fn claim_account(request: &ClaimAccount) -> Result<CreatorProfile, ApiError> {
    send_json(Method::POST, "/creator/accounts", request).await
}

/// `DELETE /creator/accounts/{account_id}`.
pub async fn release_account(account: CreatorAccountId) -> Result<(), ApiError> {
    send_empty(Method::DELETE, &format!("/creator/accounts/{account}")).await
}
