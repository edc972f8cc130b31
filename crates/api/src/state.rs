//! What every handler shares.

use crate::auth::jwt::JwtKeys;
use crate::auth::rate_limit::LoginLimiter;
use crate::db::Db;

/// Application state, one per server.
pub struct AppState {
    /// The database.
    pub db: Db,
    /// Access-token keys.
    pub jwt: JwtKeys,
    /// Whether webhooks may reach private addresses.
    pub webhooks_allow_private: bool,
    /// Requests a minute of each team API key.
    pub key_budget: crate::integrators::key_auth::KeyBudget,
    /// Log-in limits.
    pub login_limiter: LoginLimiter,
    /// Development mode (dev mailbox on).
    pub dev: bool,
    /// Base of links sent by mail.
    pub public_url: String,
    /// Client addresses come from proxy headers.
    pub trust_proxy: bool,
    /// Serialised whole-board responses.
    pub board_cache: crate::crm::board_cache::BoardCache,
    /// The clock (tests move it).
    pub clock: crate::clock::Clock,
    /// Connection invitations a team may send in 24 hours.
    pub invites_per_day: u32,
    /// The domain of reply addresses.
    pub inbound_domain: String,
    /// The secret signing inbound mail posts, if inbound mail is on.
    pub inbound_secret: Option<String>,
    /// Live events for the sockets.
    pub hub: crate::realtime::hub::Hub,
    /// This server's id among several on one database (its presence rows carry it).
    pub server_id: String,
    /// The data key (contacts' hashes).
    pub data_key: crate::data_key::DataKey,
    /// The HTTP client of the e-mail list providers.
    pub provider_http: reqwest::Client,
    /// Where the e-mail list providers are.
    pub provider_urls: rapport_integrations::list_providers::ProviderUrls,
    /// The Facebook app (none when not configured).
    pub facebook: Option<rapport_integrations::facebook::FacebookApp>,
    /// Where the Graph API is.
    pub graph_url: String,
    /// Where the YouTube Data API is (Google's unless configured).
    pub youtube_url: Option<String>,
    /// The platforms creators log in on to verify their accounts.
    pub platform_logins: crate::network::verifications::PlatformApps,
    /// The network's search index.
    pub network_index: crate::network::explore::NetworkIndex,
}
