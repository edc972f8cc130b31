//! Settings, from flags or the environment (`rapport serve --help` lists them all).

use std::path::PathBuf;

use clap::Args;

/// Where the data lives.
#[derive(Debug, Clone, Args)]
pub struct DatabaseSettings {
    /// `sqlite://PATH` (a file, created on first start) or `postgres://USER@HOST:PORT/DB`.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/rapport.db")]
    pub database_url: String,

    /// Database connections kept open (default: 4 per CPU core, at least 8).
    #[arg(long, env = "RAPPORT_DB_POOL_SIZE")]
    pub db_pool_size: Option<u32>,
}

impl DatabaseSettings {
    /// The pool size to use.
    pub fn pool_size(&self) -> u32 {
        self.db_pool_size.unwrap_or_else(|| {
            let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
            u32::try_from(cores * 4).unwrap_or(8).max(8)
        })
    }
}

/// Everything `rapport serve` needs.
#[derive(Debug, Clone, Args)]
pub struct ServeSettings {
    #[command(flatten)]
    pub database: DatabaseSettings,

    /// Address and port to listen on (port 0 picks a free one).
    #[arg(long, env = "RAPPORT_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,

    /// Development mode: a generated signing key under the data folder, the dev mailbox at
    /// /api/v1/dev/mailbox when no SMTP server is set. Never in production.
    #[arg(long, env = "RAPPORT_DEV")]
    pub dev: bool,

    /// The built web app (`make run` and `scripts/build-web.sh` write it); served at `/`.
    #[arg(long, env = "RAPPORT_WEB_DIR", default_value = "frontend/dist")]
    pub web_dir: PathBuf,

    /// Do not seed the demo account and data (dev mode seeds them into an empty database).
    #[arg(long, env = "RAPPORT_NO_DEMO")]
    pub no_demo: bool,

    /// Folder for local state (the dev signing key).
    #[arg(long, env = "RAPPORT_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,

    /// The data key (32 bytes, base64): it keys the hashes of data sources' contacts. Without it,
    /// one is made under the data folder (`data-key`) on first start: back that file up.
    #[arg(long, env = "RAPPORT_DATA_KEY", hide_env_values = true)]
    pub data_key: Option<String>,

    /// Secret that signs access tokens, at least 32 bytes. Required outside dev mode.
    #[arg(long, env = "RAPPORT_JWT_SECRET", hide_env_values = true)]
    pub jwt_secret: Option<String>,

