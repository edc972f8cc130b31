//! Building and running the server: database, migrations, keys, mail worker, HTTP.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_web::dev::{Server, ServerHandle};
use actix_web::middleware::{from_fn, Compress, NormalizePath, TrailingSlash};
use actix_web::{web, App, HttpResponse, HttpServer};
use anyhow::Context;
use rapport_integrations::smtp::SmtpMailer;
use rapport_store::{DatabaseUrl, Pool};
use tokio::sync::Notify;
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

use crate::auth::jwt::JwtKeys;
use crate::auth::rate_limit::LoginLimiter;
use crate::clock::Clock;
use crate::config::{DatabaseSettings, ServeSettings};
use crate::db::Db;
use crate::extractor_errors;
use crate::jobs::runner::{JobHandler, JobRunner};
use crate::mail::worker::{MailSender, RetryPolicy, Transport};
use crate::openapi::ApiDoc;
use crate::routes::fallback::{fallback, RouteTable};
use crate::routes::web::WebApp;
use crate::state::AppState;

/// Connects to the database and applies pending migrations.
pub async fn open_database(settings: &DatabaseSettings) -> anyhow::Result<(Pool, DatabaseUrl)> {
    let url = settings.database_url.clone();
    let pool_size = settings.pool_size();
    tokio::task::spawn_blocking(move || -> anyhow::Result<(Pool, DatabaseUrl)> {
        let (pool, url) = rapport_store::connect(&url, pool_size)?;
        let mut conn = pool.get().context("no database connection")?;
        let applied = rapport_store::run_migrations(&mut conn)?;
        tracing::info!(backend = url.backend_name(), applied, "database ready");
        Ok((pool, url))
    })
    .await?
}

/// A built server, bound to its port, not yet running.
pub struct Application {
    port: u16,
    jobs_queued: Arc<Notify>,
    clock: Clock,
    server: Server,
    worker: tokio::task::AbortHandle,
    /// The metrics listener's port and server, when `RAPPORT_METRICS_BIND` asks for one.
    metrics: Option<(u16, ServerHandle)>,
}

/// Stops a running server and its mail worker (used by tests that restart the server).
pub struct Stopper {
    server: ServerHandle,
    worker: tokio::task::AbortHandle,
    metrics: Option<ServerHandle>,
}

impl Stopper {
    /// Stops accepting requests, finishes those in flight, and stops the mail worker.
    pub async fn stop(self) {
        self.worker.abort();
        if let Some(metrics) = self.metrics {
            metrics.stop(true).await;
        }
        self.server.stop(true).await;
    }
}

