//! A team's webhook endpoints: `/teams/{team_id}/webhooks[/{webhook_id}[/test | /deliveries]]`
//! (owners and admins).

use gloo_net::http::Method;
use rapport_domain::webhooks::{CreatedWebhook, NewWebhook, Webhook, WebhookDelivery};
use rapport_domain::{TeamId, WebhookId};

use super::{get, send_empty, send_json, ApiError};

/// `GET /teams/{team_id}/webhooks`: newest first, never their secrets.
pub async fn list(team: TeamId) -> Result<Vec<Webhook>, ApiError> {
    get(&format!("/teams/{team}/webhooks")).await
}

/// `POST /teams/{team_id}/webhooks`: the endpoint with its signing secret, shown this once.
pub async fn create(team: TeamId, request: &NewWebhook) -> Result<CreatedWebhook, ApiError> {
    send_json(Method::POST, &format!("/teams/{team}/webhooks"), request).await
}

/// `DELETE /teams/{team_id}/webhooks/{webhook_id}`: the endpoint and its deliveries.
pub async fn delete(team: TeamId, webhook: WebhookId) -> Result<(), ApiError> {
    send_empty(Method::DELETE, &format!("/teams/{team}/webhooks/{webhook}")).await
}

/// `POST /teams/{team_id}/webhooks/{webhook_id}/test`: a `webhook.test` event, queued.
pub async fn send_test(team: TeamId, webhook: WebhookId) -> Result<WebhookDelivery, ApiError> {
    send_empty(
        Method::POST,
        &format!("/teams/{team}/webhooks/{webhook}/test"),
    )
    .await
}

/// `GET /teams/{team_id}/webhooks/{webhook_id}/deliveries`: the newest 50, newest first.
pub async fn deliveries(
    team: TeamId,
    webhook: WebhookId,
) -> Result<Vec<WebhookDelivery>, ApiError> {
    get(&format!("/teams/{team}/webhooks/{webhook}/deliveries")).await
}