    /// The URL people reach Rapport at, used in links sent by mail (default: http://BIND).
    #[arg(long, env = "RAPPORT_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// SMTP server for outgoing mail.
    ///
    /// Without it, dev mode keeps mail in the dev mailbox; production keeps it queued until one is set.
    #[arg(
        long,
        env = "RAPPORT_SMTP_URL",
        hide_env_values = true,
        long_help = "SMTP server for outgoing mail: smtp://[USER:PASS@]HOST[:PORT][?tls=required] or \
            smtps://... Without it, dev mode keeps mail in the dev mailbox; production keeps it \
            queued until one is set."
    )]
    pub smtp_url: Option<String>,

    /// Sender of outgoing mail.
    #[arg(
        long,
        env = "RAPPORT_MAIL_FROM",
        default_value = "Rapport <noreply@rapport.localhost>"
    )]
    pub mail_from: String,

    /// Wait before the first retry of a failed mail, in milliseconds; it doubles on each retry.
    #[arg(long, env = "RAPPORT_MAIL_RETRY_BASE_MS", default_value_t = 5_000)]
    pub mail_retry_base_ms: u64,

    /// Tries before a mail is marked failed.
    #[arg(long, env = "RAPPORT_MAIL_MAX_ATTEMPTS", default_value_t = 12)]
    pub mail_max_attempts: u32,

    /// Log-in attempts allowed per account per minute.
    #[arg(long, env = "RAPPORT_LOGIN_LIMIT_PER_ACCOUNT", default_value_t = 10)]
    pub login_limit_per_account: u32,

    /// Log-in attempts allowed per client address per minute.
    #[arg(long, env = "RAPPORT_LOGIN_LIMIT_PER_ADDRESS", default_value_t = 30)]
    pub login_limit_per_address: u32,

    /// The domain of conversations' reply addresses (`reply+{token}@DOMAIN`): mail to it must
    /// reach `POST /api/v1/inbound/email` (an inbound-parse service or an MTA pipe).
    #[arg(
        long,
        env = "RAPPORT_INBOUND_DOMAIN",
        default_value = "inbound.rapport.localhost"
    )]
    pub inbound_domain: String,

    /// The secret that signs inbound mail posts (HMAC-SHA256); without it the inbound endpoint is
    /// closed.
    #[arg(long, env = "RAPPORT_INBOUND_SECRET", hide_env_values = true)]
    pub inbound_secret: Option<String>,

    /// Connection invitations a team may send in any 24 hours (429 after).
    #[arg(
        long,
        env = "RAPPORT_CONNECTION_INVITES_PER_DAY",
        default_value_t = 100
    )]
    pub connection_invites_per_day: u32,

    /// Take the client address from X-Forwarded-For / Forwarded (only behind a trusted proxy).
    #[arg(long, env = "RAPPORT_TRUST_PROXY")]
    pub trust_proxy: bool,

    /// Mailchimp's API base URL (default: `https://{dc}.api.mailchimp.com`, the data centre at
    /// the end of each API key); tests point it at a mock server.
    #[arg(long, env = "RAPPORT_MAILCHIMP_URL")]
    pub mailchimp_url: Option<String>,

    /// Klaviyo's API base URL (default: `https://a.klaviyo.com`).
    #[arg(long, env = "RAPPORT_KLAVIYO_URL")]
    pub klaviyo_url: Option<String>,

    /// The Facebook app's id, for connecting a team's Instagram business account and Facebook
    /// page (Facebook Login). Without it (and its secret), the Data sources page says so.
    #[arg(long, env = "RAPPORT_FACEBOOK_APP_ID")]
    pub facebook_app_id: Option<String>,

    /// The Facebook app's secret.
    #[arg(long, env = "RAPPORT_FACEBOOK_APP_SECRET", hide_env_values = true)]
    pub facebook_app_secret: Option<String>,

    /// Where Facebook's login dialog is; tests point it at a mock server.
    #[arg(
        long,
        env = "RAPPORT_FACEBOOK_URL",
        default_value = "https://www.facebook.com"
    )]
    pub facebook_url: String,

    /// Where the Graph API is (Facebook pages, Instagram business accounts); tests point it at
    /// a mock server.
    #[arg(
        long,
        env = "RAPPORT_GRAPH_URL",
        default_value = "https://graph.facebook.com"
    )]
    pub graph_url: String,

    /// Where the YouTube Data API is (default: `https://www.googleapis.com`); tests point it at
    /// a mock server. Each team stores its own API key (Team → Integrations).
    #[arg(long, env = "RAPPORT_YOUTUBE_URL")]
    pub youtube_url: Option<String>,

    /// The TikTok app's client key, for creators verifying their TikTok account (TikTok Login
    /// Kit; its figures can be read no other way). Without it (and its secret), the creator's
    /// profile says so.
    #[arg(long, env = "RAPPORT_TIKTOK_CLIENT_KEY")]
    pub tiktok_client_key: Option<String>,

    /// The TikTok app's client secret.
    #[arg(long, env = "RAPPORT_TIKTOK_CLIENT_SECRET", hide_env_values = true)]
    pub tiktok_client_secret: Option<String>,

    /// Where TikTok's login page is (default: `https://www.tiktok.com`); tests point it at a
    /// mock server.
    #[arg(long, env = "RAPPORT_TIKTOK_LOGIN_URL")]
    pub tiktok_login_url: Option<String>,

    /// Where TikTok's API is (default: `https://open.tiktokapis.com`); tests point it at a mock
    /// server.
    #[arg(long, env = "RAPPORT_TIKTOK_URL")]
    pub tiktok_url: Option<String>,

    /// The Google OAuth client's id, for creators verifying their YouTube channel.
    #[arg(long, env = "RAPPORT_GOOGLE_CLIENT_ID")]
    pub google_client_id: Option<String>,

    /// The Google OAuth client's secret.
    #[arg(long, env = "RAPPORT_GOOGLE_CLIENT_SECRET", hide_env_values = true)]
    pub google_client_secret: Option<String>,

    /// Where Google's consent page is (default: `https://accounts.google.com`); tests point it
    /// at a mock server.
    #[arg(long, env = "RAPPORT_GOOGLE_LOGIN_URL")]
    pub google_login_url: Option<String>,

    /// Where Google's token endpoint is (default: `https://oauth2.googleapis.com`); tests point
    /// it at a mock server.
    #[arg(long, env = "RAPPORT_GOOGLE_TOKEN_URL")]
    pub google_token_url: Option<String>,

    /// Seconds a claimed job stays its worker's without news (progress extends it); after that,
    /// on PostgreSQL, another server takes the job up from its last cursor.
    #[arg(long, env = "RAPPORT_JOB_LEASE_SECONDS", default_value_t = 120)]
    pub job_lease_seconds: u64,

    /// Requests a minute each team API key may send (per server); past it, 429 with
    /// `Retry-After`.
    #[arg(long, env = "RAPPORT_API_KEY_REQUESTS_PER_MINUTE", default_value_t = rapport_domain::api_keys::REQUESTS_PER_MINUTE)]
    pub api_key_requests_per_minute: u32,

    /// Let webhooks reach private, loopback and link-local addresses (a closed network, tests);
    /// off: such targets are refused.
    #[arg(long, env = "RAPPORT_WEBHOOKS_ALLOW_PRIVATE")]
    pub webhooks_allow_private: bool,

    /// HTTP worker threads (default: one per CPU core).
    #[arg(long, env = "RAPPORT_WORKERS")]
    pub workers: Option<usize>,

    /// `Strict-Transport-Security`'s max-age in seconds, sent when the public URL is https://
    /// (the server is reached over TLS); 0 sends none.
    #[arg(long, env = "RAPPORT_HSTS_MAX_AGE", default_value_t = crate::operations::security_headers::DEFAULT_HSTS_MAX_AGE)]
    pub hsts_max_age: u64,

    /// `/readyz` fails when a background job this server runs is due longer ago than this many
    /// minutes and no worker holds it (the job queue is stalled); 0 leaves the queue unchecked.
    #[arg(long, env = "RAPPORT_JOB_STALL_MINUTES", default_value_t = 10)]
    pub job_stall_minutes: u64,

    /// Address and port of a second listener that serves only `GET /metrics` (Prometheus);
    /// none by default, so the figures are not public unless asked for.
    #[arg(long, env = "RAPPORT_METRICS_BIND")]
    pub metrics_bind: Option<String>,
}

impl ServeSettings {
    /// The public URL, without a trailing slash.
    pub fn public_url(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.bind))
            .trim_end_matches('/')
            .to_owned()
    }
}
