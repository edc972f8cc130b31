//! `/notifications`: the bell.

use gloo_net::http::Method;
use rapport_domain::notifications::NotificationPage;
use rapport_domain::page::PageQuery;
use rapport_domain::NotificationId;

use super::{get, page_query, send_empty, ApiError};

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
