//! `/notifications`: the bell; `/teams/{team_id}/notification-settings`: what a member is sent
//! by e-mail.

use gloo_net::http::Method;
use rapport_domain::notifications::{
    NotificationPage, NotificationSettings, UpdateNotificationSettings,
};
use rapport_domain::page::PageQuery;
use rapport_domain::{NotificationId, TeamId};

use super::{get, page_query, send_empty, send_json, ApiError};

/// `GET /notifications`.
pub async fn list(page: &PageQuery) -> Result<NotificationPage, ApiError> {
    get(&format!("/notifications{}", page_query(page))).await
}

/// `POST /notifications/{notification_id}/read`.
pub async fn mark_read(id: NotificationId) -> Result<(), ApiError> {
    send_empty(Method::POST, &format!("/notifications/{id}/read")).await
}

/// `POST /notifications/read`: all read.
pub async fn mark_all_read() -> Result<(), ApiError> {
    send_empty(Method::POST, "/notifications/read").await
}

/// `GET /teams/{team_id}/notification-settings`: what the signed-in member of the team is sent by
/// e-mail.
pub async fn settings(team: TeamId) -> Result<NotificationSettings, ApiError> {
    get(&format!("/teams/{team}/notification-settings")).await
}

/// `PUT /teams/{team_id}/notification-settings`: changes the settings named in `changes`.
pub async fn set_settings(
    team: TeamId,
    changes: &UpdateNotificationSettings,
) -> Result<NotificationSettings, ApiError> {
    send_json(
        Method::PUT,
        &format!("/teams/{team}/notification-settings"),
        changes,
    )
    .await
}
