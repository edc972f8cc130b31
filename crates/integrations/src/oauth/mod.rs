//! OAuth 2 logins of creators on TikTok (Login Kit) and on Google (for their YouTube channel):
//! the authorize link, the exchange of the code the platform sends back for tokens, and the
//! refresh of an expired access token. Both platforms take the client's credentials and the
//! grant as an `application/x-www-form-urlencoded` POST; TikTok names the client `client_key`.
//!
//! A refused code or refresh token (`invalid_grant`, `invalid_request`, a 400 or 401) is
//! [`ProviderError::Refused`]: the creator logs in again. Tokens never go into an error's words.

#[cfg(test)]
mod tests;

use serde::Deserialize;

use crate::list_providers::{answer, base_url, send, ProviderError};

/// Where TikTok's authorize page is, unless configured.
pub const TIKTOK_LOGIN: &str = "https://www.tiktok.com";
/// Where TikTok's API (and its token endpoint) is, unless configured.
pub const TIKTOK_API: &str = crate::tiktok::DEFAULT_BASE;
/// What a creator allows Rapport on TikTok: their profile (with its username), its
/// statistics and their public videos.
pub const TIKTOK_SCOPES: &str = "user.info.basic,user.info.profile,user.info.stats,video.list";
/// Where Google's consent page is, unless configured.
pub const GOOGLE_LOGIN: &str = "https://accounts.google.com";
/// Where Google's token endpoint is, unless configured.
pub const GOOGLE_TOKEN: &str = "https://oauth2.googleapis.com";
/// What a creator allows Rapport on Google: reading their YouTube channel.
pub const GOOGLE_SCOPES: &str = "https://www.googleapis.com/auth/youtube.readonly";

/// Which platform a login is with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OAuthPlatform {
    /// TikTok Login Kit.
    TikTok,
    /// Google, for YouTube.
    Google,
}

impl OAuthPlatform {
    fn title(self) -> &'static str {
        match self {
            Self::TikTok => "TikTok",
            Self::Google => "Google",
        }
    }
}

/// An app registered with a platform: its credentials and where the platform is.
#[derive(Clone)]
pub struct OAuthApp {
    platform: OAuthPlatform,
    client_id: String,
    client_secret: String,
    authorize: url::Url,
    token: url::Url,
}

impl std::fmt::Debug for OAuthApp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The secret stays out of logs.
        f.debug_struct("OAuthApp")
            .field("platform", &self.platform)
            .field("client_id", &self.client_id)
            .finish_non_exhaustive()
    }
}

/// What a platform gave for a code or a refresh token.
#[derive(Clone, PartialEq, Eq)]
pub struct Tokens {
    /// The access token.
    pub access_token: String,
    /// Seconds it serves, when told.
    pub expires_in: Option<i64>,
    /// The refresh token, when given (Google gives it with the first consent only, and not on
    /// a refresh: the one held stays good).
    pub refresh_token: Option<String>,
    /// Seconds the refresh token serves, when told (TikTok: a year).
    pub refresh_expires_in: Option<i64>,
    /// TikTok's id of the creator for this app.
    pub open_id: Option<String>,
    /// The scopes allowed, as the platform wrote them.
    pub scope: Option<String>,
}

impl std::fmt::Debug for Tokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokens")
            .field("expires_in", &self.expires_in)
            .field("refresh_expires_in", &self.refresh_expires_in)
            .field("open_id", &self.open_id)
            .field("scope", &self.scope)
            .finish_non_exhaustive()
    }
}

/// A token answer, or an error in either platform's words.
#[derive(Deserialize)]
struct RawTokens {
    #[serde(default)]
    access_token: Option<String>,
    #[serde(default)]
    expires_in: Option<i64>,
    #[serde(default)]
    refresh_token: Option<String>,
    #[serde(default)]
    refresh_expires_in: Option<i64>,
    #[serde(default)]
    open_id: Option<String>,
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    error_description: Option<String>,
}

fn text(value: Option<String>) -> Option<String> {
    value
        .map(|value| value.trim().to_owned())
        .filter(|value| !value.is_empty())
}

impl OAuthApp {
    /// TikTok's Login Kit for the app `client_key`: its authorize page at `login` (by default
    /// [`TIKTOK_LOGIN`]), its token endpoint under `api` (by default [`TIKTOK_API`]).
    pub fn tiktok(
        client_key: &str,
        client_secret: &str,
        login: Option<&str>,
        api: Option<&str>,
    ) -> Result<Self, ProviderError> {
        let mut authorize = base_url(login, TIKTOK_LOGIN)?;
        extend(&mut authorize, &["v2", "auth", "authorize", ""]);
        let mut token = base_url(api, TIKTOK_API)?;
        extend(&mut token, &["v2", "oauth", "token", ""]);
        Ok(Self {
            platform: OAuthPlatform::TikTok,
            client_id: client_key.trim().to_owned(),
            client_secret: client_secret.trim().to_owned(),
            authorize,
            token,
        })
    }

