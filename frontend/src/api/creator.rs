//! `/creator`, `/creator/accounts` and `/creator/verifications`: the signed-in creator's profile,
//! and the platform logins that verify their accounts.

use gloo_net::http::Method;
use rapport_domain::creators::{ClaimAccount, CreatorProfile, UpdateCreatorProfile};
use rapport_domain::verifications::{
    StartVerification, UpdateCreatorAccount, VerificationCallback, VerificationStarted,
};
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

/// `POST /creator/verifications`: the platform's login link for this verification.
pub async fn start_verification(
    request: &StartVerification,
) -> Result<VerificationStarted, ApiError> {
    send_json(Method::POST, "/creator/verifications", request).await
}

/// `POST /creator/verifications/callback`: what the platform sent back; the profile with the
/// account verified.
pub async fn finish_verification(
    callback: &VerificationCallback,
) -> Result<CreatorProfile, ApiError> {
    send_json(Method::POST, "/creator/verifications/callback", callback).await
}

/// `PATCH /creator/accounts/{account_id}`: whether brands see the figures its login reads.
pub async fn update_account(
    account: CreatorAccountId,
    request: &UpdateCreatorAccount,
) -> Result<CreatorProfile, ApiError> {
    send_json(
        Method::PATCH,
        &format!("/creator/accounts/{account}"),
        request,
    )
    .await
}

/// `DELETE /creator/accounts/{account_id}/login`: forget the login (the account stays verified).
pub async fn forget_login(account: CreatorAccountId) -> Result<(), ApiError> {
    send_empty(
        Method::DELETE,
        &format!("/creator/accounts/{account}/login"),
    )
    .await
}
