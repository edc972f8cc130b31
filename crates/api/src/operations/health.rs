//! `GET /healthz` (the process answers) and `GET /readyz` (it can do its work: the database
//! answers, its migrations are all applied, and no background job waits long past its time
//! without a worker). Both outside `/api/v1` and without authentication, for load balancers
//! and orchestrators.

use std::time::Duration;

use actix_web::get;
use actix_web::web::{Data, Json};
use actix_web::HttpResponse;
use rapport_domain::Problem;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;

/// How long the readiness checks may take together before the database counts as unreachable.
const CHECK_TIMEOUT: Duration = Duration::from_secs(3);

/// What `/readyz` needs beyond the application state.
#[derive(Debug, Clone)]
pub struct Readiness {
    /// The job kinds this server runs (a kind it leaves to others, or holds on purpose, such as
    /// mail without an SMTP server, is not its to call stalled).
    pub job_kinds: Vec<&'static str>,
    /// A job due longer ago than this that no worker holds means the queue is stalled; `None`
    /// leaves the queue unchecked.
    pub stall_after: Option<chrono::Duration>,
}

/// `/healthz`'s answer.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Health {
    /// Always `ok`.
    #[schema(example = "ok")]
    pub status: String,
}

/// A readiness check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReadinessCheckName {
    /// The database answers a query.
    Database,
    /// Every migration this binary knows is applied.
    Migrations,
    /// No background job due longer ago than the stall limit waits without a worker.
    JobQueue,
}

/// One check's outcome.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReadinessCheck {
    /// Which check.
    pub name: ReadinessCheckName,
    /// Whether it passed.
    pub ok: bool,
    /// What failed, for people (never an internal error's text: that goes to the log).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// `/readyz`'s answer when every check passed.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Ready {
    /// Always `ready`.
    #[schema(example = "ready")]
    pub status: String,
    /// Every check, passed.
    pub checks: Vec<ReadinessCheck>,
}

/// `/readyz`'s answer when a check failed: a problem (`not_ready`) that lists the checks.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct NotReady {
    /// The problem.
    #[serde(flatten)]
    pub problem: Problem,
    /// Every check, with what failed.
    pub checks: Vec<ReadinessCheck>,
}

/// Liveness: the process is up and answers. Never touches the database.
#[utoipa::path(
    tag = "operations",
    responses((status = 200, description = "The process is up.", body = Health))
)]
#[get("/healthz")]
pub async fn healthz() -> Json<Health> {
    Json(Health {
        status: "ok".to_owned(),
    })
}

/// Readiness: the database answers, every migration is applied, and no background job waits
/// long past its time without a worker. 503 (`not_ready`) names the checks that failed.
#[utoipa::path(
    tag = "operations",
    responses(
        (status = 200, description = "Ready to serve.", body = Ready),
        (status = 503, description = "Not ready (`not_ready`): `checks` says which check failed.", body = NotReady, content_type = "application/problem+json")
    )
)]
#[get("/readyz")]
pub async fn readyz(state: Data<AppState>, readiness: Data<Readiness>) -> HttpResponse {
    let checks = run_checks(&state, &readiness).await;
    if checks.iter().all(|check| check.ok) {
        return HttpResponse::Ok().json(Ready {
            status: "ready".to_owned(),
            checks,
        });
    }
    let failed: Vec<String> = checks
        .iter()
        .filter(|check| !check.ok)
        .map(|check| check.detail.clone().unwrap_or_default())
        .collect();
    let error = ApiError::new(
        ErrorCode::NotReady,
        format!("Not ready: {}.", failed.join("; ")),
    );
    tracing::warn!(%error, "readiness check failed");
    HttpResponse::ServiceUnavailable()
        .content_type("application/problem+json")
        .json(NotReady {
            problem: error.problem(),
            checks,
        })
}

async fn run_checks(state: &AppState, readiness: &Readiness) -> Vec<ReadinessCheck> {
    let now = state.clock.now();
    let stall_after = readiness.stall_after;
    let kinds = readiness.job_kinds.clone();
    let checks = state.db.run(move |conn| {
        // The other checks need the database: when it does not answer, they are not run.
        if let Err(error) = rapport_store::db::ping(conn) {
            tracing::warn!(%error, "readiness: the database does not answer");
            return Ok(vec![unreachable()]);
        }
        let migrations = match rapport_store::db::pending_migrations(conn) {
            Ok(0) => passed(ReadinessCheckName::Migrations),
            Ok(pending) => failed(
                ReadinessCheckName::Migrations,
                format!("{pending} database migration(s) not applied"),
            ),
            Err(error) => {
                tracing::warn!(%error, "readiness: cannot read the applied migrations");
                failed(
                    ReadinessCheckName::Migrations,
                    "the applied migrations cannot be read".to_owned(),
                )
            }
        };
        let Some(stall_after) = stall_after else {
            let unchecked = ReadinessCheck {
                detail: Some("not checked (RAPPORT_JOB_STALL_MINUTES=0)".to_owned()),
                ..passed(ReadinessCheckName::JobQueue)
            };
            return Ok(vec![
                passed(ReadinessCheckName::Database),
                migrations,
                unchecked,
            ]);
        };
        let stall_minutes = stall_after.num_minutes();
        let queue = match rapport_store::jobs::stalled(conn, &kinds, now - stall_after, now) {
            Ok(stalled) if stalled.is_empty() => passed(ReadinessCheckName::JobQueue),
            Ok(stalled) => {
                let kinds: Vec<String> = stalled
                    .iter()
                    .map(|entry| format!("{} {}", entry.count, entry.kind))
                    .collect();
                failed(
                    ReadinessCheckName::JobQueue,
                    format!(
                        "the job queue is stalled: {} job(s) due over {stall_minutes} minutes ago \
                         without a worker",
                        kinds.join(", ")
                    ),
                )
            }
            Err(error) => {
                tracing::warn!(%error, "readiness: cannot read the job queue");
                failed(
                    ReadinessCheckName::JobQueue,
                    "the job queue cannot be read".to_owned(),
                )
            }
        };
        Ok(vec![
            passed(ReadinessCheckName::Database),
            migrations,
            queue,
        ])
    });
    match tokio::time::timeout(CHECK_TIMEOUT, checks).await {
        Ok(Ok(checks)) => checks,
        Ok(Err(error)) => {
            tracing::warn!(%error, "readiness: no database connection");
            vec![unreachable()]
        }
        Err(_) => {
            tracing::warn!("readiness: the database did not answer within 3 s");
            vec![unreachable()]
        }
    }
}

fn passed(name: ReadinessCheckName) -> ReadinessCheck {
    ReadinessCheck {
        name,
        ok: true,
        detail: None,
    }
}

fn failed(name: ReadinessCheckName, detail: String) -> ReadinessCheck {
    ReadinessCheck {
        name,
        ok: false,
        detail: Some(detail),
    }
}

fn unreachable() -> ReadinessCheck {
    failed(
        ReadinessCheckName::Database,
        "the database does not answer".to_owned(),
    )
}
