//! `GET /api/v1/me`.

use actix_web::get;
use actix_web::web::{Data, Json};
use rapport_domain::auth::Me;
use rapport_store::{teams, users};

use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::openapi::Unauthorized;
use crate::state::AppState;

/// Most teams listed inline in `/me`; `/teams` pages through all of them.
const ME_TEAMS_MAX: i64 = 1000;

/// Who am I: the signed-in user and their teams with their role in each.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses((status = 200, description = "The signed-in user.", body = Me), Unauthorized)
)]
#[get("/me")]
pub async fn get_me(state: Data<AppState>, auth: AuthUser) -> ApiResult<Json<Me>> {
    let me = state
        .db
        .run(move |conn| {
            let user = users::find(conn, auth.0)?.ok_or_else(|| {
                ApiError::new(ErrorCode::Unauthorized, "This account no longer exists.")
            })?;
            let teams = teams::list_for_user(conn, auth.0, None, ME_TEAMS_MAX)?
                .into_iter()
                .map(|(_, team)| team)
                .collect();
            Ok(Me {
                user: user.to_user(),
                teams,
            })
        })
        .await?;
    Ok(Json(me))
}
