//! The `webhook_delivery` job (subject: a delivery's id): POSTs one event to one endpoint, signed
//! the Standard Webhooks way (`webhook-id`, `webhook-timestamp`, and `webhook-signature`:
//! `v1,` and the base64 HMAC-SHA256 of `{id}.{timestamp}.{body}` keyed with the secret's bytes).
//! A 2xx delivers it; anything else is tried again with a growing wait (a minute, doubling, at
//! most six hours). An endpoint that has failed for three days is disabled and the team's owners
//! are told; its pending deliveries give up. The target is checked again at each try (a host may
//! come to resolve to a private address) and redirects are not followed.

use std::time::Duration;

use base64::Engine;
use hmac::{Hmac, Mac};
use rapport_domain::notifications::NotificationKind;
use rapport_domain::webhooks::{DeliveryStatus, DISABLE_AFTER_DAYS, SECRET_PREFIX};
use rapport_domain::WebhookDeliveryId;
use rapport_store::webhooks::{self, DeliveryRow, EndpointRow};
use sha2::Sha256;

use crate::data_key::DataKey;
use crate::error::ApiResult;
use crate::integrators::webhooks::{check_target, open_secret};
use crate::jobs::kinds;
use crate::jobs::runner::{JobContext, JobHandler, Outcome, Running};
use crate::notifications::notify::{self, Event};

/// The longest wait between two tries.
const MAX_WAIT: Duration = Duration::from_secs(6 * 3_600);

/// The Standard Webhooks signature of `body` sent as `id` at `timestamp` (seconds), with the
/// secret `whsec_…`; none for a secret that is not one.
pub fn signature(secret: &str, id: &str, timestamp: i64, body: &str) -> Option<String> {
    let key = base64::engine::general_purpose::STANDARD
        .decode(secret.strip_prefix(SECRET_PREFIX).unwrap_or(secret))
        .ok()?;
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).ok()?;
    mac.update(format!("{id}.{timestamp}.{body}").as_bytes());
    Some(format!(
        "v1,{}",
        base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
    ))
}

/// The client deliveries go through: no redirects, bounded waits.
pub fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(15))
        .user_agent(concat!("Rapport-Webhooks/", env!("CARGO_PKG_VERSION")))
        .build()
        .unwrap_or_default()
}

/// Runs `webhook_delivery` jobs.
pub struct WebhookDelivery {
    /// The data key (the endpoints' sealed secrets).
    pub key: DataKey,
    /// The client (no redirects).
    pub http: reqwest::Client,
    /// Whether private and loopback targets are allowed (tests, closed networks).
    pub allow_private: bool,
}

impl JobHandler for WebhookDelivery {
    fn kind(&self) -> &'static str {
        kinds::WEBHOOK_DELIVERY
    }

    fn run<'a>(&'a self, job: &'a JobContext) -> Running<'a> {
        Box::pin(async move {
            match self.deliver(job).await {
                Ok(outcome) => outcome,
                Err(error) => Outcome::Retry {
                    after: Duration::from_secs(60),
                    error: error.to_string(),
                },
            }
        })
    }
}

/// The wait after `attempts` failed tries.
fn backoff(attempts: i32) -> Duration {
    let exponent = u32::try_from(attempts.clamp(0, 12)).unwrap_or(0);
    Duration::from_secs(60 * 2_u64.pow(exponent)).min(MAX_WAIT)
}

