//! A team's webhook endpoints, managed by its owners and admins (and its API keys): registered (the
//! URL checked: a public address unless the server allows private ones; the secret shown once and
//! sealed), listed, deleted, sent a test event; their deliveries listed.

use std::net::IpAddr;

use base64::Engine;
use rand::RngCore;
use rapport_domain::webhooks::{
    CreatedWebhook, DeliveryStatus, EndpointRequest, Webhook, WebhookDelivery, WebhookEvent,
    SECRET_PREFIX,
};
use rapport_domain::{TeamId, UserId, WebhookId};
use rapport_store::webhooks::{self, DeliveryRow, EndpointRow};
use rapport_store::{new_id, time, DbConnection};

use crate::access::{require, role_in};
use crate::data_key::DataKey;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::state::AppState;

/// Deliveries listed per endpoint.
const DELIVERIES_LISTED: i64 = 50;

fn view(row: &EndpointRow) -> Webhook {
    Webhook {
        id: row.id,
        url: row.url.clone(),
        events: WebhookEvent::split(&row.events),
        created_at: time::utc(row.created_at),
        failing_since: row.failing_since.map(time::utc),
        disabled_at: row.disabled_at.map(time::utc),
    }
}

fn delivery_view(row: &DeliveryRow) -> WebhookDelivery {
    WebhookDelivery {
        id: row.id,
        event: WebhookEvent::parse(&row.event).unwrap_or(WebhookEvent::WebhookTest),
        status: DeliveryStatus::parse(&row.status).unwrap_or(DeliveryStatus::Pending),
        attempts: row.attempts,
        response_status: row.response_status,
        error: row.last_error.clone(),
        created_at: time::utc(row.created_at),
        delivered_at: row.delivered_at.map(time::utc),
    }
}

/// Owners and admins, and the team's API keys (which owners and admins made, for integrations
/// that register their own endpoints; a read key only lists, as everywhere).
fn managers_only(conn: &mut DbConnection, team: TeamId, actor: UserId) -> ApiResult<()> {
    let role = role_in(conn, team, actor)?;
    require(
        role.can_manage_team() || rapport_store::api_keys::is_key_of(conn, team, actor)?,
        "Only the team's owners and admins (or its API keys) manage its webhooks.",
    )
}

/// Whether an address is one a webhook may reach from a server on the internet: not loopback,
/// private, link-local, shared (CGNAT), unique-local, multicast or unspecified.
pub fn public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_multicast()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_documentation()
                || a == 0
                || (a == 100 && (64..128).contains(&b)))
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return public(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80)
        }
    }
}

fn refused(why: impl Into<String>) -> ApiError {
    ApiError::new(ErrorCode::WebhookTargetRefused, why)
}

/// Checks that `url` leads to public addresses only (unless `allow_private`): every address
/// its host resolves to. Answers the URL to call.
pub async fn check_target(url: &str, allow_private: bool) -> ApiResult<url::Url> {
    let parsed = url::Url::parse(url).map_err(|_| refused("This is not a URL."))?;
    if !matches!(parsed.scheme(), "http" | "https")
        || !parsed.username().is_empty()
        || parsed.password().is_some()
    {
        return Err(refused(
            "An endpoint is an http:// or https:// address without a user name or password.",
        ));
    }
    let host = parsed
        .host_str()
        .ok_or_else(|| refused("The address has no host."))?
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_owned();
    let port = parsed.port_or_known_default().unwrap_or(443);
    let addresses: Vec<IpAddr> = match host.parse::<IpAddr>() {
        Ok(ip) => vec![ip],
        Err(_) => tokio::time::timeout(
            std::time::Duration::from_secs(5),
            tokio::net::lookup_host((host.as_str(), port)),
        )
        .await
        .ok()
        .and_then(Result::ok)
        .ok_or_else(|| refused(format!("The host {host} could not be found.")))?
        .map(|address| address.ip())
        .collect(),
    };
    if addresses.is_empty() {
        return Err(refused(format!("The host {host} could not be found.")));
    }
    if !allow_private && addresses.iter().any(|ip| !public(*ip)) {
        return Err(refused(format!(
            "{host} leads to a private, loopback or link-local address, which webhooks may not \
             reach (the server's operator can allow it with RAPPORT_WEBHOOKS_ALLOW_PRIVATE)."
        )));
    }
    Ok(parsed)
}

