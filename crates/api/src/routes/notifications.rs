//! Notifications: `/api/v1/notifications` and its read markers.

use actix_web::web::{Data, Json, Path, Query};
use actix_web::{get, post, HttpResponse};
use rapport_domain::notifications::NotificationPage;
use rapport_domain::page::PageQuery;
use rapport_domain::NotificationId;

use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::notifications;
use crate::openapi::{BadRequest, NotFound, Unauthorized};
use crate::paging::PageRequest;
use crate::state::AppState;

/// The caller's notifications, newest first, with the number unread (the bell's).
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = [])),
    params(PageQuery),
    responses(
        (status = 200, description = "A page of notifications.", body = NotificationPage),
        BadRequest, Unauthorized
    )
)]
#[get("/notifications")]
pub async fn list_notifications(
    state: Data<AppState>,
    auth: AuthUser,
    query: Query<PageQuery>,
) -> ApiResult<Json<NotificationPage>> {
    let paging = PageRequest::from_query(&query)?;
    let page = state
        .db
        .run(move |conn| notifications::list(conn, auth.0, &paging))
        .await?;
    Ok(Json(page))
}

/// Mark one notification read.
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = [])),
    params(("notification_id" = NotificationId, Path, description = "The notification's id.")),
    responses((status = 204, description = "Read."), BadRequest, Unauthorized, NotFound)
)]
#[post("/notifications/{notification_id}/read")]
pub async fn mark_notification_read(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<NotificationId>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let now = state.clock.now();
    state
        .db
        .write(move |conn| notifications::mark_read(conn, auth.0, id, now))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Mark every notification read.
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = [])),
    responses((status = 204, description = "All read."), Unauthorized)
)]
#[post("/notifications/read")]
pub async fn mark_all_notifications_read(
    state: Data<AppState>,
    auth: AuthUser,
) -> ApiResult<HttpResponse> {
    let now = state.clock.now();
    state
        .db
        .write(move |conn| notifications::mark_all_read(conn, auth.0, now))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