impl WebhookDelivery {
    /// Sends the delivery once: the endpoint's answer status, or why there was none.
    async fn send(
        &self,
        delivery: &DeliveryRow,
        endpoint: &EndpointRow,
        now: i64,
    ) -> Result<u16, String> {
        let url = check_target(&endpoint.url, self.allow_private)
            .await
            .map_err(|error| error.detail().to_owned())?;
        let secret = open_secret(&self.key, endpoint).ok_or_else(|| {
            "The endpoint's secret cannot be opened (the data key changed).".to_owned()
        })?;
        let id = delivery.id.to_string();
        let signed = signature(&secret, &id, now, &delivery.payload)
            .ok_or_else(|| "The endpoint's secret is malformed.".to_owned())?;
        let answer = self
            .http
            .post(url)
            .header("content-type", "application/json")
            .header("webhook-id", &id)
            .header("webhook-timestamp", now.to_string())
            .header("webhook-signature", signed)
            .body(delivery.payload.clone())
            .send()
            .await
            .map_err(|error| {
                if error.is_timeout() {
                    "The endpoint did not answer in time.".to_owned()
                } else {
                    "The endpoint could not be reached.".to_owned()
                }
            })?;
        Ok(answer.status().as_u16())
    }

    async fn deliver(&self, job: &JobContext) -> ApiResult<Outcome> {
        let Ok(id) = job.job.subject.parse::<WebhookDeliveryId>() else {
            return Ok(Outcome::Abandoned(format!(
                "{:?} names no delivery",
                job.job.subject
            )));
        };
        let found = job
            .db
            .run(move |conn| Ok(webhooks::find_delivery(conn, id)?))
            .await?;
        let Some((delivery, endpoint)) = found else {
            return Ok(Outcome::Done);
        };
        if delivery.status != DeliveryStatus::Pending.as_str() {
            return Ok(Outcome::Done);
        }
        let now = job.clock.now();
        let sent = self
            .send(&delivery, &endpoint, now.and_utc().timestamp())
            .await;
        let (status, error) = match sent {
            Ok(code) if (200..300).contains(&code) => {
                job.complete(move |conn, now| {
                    webhooks::record_try(
                        conn,
                        &delivery,
                        DeliveryStatus::Delivered,
                        Some(i32::from(code)),
                        None,
                        now,
                    )?;
                    Ok(())
                })
                .await?;
                return Ok(Outcome::Stopped);
            }
            Ok(code) => (
                Some(i32::from(code)),
                format!("The endpoint answered {code}."),
            ),
            Err(why) => (None, why),
        };
        // Failing since before this try (or from now), and for how long.
        let failing_since = endpoint.failing_since.unwrap_or(now);
        let give_up = now - failing_since >= chrono::Duration::days(DISABLE_AFTER_DAYS);
        let attempts = delivery.attempts + 1;
        let told = error.clone();
        let recorded = delivery.clone();
        job.progress(None, i64::from(attempts), None, move |conn| {
            webhooks::record_try(
                conn,
                &recorded,
                if give_up {
                    DeliveryStatus::Failed
                } else {
                    DeliveryStatus::Pending
                },
                status,
                Some(&told),
                now,
            )?;
            if give_up && webhooks::disable(conn, endpoint.id, now)? {
                let text = format!(
                    "A webhook endpoint ({}) failed for {DISABLE_AFTER_DAYS} days and was \
                     turned off: fix it, then register it again in Team → Webhooks.",
                    endpoint.url
                );
                let event = Event {
                    kind: NotificationKind::WebhookDisabled,
                    text: &text,
                    team: endpoint.team_id,
                    creator: None,
                    invite: None,
                    conversation: None,
                    influencer: None,
                };
                for owner in rapport_store::memberships::owners_of(conn, endpoint.team_id)? {
                    notify::user(conn, owner, &event, now)?;
                }
            }
            Ok(())
        })
        .await?;
        if give_up {
            return Ok(Outcome::Failed(error));
        }
        Ok(Outcome::Retry {
            after: backoff(delivery.attempts),
            error,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_is_standard_webhooks() {
        // The example of the Standard Webhooks specification.
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
        let body = r#"{"test": 2432232314}"#;
        assert_eq!(
            signature(secret, id, 1_614_265_330, body).as_deref(),
            Some("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
        );
    }

    #[test]
    fn waits_grow_to_six_hours() {
        assert_eq!(backoff(0), Duration::from_secs(60));
        assert_eq!(backoff(1), Duration::from_secs(120));
        assert_eq!(backoff(12), MAX_WAIT);
    }
}
