//! `GET /api/v1/me`.

use actix_web::get;
use actix_web::web::{Data, Json};
use rapport_domain::auth::Me;

use crate::accounts::users;
use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::openapi::Unauthorized;
use crate::state::AppState;

/// Who am I: the signed-in user and their teams with their role in each.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses((status = 200, description = "The signed-in user.", body = Me), Unauthorized)
)]
#[get("/me")]
pub async fn get_me(state: Data<AppState>, auth: AuthUser) -> ApiResult<Json<Me>> {
    let me = state.db.run(move |conn| users::me(conn, auth.0)).await?;
    Ok(Json(me))
}
