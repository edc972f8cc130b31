//! Notifications: `/api/v1/notifications` and its read markers, and what a member is sent by
//! e-mail (`/api/v1/teams/{team_id}/notification-settings`).

use actix_web::web::{Data, Json, Path, Query};
use actix_web::{get, post, put, HttpResponse};
use rapport_domain::notifications::{
    NotificationPage, NotificationSettings, UpdateNotificationSettings,
};
use rapport_domain::page::PageQuery;
use rapport_domain::{NotificationId, TeamId};

use crate::auth::AuthUser;
use crate::body::Body;
use crate::error::ApiResult;
use crate::notifications;
use crate::openapi::{
    BadRequest, NotFound, PayloadTooLarge, Unauthorized, Unprocessable, UnsupportedMediaType,
};
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

/// What the caller is sent by e-mail as a member of the team: the daily digest of the creators
/// the team's data sources turn up, a mail when a reminder assigned to them falls due, and the
/// daily digest of their overdue reminders (each on unless turned off). In-app notifications
/// always come.
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = [])),
    params(("team_id" = TeamId, Path, description = "The team's id.")),
    responses(
        (status = 200, description = "The settings.", body = NotificationSettings),
        BadRequest, Unauthorized, NotFound
    )
)]
#[get("/teams/{team_id}/notification-settings")]
pub async fn get_notification_settings(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<TeamId>,
) -> ApiResult<Json<NotificationSettings>> {
    let team = path.into_inner();
    let found = state
        .db
        .run(move |conn| notifications::settings::get(conn, auth.0, team))
        .await?;
    Ok(Json(found))
}

/// Change what the caller is sent by e-mail as a member of the team: the settings given change,
/// those left out keep their values.
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = [])),
    params(("team_id" = TeamId, Path, description = "The team's id.")),
    request_body = UpdateNotificationSettings,
    responses(
        (status = 200, description = "The settings.", body = NotificationSettings),
        BadRequest, Unauthorized, NotFound, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[put("/teams/{team_id}/notification-settings")]
pub async fn set_notification_settings(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<TeamId>,
    body: Body<UpdateNotificationSettings>,
) -> ApiResult<Json<NotificationSettings>> {
    let team = path.into_inner();
    let changes = body.into_inner();
    let saved = state
        .db
        .write(move |conn| notifications::settings::set(conn, auth.0, team, changes))
        .await?;
    Ok(Json(saved))
}
