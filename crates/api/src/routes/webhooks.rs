//! A team's webhook endpoints: `/api/v1/teams/{team_id}/webhooks[/{webhook_id}[/test |
//! /deliveries]]` (owners and admins, or the team's API keys).

use actix_web::web::{Data, Json, Path};
use actix_web::{delete, get, post, HttpResponse};
use rapport_domain::webhooks::{CreatedWebhook, NewWebhook, Webhook, WebhookDelivery};
use rapport_domain::{TeamId, Validate, WebhookId};

use crate::auth::AuthUser;
use crate::body::Body;
use crate::error::ApiResult;
use crate::integrators::webhooks;
use crate::openapi::{
    BadRequest, Forbidden, NotFound, PayloadTooLarge, Unauthorized, Unprocessable,
    UnsupportedMediaType,
};
use crate::state::AppState;

/// Register an endpoint for the chosen `events` (owners and admins, or an API key of the team). The
/// answer holds its signing `secret` (`whsec_…`), shown this once. Each event is POSTed as JSON
/// (`{type, timestamp, data}`) with the Standard Webhooks headers `webhook-id`, `webhook-timestamp`
/// and `webhook-signature` (`v1,` + base64 HMAC-SHA256 of `{id}.{timestamp}.{body}` keyed with the
/// secret's bytes); a 2xx answer delivers it, anything else is retried with a growing wait; an
/// endpoint failing for 3 days is turned off and the owners are told. A URL leading to a private,
/// loopback or link-local address answers 422 `webhook_target_refused`; redirects are not followed.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(("team_id" = TeamId, Path, description = "The team's id.")),
    request_body = NewWebhook,
    responses(
        (status = 201, description = "The endpoint, with its secret (shown once).", body = CreatedWebhook),
        BadRequest, Unauthorized, Forbidden, NotFound, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[post("/teams/{team_id}/webhooks")]
pub async fn create_webhook(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<TeamId>,
    body: Body<NewWebhook>,
) -> ApiResult<HttpResponse> {
    let request = body.validate()?;
    let created = webhooks::create(&state, auth.0, path.into_inner(), request).await?;
    Ok(HttpResponse::Created().json(created))
}

/// The team's endpoints (owners and admins, or an API key of the team), newest first, with whether
/// they are failing or turned off. Never their secrets.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(("team_id" = TeamId, Path, description = "The team's id.")),
    responses(
        (status = 200, description = "The endpoints.", body = Vec<Webhook>),
        BadRequest, Unauthorized, Forbidden, NotFound
    )
)]
#[get("/teams/{team_id}/webhooks")]
pub async fn list_webhooks(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<TeamId>,
) -> ApiResult<Json<Vec<Webhook>>> {
    let team = path.into_inner();
    let found = state
        .db
        .run(move |conn| webhooks::list(conn, auth.0, team))
        .await?;
    Ok(Json(found))
}

/// Delete an endpoint and its deliveries (owners and admins, or an API key of the team).
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(
        ("team_id" = TeamId, Path, description = "The team's id."),
        ("webhook_id" = WebhookId, Path, description = "The endpoint's id.")
    ),
    responses((status = 204, description = "Deleted."), BadRequest, Unauthorized, Forbidden, NotFound)
)]
#[delete("/teams/{team_id}/webhooks/{webhook_id}")]
pub async fn delete_webhook(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<(TeamId, WebhookId)>,
) -> ApiResult<HttpResponse> {
    let (team, id) = path.into_inner();
    state
        .db
        .write(move |conn| webhooks::delete(conn, auth.0, team, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Send the endpoint a `webhook.test` event now (also a turned-off endpoint: a good delivery
/// does not turn it on again; register it anew once fixed). Answers the queued delivery.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(
        ("team_id" = TeamId, Path, description = "The team's id."),
        ("webhook_id" = WebhookId, Path, description = "The endpoint's id.")
    ),
    responses(
        (status = 202, description = "The delivery, queued.", body = WebhookDelivery),
        BadRequest, Unauthorized, Forbidden, NotFound
    )
)]
#[post("/teams/{team_id}/webhooks/{webhook_id}/test")]
pub async fn test_webhook(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<(TeamId, WebhookId)>,
) -> ApiResult<HttpResponse> {
    let (team, id) = path.into_inner();
    let now = state.clock.now();
    let delivery = state
        .db
        .write(move |conn| webhooks::send_test(conn, auth.0, team, id, now))
        .await?;
    Ok(HttpResponse::Accepted().json(delivery))
}

/// The endpoint's newest 50 deliveries: event, status, tries, the last answer's status or what
/// went wrong.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(
        ("team_id" = TeamId, Path, description = "The team's id."),
        ("webhook_id" = WebhookId, Path, description = "The endpoint's id.")
    ),
    responses(
        (status = 200, description = "The deliveries, newest first.", body = Vec<WebhookDelivery>),
        BadRequest, Unauthorized, Forbidden, NotFound
    )
)]
#[get("/teams/{team_id}/webhooks/{webhook_id}/deliveries")]
pub async fn list_webhook_deliveries(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<(TeamId, WebhookId)>,
) -> ApiResult<Json<Vec<WebhookDelivery>>> {
    let (team, id) = path.into_inner();
    let found = state
        .db
        .run(move |conn| webhooks::deliveries(conn, auth.0, team, id))
        .await?;
    Ok(Json(found))
}