/// What an endpoint's secret is sealed for.
pub fn owner(id: WebhookId) -> String {
    format!("webhook:{id}")
}

/// A new secret: `whsec_` and 32 random bytes, base64.
fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    format!(
        "{SECRET_PREFIX}{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

/// Registers an endpoint (its URL checked first).
pub async fn create(
    state: &AppState,
    actor: UserId,
    team: TeamId,
    request: EndpointRequest,
) -> ApiResult<CreatedWebhook> {
    state
        .db
        .run(move |conn| managers_only(conn, team, actor))
        .await?;
    let url = check_target(&request.url, state.webhooks_allow_private).await?;
    let id: WebhookId = new_id();
    let secret = new_secret();
    let now = state.clock.now();
    let row = EndpointRow {
        id,
        team_id: team,
        url: url.to_string(),
        events: WebhookEvent::join(&request.events),
        secret: state.data_key.seal(&owner(id), &secret),
        secret_key_id: state.data_key.id().to_owned(),
        created_by: Some(actor),
        created_at: now,
        failing_since: None,
        disabled_at: None,
    };
    let stored = row.clone();
    state
        .db
        .write(move |conn| {
            managers_only(conn, team, actor)?;
            webhooks::insert_endpoint(conn, &stored)?;
            Ok(())
        })
        .await?;
    Ok(CreatedWebhook {
        webhook: view(&row),
        secret,
    })
}

/// The team's endpoints.
pub fn list(conn: &mut DbConnection, actor: UserId, team: TeamId) -> ApiResult<Vec<Webhook>> {
    managers_only(conn, team, actor)?;
    Ok(webhooks::endpoints_of(conn, team)?
        .iter()
        .map(view)
        .collect())
}

/// One of the team's endpoints.
fn own(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
    id: WebhookId,
) -> ApiResult<EndpointRow> {
    managers_only(conn, team, actor)?;
    webhooks::find_endpoint(conn, id)?
        .filter(|row| row.team_id == team)
        .ok_or_else(|| ApiError::not_found("webhook"))
}

/// Deletes an endpoint and its deliveries.
pub fn delete(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
    id: WebhookId,
) -> ApiResult<()> {
    own(conn, actor, team, id)?;
    webhooks::delete_endpoint(conn, team, id)?;
    Ok(())
}

/// Queues a `webhook.test` event to the endpoint (also a disabled one: it is how a fixed
/// endpoint is checked); answers the delivery.
pub fn send_test(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
    id: WebhookId,
    now: chrono::NaiveDateTime,
) -> ApiResult<WebhookDelivery> {
    own(conn, actor, team, id)?;
    let payload = serde_json::json!({
        "type": WebhookEvent::WebhookTest.as_str(),
        "timestamp": time::utc(now),
        "data": {"team_id": team, "webhook_id": id},
    })
    .to_string();
    let delivery = webhooks::queue_delivery(conn, id, WebhookEvent::WebhookTest, &payload, now)?;
    let (row, _) =
        webhooks::find_delivery(conn, delivery)?.ok_or_else(|| ApiError::not_found("delivery"))?;
    Ok(delivery_view(&row))
}

/// An endpoint's newest deliveries.
pub fn deliveries(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
    id: WebhookId,
) -> ApiResult<Vec<WebhookDelivery>> {
    own(conn, actor, team, id)?;
    Ok(webhooks::deliveries_of(conn, id, DELIVERIES_LISTED)?
        .iter()
        .map(delivery_view)
        .collect())
}

/// An endpoint's secret, opened.
pub fn open_secret(key: &DataKey, row: &EndpointRow) -> Option<String> {
    key.open(&owner(row.id), &row.secret_key_id, &row.secret)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_addresses_are_reached() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(!public(private.parse().unwrap()), "{private}");
        }
        for open in ["93.184.216.34", "2606:4700::1111", "100.128.0.1"] {
            assert!(public(open.parse().unwrap()), "{open}");
        }
    }
}