    /// Google's OAuth for the client `client_id`: its consent page at `login` (by default
    /// [`GOOGLE_LOGIN`]), its token endpoint at `token` (by default [`GOOGLE_TOKEN`]).
    pub fn google(
        client_id: &str,
        client_secret: &str,
        login: Option<&str>,
        token: Option<&str>,
    ) -> Result<Self, ProviderError> {
        let mut authorize = base_url(login, GOOGLE_LOGIN)?;
        extend(&mut authorize, &["o", "oauth2", "v2", "auth"]);
        let mut token_url = base_url(token, GOOGLE_TOKEN)?;
        extend(&mut token_url, &["token"]);
        Ok(Self {
            platform: OAuthPlatform::Google,
            client_id: client_id.trim().to_owned(),
            client_secret: client_secret.trim().to_owned(),
            authorize,
            token: token_url,
        })
    }

    /// The platform.
    pub fn platform(&self) -> OAuthPlatform {
        self.platform
    }

    /// The authorize link: the platform sends the creator back to `redirect_uri` with a `code`
    /// and `state` (or an `error` when they decline).
    pub fn authorize_url(&self, redirect_uri: &str, state: &str) -> String {
        let mut url = self.authorize.clone();
        {
            let mut pairs = url.query_pairs_mut();
            match self.platform {
                OAuthPlatform::TikTok => {
                    pairs
                        .append_pair("client_key", &self.client_id)
                        .append_pair("scope", TIKTOK_SCOPES);
                }
                OAuthPlatform::Google => {
                    pairs
                        .append_pair("client_id", &self.client_id)
                        .append_pair("scope", GOOGLE_SCOPES)
                        // A refresh token, asked for again on each consent.
                        .append_pair("access_type", "offline")
                        .append_pair("prompt", "consent");
                }
            }
            pairs
                .append_pair("response_type", "code")
                .append_pair("redirect_uri", redirect_uri)
                .append_pair("state", state);
        }
        url.to_string()
    }

    /// Exchanges the code the platform sent back for tokens.
    pub async fn exchange_code(
        &self,
        http: &reqwest::Client,
        code: &str,
        redirect_uri: &str,
    ) -> Result<Tokens, ProviderError> {
        self.token_request(
            http,
            &[
                ("grant_type", "authorization_code"),
                ("code", code),
                ("redirect_uri", redirect_uri),
            ],
        )
        .await
    }

    /// A new access token for a refresh token.
    pub async fn refresh(
        &self,
        http: &reqwest::Client,
        refresh_token: &str,
    ) -> Result<Tokens, ProviderError> {
        self.token_request(
            http,
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", refresh_token),
            ],
        )
        .await
    }

    async fn token_request(
        &self,
        http: &reqwest::Client,
        grant: &[(&str, &str)],
    ) -> Result<Tokens, ProviderError> {
        let name = self.platform.title();
        let client_field = match self.platform {
            OAuthPlatform::TikTok => "client_key",
            OAuthPlatform::Google => "client_id",
        };
        // The serializer is not `Send`: it ends before the first wait.
        let body = {
            let mut form = url::form_urlencoded::Serializer::new(String::new());
            form.append_pair(client_field, &self.client_id)
                .append_pair("client_secret", &self.client_secret);
            for (field, value) in grant {
                form.append_pair(field, value);
            }
            form.finish()
        };
        let request = http
            .post(self.token.clone())
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .header(reqwest::header::ACCEPT, "application/json")
            .body(body);
        let (status, body) = answer(name, send(name, request).await?).await?;
        let raw: Option<RawTokens> = serde_json::from_str(&body).ok();
        let refused = |why: Option<String>| {
            ProviderError::Refused(format!(
                "{name} refused the login: {}. Log in again.",
                why.as_deref()
                    .map(|why| why.trim_end_matches('.'))
                    .unwrap_or("the code or the login has expired")
            ))
        };
        let Some(raw) = raw else {
            if status.is_client_error() {
                return Err(refused(None));
            }
            return Err(ProviderError::Unexpected(format!(
                "{name}'s answer was unreadable."
            )));
        };
        // TikTok tells errors in the body whatever the status; Google with a 400 or 401.
        if let Some(error) = text(raw.error) {
            return Err(refused(Some(text(raw.error_description).unwrap_or(error))));
        }
        if status.is_client_error() {
            return Err(refused(None));
        }
        let Some(access_token) = text(raw.access_token) else {
            return Err(ProviderError::Unexpected(format!(
                "{name} answered without a token."
            )));
        };
        Ok(Tokens {
            access_token,
            expires_in: raw.expires_in,
            refresh_token: text(raw.refresh_token),
            refresh_expires_in: raw.refresh_expires_in,
            open_id: text(raw.open_id),
            scope: text(raw.scope),
        })
    }
}

fn extend(url: &mut url::Url, segments: &[&str]) {
    if let Ok(mut path) = url.path_segments_mut() {
        path.pop_if_empty().extend(segments);
    }
}