impl Application {
    /// Opens the database, starts the mail worker and binds the HTTP listener.
    pub async fn build(settings: ServeSettings) -> anyhow::Result<Self> {
        let jwt = match (&settings.jwt_secret, settings.dev) {
            (Some(secret), _) => JwtKeys::from_secret(secret.as_bytes())?,
            (None, true) => JwtKeys::load_or_create(&settings.data_dir.join("jwt-secret"))?,
            (None, false) => anyhow::bail!(
                "RAPPORT_JWT_SECRET is not set: set it to a random secret of at least 32 bytes \
                 (or run with --dev for local development)"
            ),
        };
        let data_key = match &settings.data_key {
            Some(text) => crate::data_key::DataKey::from_base64(text)?,
            None => crate::data_key::DataKey::load_or_create(&settings.data_dir.join("data-key"))?,
        };
        let transport = match (&settings.smtp_url, settings.dev) {
            (Some(url), _) => Transport::Smtp(SmtpMailer::new(
                url,
                &settings.mail_from,
                Duration::from_secs(30),
            )?),
            (None, true) => Transport::DevMailbox,
            (None, false) => Transport::Hold,
        };
        let (pool, url) = open_database(&settings.database).await?;
        let (wires, wires_received) = tokio::sync::mpsc::unbounded_channel();
        let jobs_queued = Arc::new(Notify::new());
        let mut db = Db::new(pool, &url)?.with_jobs_wake(jobs_queued.clone());
        if db.is_sqlite() {
            db = db.with_events(wires.clone());
        } else {
            // The events' side connection LISTENs before the server answers anything.
            let (listening, ready) = tokio::sync::oneshot::channel();
            tokio::spawn(crate::realtime::listener::listen(
                settings.database.database_url.clone(),
                wires.clone(),
                listening,
            ));
            if tokio::time::timeout(Duration::from_secs(10), ready)
                .await
                .is_err()
            {
                tracing::warn!(
                    "the events connection to PostgreSQL is not up yet; live updates wait for it"
                );
            }
        }
        let hub = crate::realtime::hub::Hub::default();
        let server_id = rapport_store::new_id::<uuid::Uuid>().to_string();
        tokio::spawn(crate::realtime::listener::feed(
            db.clone(),
            hub.clone(),
            wires_received,
        ));
        let demo = settings.dev && !settings.no_demo;
        if demo
            && crate::demo::seed_if_empty(&db, settings.public_url())
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?
        {
            tracing::info!(
                "demo data seeded: log in as {} with the password {}",
                crate::demo::DEMO_EMAIL,
                crate::demo::DEMO_PASSWORD
            );
        }
        let clock = Clock::default();
        {
            let now = clock.now();
            db.write(move |conn| {
                crate::sources::match_digest::schedule(conn, now)?;
                crate::crm::overdue_digest::schedule(conn, now)?;
                crate::analytics::daily::schedule(conn, now)
            })
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        }
        if db.is_sqlite() {
            // One server per SQLite file: the jobs it left running died with it.
            let now = clock.now();
            let released = db
                .write(move |conn| Ok(rapport_store::jobs::release_running(conn, now)?))
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            if released > 0 {
                tracing::info!(released, "jobs left running by the last run resume");
            }
        }
        let provider_http = rapport_integrations::list_providers::http_client();
        let provider_urls = rapport_integrations::list_providers::ProviderUrls {
            mailchimp: settings.mailchimp_url.clone(),
            klaviyo: settings.klaviyo_url.clone(),
        };
        let facebook = match (&settings.facebook_app_id, &settings.facebook_app_secret) {
            (Some(id), Some(secret)) if !id.trim().is_empty() && !secret.trim().is_empty() => Some(
                rapport_integrations::facebook::FacebookApp::new(
                    id,
                    secret,
                    &settings.facebook_url,
                    &settings.graph_url,
                )
                .map_err(|e| anyhow::anyhow!("RAPPORT_FACEBOOK_URL or RAPPORT_GRAPH_URL: {e}"))?,
            ),
            (Some(_), None) | (None, Some(_)) => {
                anyhow::bail!(
                    "set both RAPPORT_FACEBOOK_APP_ID and RAPPORT_FACEBOOK_APP_SECRET, or neither"
                )
            }
            _ => None,
        };
        let platform_logins = crate::network::verifications::PlatformApps::from_settings(
            &settings,
            facebook.clone(),
        )?;
        let mut handlers: Vec<Arc<dyn JobHandler>> = vec![
            Arc::new(crate::sources::matching_job::MatchCreators {
                key: data_key.clone(),
            }),
            Arc::new(crate::sources::match_digest::MatchDigest {
                public_url: settings.public_url(),
            }),
            Arc::new(crate::crm::reminder_due::ReminderDue {
                public_url: settings.public_url(),
            }),
            Arc::new(crate::crm::overdue_digest::OverdueDigest {
                public_url: settings.public_url(),
            }),
            Arc::new(crate::sources::source_sync::SourceSync {
                lists: crate::sources::list_sync::ListSync {
                    key: data_key.clone(),
                    http: provider_http.clone(),
                    urls: provider_urls.clone(),
                },
                fans: crate::sources::instagram_sync::FanSync {
                    key: data_key.clone(),
                    http: provider_http.clone(),
                    graph_url: settings.graph_url.clone(),
                },
            }),
            Arc::new(crate::analytics::refresh::ProfileRefresh {
                key: data_key.clone(),
                http: provider_http.clone(),
                graph_url: settings.graph_url.clone(),
                youtube_url: settings.youtube_url.clone(),
                platform_logins: platform_logins.clone(),
            }),
            Arc::new(crate::analytics::daily::AnalyticsDaily),
            Arc::new(crate::integrators::webhook_delivery::WebhookDelivery {
                key: data_key.clone(),
                http: crate::integrators::webhook_delivery::http_client(),
                allow_private: settings.webhooks_allow_private,
            }),
            Arc::new(crate::network::login_refresh::CreatorRefresh {
                key: data_key.clone(),
                http: provider_http.clone(),
                graph_url: settings.graph_url.clone(),
                platform_logins: platform_logins.clone(),
            }),
        ];
        if matches!(transport, Transport::Hold) {
            tracing::warn!("no SMTP server configured (RAPPORT_SMTP_URL): mail stays queued");
        } else {
            handlers.push(Arc::new(MailSender {
                transport,
                policy: RetryPolicy {
                    base: Duration::from_millis(settings.mail_retry_base_ms.max(1)),
                    max_attempts: settings.mail_max_attempts.max(1),
                },
            }));
        }
        let readiness = web::Data::new(crate::operations::health::Readiness {
            job_kinds: handlers.iter().map(|handler| handler.kind()).collect(),
            stall_after: (settings.job_stall_minutes > 0).then(|| {
                chrono::Duration::minutes(
                    i64::try_from(settings.job_stall_minutes.min(525_600)).unwrap_or(10),
                )
            }),
        });
        let worker = tokio::spawn(
            JobRunner {
                db: db.clone(),
                clock: clock.clone(),
                lease: Duration::from_secs(settings.job_lease_seconds.max(1)),
                wake: jobs_queued.clone(),
                handlers,
            }
            .run(),
        )
        .abort_handle();
        let state = web::Data::new(AppState {
            db,
            jwt,
            webhooks_allow_private: settings.webhooks_allow_private,
            key_budget: crate::integrators::key_auth::KeyBudget::new(
                settings.api_key_requests_per_minute,
            ),
            login_limiter: LoginLimiter::new(
                settings.login_limit_per_account,
                settings.login_limit_per_address,
            ),
            dev: settings.dev,
            public_url: settings.public_url(),
            trust_proxy: settings.trust_proxy,
            board_cache: Default::default(),
            network_index: Default::default(),
            clock: clock.clone(),
            invites_per_day: settings.connection_invites_per_day,
            inbound_domain: settings.inbound_domain.to_lowercase(),
            inbound_secret: settings.inbound_secret.clone(),
            hub: hub.clone(),
            server_id: server_id.clone(),
            data_key,
            provider_http,
            provider_urls,
            facebook,
            graph_url: settings.graph_url.clone(),
            youtube_url: settings.youtube_url.clone(),
            platform_logins,
        });
        if !state.db.is_sqlite() {
            tokio::spawn(crate::realtime::presence::keep(
                state.db.clone(),
                hub,
                clock.clone(),
                server_id,
            ));
        }
        // The network's search index loads in the background: the first explore need not wait.
        let warming = state.clone();
        tokio::spawn(async move {
            let index = warming.clone();
            if let Err(error) = warming
                .db
                .run(move |conn| index.network_index.catch_up(conn))
                .await
            {
                tracing::warn!(?error, "the network's search index did not load at start");
            }
        });
        let listener = TcpListener::bind(&settings.bind)
            .with_context(|| format!("cannot listen on {}", settings.bind))?;
        let port = listener.local_addr()?.port();
        let spec = crate::openapi::spec();
        let routes = web::Data::new(RouteTable::from_spec(&spec));
        let document = crate::openapi::document_of(&spec);
        let web_app = WebApp::load(&settings.web_dir);
        match &web_app {
            Some(_) => tracing::info!(dir = %settings.web_dir.display(), "serving the web app"),
            None => tracing::warn!(
                dir = %settings.web_dir.display(),
                "no web app built there (scripts/build-web.sh): / shows the API docs"
            ),
        }
        let web_app = web::Data::new(web_app);
        let security_headers = crate::operations::security_headers::SecurityHeaders::new(
            &settings.public_url(),
            settings.hsts_max_age,
        );
        let metrics = Arc::new(crate::operations::metrics::Metrics::default());
        let metrics_server = match &settings.metrics_bind {
            Some(bind) => Some(metrics_server(bind, state.clone(), metrics.clone())?),
            None => None,
        };
        let workers = settings
            .workers
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
        let server = HttpServer::new(move || {
            let security_headers = std::rc::Rc::new(security_headers.clone());
            let metrics = metrics.clone();
            // The socket is registered before the API's scope, which would take its path.
            let (app, _) = App::new()
                .route(
                    "/api/v1/realtime",
                    web::get().to(crate::realtime::socket::connect),
                )
                .into_utoipa_app()
                .openapi(ApiDoc::openapi())
                .configure(crate::routes::configure)
                .split_for_parts();
            app.app_data(state.clone())
                .app_data(readiness.clone())
                .app_data(routes.clone())
                .app_data(extractor_errors::json_config())
                .app_data(extractor_errors::path_config())
                .app_data(extractor_errors::query_config())
                .service(
                    SwaggerUi::new("/api/docs/{_:.*}")
                        .external_url_unchecked("/api/openapi.json", document.clone()),
                )
                .route("/api/docs", web::get().to(redirect_to_docs))
                .configure(|config| {
                    if let Some(app) = web_app.as_ref() {
                        app.configure(config);
                    }
                })
                .app_data(web_app.clone())
                .default_service(web::to(fallback))
                .wrap(from_fn(crate::idempotency::idempotency))
                .wrap(from_fn(crate::integrators::key_auth::key_auth))
                .wrap(NormalizePath::new(TrailingSlash::MergeOnly))
                .wrap(Compress::default())
                .wrap(from_fn(move |req, next| {
                    crate::operations::security_headers::security_headers(
                        security_headers.clone(),
                        req,
                        next,
                    )
                }))
                .wrap(from_fn(move |req, next| {
                    crate::operations::metrics::track(metrics.clone(), req, next)
                }))
                .wrap(from_fn(crate::operations::request_id::request_id))
        })
        .workers(workers)
        // Open sockets never finish by themselves: a stopping server gives requests 5 s.
        .shutdown_timeout(5)
        .listen(listener)?
        .run();
        Ok(Self {
            port,
            jobs_queued,
            clock,
            server,
            worker,
            metrics: metrics_server,
        })
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The metrics listener's port, when there is one.
    pub fn metrics_port(&self) -> Option<u16> {
        self.metrics.as_ref().map(|(port, _)| *port)
    }

    /// The server's clock (tests move it forward).
    pub fn clock(&self) -> Clock {
        self.clock.clone()
    }

    /// Wakes the job runner (a test that moved the clock makes it look at the queue again).
    pub fn jobs_wake(&self) -> Arc<Notify> {
        self.jobs_queued.clone()
    }

    /// A handle that stops this server later.
    pub fn stopper(&self) -> Stopper {
        Stopper {
            server: self.server.handle(),
            worker: self.worker.clone(),
            metrics: self.metrics.as_ref().map(|(_, handle)| handle.clone()),
        }
    }

    /// Serves until the process is stopped (Ctrl-C or SIGTERM stop it gracefully).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// Starts the listener that serves `GET /metrics` alone; answers its port and a handle.
fn metrics_server(
    bind: &str,
    state: web::Data<AppState>,
    metrics: Arc<crate::operations::metrics::Metrics>,
) -> anyhow::Result<(u16, ServerHandle)> {
    let listener = TcpListener::bind(bind)
        .with_context(|| format!("cannot listen on {bind} (RAPPORT_METRICS_BIND)"))?;
    let port = listener.local_addr()?.port();
    let metrics = web::Data::new(metrics);
    let server = HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .app_data(metrics.clone())
            .service(crate::operations::metrics::get_metrics)
    })
    .workers(1)
    .shutdown_timeout(1)
    .listen(listener)?
    .run();
    let handle = server.handle();
    tokio::spawn(server);
    tracing::info!(%bind, port, "metrics served at /metrics");
    Ok((port, handle))
}

async fn redirect_to_docs() -> HttpResponse {
    HttpResponse::Found()
        .insert_header(("Location", "/api/docs/"))
        .finish()
}
