//! `/me`: the signed-in user and their teams.

use rapport_domain::auth::Me;

use super::{get, ApiError};

/// `GET /me`.
pub async fn get_me() -> Result<Me, ApiError> {
    get("/me").await
}
