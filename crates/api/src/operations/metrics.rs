//! Prometheus metrics (`GET /metrics` on `RAPPORT_METRICS_BIND`, a listener of its own, so the
//! figures are not public unless the operator makes them so). Requests are counted as they are
//! answered, by method, route pattern (never the raw path: ids would make a series each) and
//! status, with a latency histogram; the database pool, the job queue, open WebSockets and the
//! outbox are read when Prometheus scrapes.

use std::sync::atomic::AtomicU64;
use std::sync::Arc;
use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::web::Data;
use actix_web::{get, HttpResponse};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::{Registry, Unit};

use crate::state::AppState;

/// The label of requests no route took (the web app's pages, unknown paths).
const UNMATCHED: &str = "unmatched";

/// A request's labels.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RequestLabels {
    /// `GET`, `POST`...
    pub method: String,
    /// The route's pattern (`/api/v1/boards/{board_id}`), or `unmatched`.
    pub route: String,
    /// The answer's status.
    pub status: u16,
}

/// A job kind's labels.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct KindLabels {
    kind: String,
}

/// A mail status's labels.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct MailLabels {
    status: String,
}

/// A pool figure's labels.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PoolLabels {
    state: &'static str,
}

type Seconds = Gauge<f64, AtomicU64>;

/// Every metric of one server.
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RequestLabels, Histogram, fn() -> Histogram>,
    database_up: Gauge,
    pool: Family<PoolLabels, Gauge>,
    jobs_due: Family<KindLabels, Gauge>,
    jobs_running: Family<KindLabels, Gauge>,
    jobs_oldest_due_age: Family<KindLabels, Seconds>,
    sockets: Gauge,
    mails: Family<MailLabels, Gauge>,
}

fn latency_histogram() -> Histogram {
    // 1 ms to about 16 s.
    Histogram::new(exponential_buckets(0.001, 2.0, 15))
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("rapport");
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "http_requests",
            "HTTP requests answered, by method, route pattern and status",
            requests.clone(),
        );
        let latency = Family::<RequestLabels, Histogram, fn() -> Histogram>::new_with_constructor(
            latency_histogram,
        );
        registry.register_with_unit(
            "http_request_duration",
            "Time to answer HTTP requests, by method, route pattern and status",
            Unit::Seconds,
            latency.clone(),
        );
        let database_up = Gauge::default();
        registry.register(
            "database_up",
            "1 when the database answered the last scrape's queries, else 0",
            database_up.clone(),
        );
        let pool = Family::<PoolLabels, Gauge>::default();
        registry.register(
            "db_pool_connections",
            "Database pool connections: in_use, idle, max, and waiting (callers waiting for one)",
            pool.clone(),
        );
        let jobs_due = Family::<KindLabels, Gauge>::default();
        registry.register(
            "jobs_due",
            "Background jobs whose time has come, waiting for a worker, by kind",
            jobs_due.clone(),
        );
        let jobs_running = Family::<KindLabels, Gauge>::default();
        registry.register(
            "jobs_running",
            "Background jobs a worker holds, by kind",
            jobs_running.clone(),
        );
        let jobs_oldest_due_age = Family::<KindLabels, Seconds>::default();
        registry.register_with_unit(
            "jobs_oldest_due_age",
            "How long the longest-waiting due job has waited, by kind",
            Unit::Seconds,
            jobs_oldest_due_age.clone(),
        );
        let sockets = Gauge::default();
        registry.register(
            "websocket_connections",
            "Signed-in WebSocket connections open on this server",
            sockets.clone(),
        );
        let mails = Family::<MailLabels, Gauge>::default();
        registry.register(
            "mails",
            "Mails in the outbox by status: pending, sent, failed (the whole database's)",
            mails.clone(),
        );
        Self {
            registry,
            requests,
            latency,
            database_up,
            pool,
            jobs_due,
            jobs_running,
            jobs_oldest_due_age,
            sockets,
            mails,
        }
    }
}

impl Metrics {
    /// Counts an answered request.
    pub fn observe(&self, labels: &RequestLabels, seconds: f64) {
        self.requests.get_or_create(labels).inc();
        self.latency.get_or_create(labels).observe(seconds);
    }

    /// Reads what is read at scrape time, then writes every metric in the text format.
    pub async fn render(&self, state: &AppState) -> String {
        let pool = state.db.pool_state();
        let in_use = pool.open.saturating_sub(pool.idle);
        for (label, value) in [
            ("in_use", i64::from(in_use)),
            ("idle", i64::from(pool.idle)),
            ("max", i64::from(pool.max)),
            ("waiting", i64::try_from(pool.waiting).unwrap_or(i64::MAX)),
        ] {
            self.pool
                .get_or_create(&PoolLabels { state: label })
                .set(value);
        }
        self.sockets
            .set(i64::try_from(state.hub.open_sockets()).unwrap_or(i64::MAX));
        let now = state.clock.now();
        let read = state
            .db
            .run(move |conn| {
                let queues = rapport_store::jobs::queues(conn, now)?;
                let mails = rapport_store::mail::count_by_status(conn)?;
                Ok((queues, mails))
            })
            .await;
        self.jobs_due.clear();
        self.jobs_running.clear();
        self.jobs_oldest_due_age.clear();
        self.mails.clear();
        match read {
            Ok((queues, mails)) => {
                self.database_up.set(1);
                for queue in queues {
                    let labels = KindLabels { kind: queue.kind };
                    self.jobs_due.get_or_create(&labels).set(queue.due);
                    self.jobs_running.get_or_create(&labels).set(queue.running);
                    let age = queue
                        .oldest_due
                        .map(|due| (now - due).num_milliseconds().max(0) as f64 / 1_000.0)
                        .unwrap_or(0.0);
                    self.jobs_oldest_due_age.get_or_create(&labels).set(age);
                }
                for (status, count) in mails {
                    self.mails.get_or_create(&MailLabels { status }).set(count);
                }
            }
            Err(error) => {
                tracing::warn!(%error, "metrics: the database did not answer");
                self.database_up.set(0);
            }
        }
        let mut text = String::new();
        if let Err(error) = prometheus_client::encoding::text::encode(&mut text, &self.registry) {
            tracing::error!(%error, "metrics: cannot encode");
        }
        text
    }
}

/// The middleware that counts requests (inside the request-id layer, outside the rest).
pub async fn track(
    metrics: Arc<Metrics>,
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let method = req.method().as_str().to_owned();
    let res = next.call(req).await?;
    let labels = RequestLabels {
        method,
        route: res
            .request()
            .match_pattern()
            .unwrap_or_else(|| UNMATCHED.to_owned()),
        status: res.status().as_u16(),
    };
    metrics.observe(&labels, started.elapsed().as_secs_f64());
    Ok(res)
}

/// `GET /metrics` (on the metrics listener only; not part of the API's contract).
#[get("/metrics")]
pub async fn get_metrics(state: Data<AppState>, metrics: Data<Arc<Metrics>>) -> HttpResponse {
    let text = metrics.render(&state).await;
    HttpResponse::Ok()
        .content_type("application/openmetrics-text; version=1.0.0; charset=utf-8")
        .body(text)
}
