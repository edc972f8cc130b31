//! A creator verifies a platform account by logging in on its platform (TikTok, Google for
//! YouTube, Facebook for Instagram). A verification is started by the creator: a one-time
//! `state` (kept only as a hash) goes into the platform's authorize link. The platform sends the
//! creator back to the web app with a code; the web app hands code and state over, signed in as
//! the same creator (a state is only its starter's, which defeats a forged callback). The code
//! becomes tokens; the platform names the account; the account becomes the creator's, verified
//! (claimed for them if nobody had, taken from a creator who had only claimed it, refused when
//! another creator verified it), and the tokens are sealed with the login. With the creator's
//! consent, the login reads the account's figures for the brands they are connected with.

use chrono::NaiveDateTime;
use rapport_domain::creators::CreatorProfile;
use rapport_domain::profiles::Platform;
use rapport_domain::verifications::{
    AccountLogin, Callback, Claiming, StartVerification, VerificationStarted, VerifiedAccount,
    VERIFICATION_MINUTES,
};
use rapport_domain::{CreatorAccountId, UserId};
use rapport_integrations::facebook::FacebookApp;
use rapport_integrations::list_providers::ProviderError;
use rapport_integrations::oauth::{OAuthApp, Tokens};
use rapport_integrations::tiktok::TikTok;
use rapport_integrations::youtube::{ChannelRef, YouTube};
use rapport_store::creators::{self, CreatorAccountRow};
use rapport_store::verifications::{self, LoginRow, VerificationRow};
use rapport_store::{new_id, time, DbConnection};

use crate::auth::tokens;
use crate::config::ServeSettings;
use crate::data_key::DataKey;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::network::creators as own_profile;
use crate::sources::list_connect::provider_error;
use crate::state::AppState;

/// The web app's page the platforms send creators back to.
pub const CALLBACK_PATH: &str = "/creator/verify";

/// The apps this server has on the platforms creators log in on.
#[derive(Debug, Clone, Default)]
pub struct PlatformApps {
    /// TikTok Login Kit.
    pub tiktok: Option<OAuthApp>,
    /// Where TikTok's API is (TikTok's unless configured).
    pub tiktok_url: Option<String>,
    /// Google, for YouTube.
    pub google: Option<OAuthApp>,
    /// Where the YouTube Data API is (Google's unless configured).
    pub youtube_url: Option<String>,
    /// Facebook Login, for Instagram professional accounts.
    pub facebook: Option<FacebookApp>,
}

fn pair<'a>(
    id: &'a Option<String>,
    secret: &'a Option<String>,
    names: &str,
) -> anyhow::Result<Option<(&'a str, &'a str)>> {
    let present = |value: &'a Option<String>| {
        value
            .as_deref()
            .map(str::trim)
            .filter(|value| !value.is_empty())
    };
    match (present(id), present(secret)) {
        (Some(id), Some(secret)) => Ok(Some((id, secret))),
        (None, None) => Ok(None),
        _ => anyhow::bail!("set both {names}, or neither"),
    }
}

impl PlatformApps {
    /// The apps configured in `settings`, and the Facebook app (Instagram).
    pub fn from_settings(
        settings: &ServeSettings,
        facebook: Option<FacebookApp>,
    ) -> anyhow::Result<Self> {
        let tiktok = pair(
            &settings.tiktok_client_key,
            &settings.tiktok_client_secret,
            "RAPPORT_TIKTOK_CLIENT_KEY and RAPPORT_TIKTOK_CLIENT_SECRET",
        )?
        .map(|(key, secret)| {
            OAuthApp::tiktok(
                key,
                secret,
                settings.tiktok_login_url.as_deref(),
                settings.tiktok_url.as_deref(),
            )
        })
        .transpose()
        .map_err(|e| anyhow::anyhow!("RAPPORT_TIKTOK_LOGIN_URL or RAPPORT_TIKTOK_URL: {e}"))?;
        let google = pair(
            &settings.google_client_id,
            &settings.google_client_secret,
            "RAPPORT_GOOGLE_CLIENT_ID and RAPPORT_GOOGLE_CLIENT_SECRET",
        )?
        .map(|(id, secret)| {
            OAuthApp::google(
                id,
                secret,
                settings.google_login_url.as_deref(),
                settings.google_token_url.as_deref(),
            )
        })
        .transpose()
        .map_err(|e| {
            anyhow::anyhow!("RAPPORT_GOOGLE_LOGIN_URL or RAPPORT_GOOGLE_TOKEN_URL: {e}")
        })?;
        Ok(Self {
            tiktok,
            tiktok_url: settings.tiktok_url.clone(),
            google,
            youtube_url: settings.youtube_url.clone(),
            facebook,
        })
    }

    /// Whether creators can log in on `platform` here.
    pub fn configured(&self, platform: Platform) -> bool {
        match platform {
            Platform::Tiktok => self.tiktok.is_some(),
            Platform::Youtube => self.google.is_some(),
            Platform::Instagram => self.facebook.is_some(),
        }
    }

    /// The OAuth app that renews `platform`'s access tokens (Instagram's page tokens do not
    /// expire).
    pub fn renewer(&self, platform: Platform) -> Option<&OAuthApp> {
        match platform {
            Platform::Tiktok => self.tiktok.as_ref(),
            Platform::Youtube => self.google.as_ref(),
            Platform::Instagram => None,
        }
    }
}

fn not_configured(platform: Platform) -> ApiError {
    let (who, variables) = match platform {
        Platform::Tiktok => (
            "TikTok",
            "RAPPORT_TIKTOK_CLIENT_KEY and RAPPORT_TIKTOK_CLIENT_SECRET",
        ),
        Platform::Youtube => (
            "Google",
            "RAPPORT_GOOGLE_CLIENT_ID and RAPPORT_GOOGLE_CLIENT_SECRET",
        ),
        Platform::Instagram => (
            "Facebook",
            "RAPPORT_FACEBOOK_APP_ID and RAPPORT_FACEBOOK_APP_SECRET",
        ),
    };
    ApiError::new(
        ErrorCode::PlatformNotConfigured,
        format!(
            "This server has no {who} app, so {} accounts cannot be verified here: its \
             operator sets {variables} (see the README).",
            platform.label()
        ),
    )
}

fn state_invalid() -> ApiError {
    ApiError::new(
        ErrorCode::OauthStateInvalid,
        "This login is unknown, was used already, has expired or was started by someone else: \
         start it again from your creator profile.",
    )
}

fn no_account(why: impl Into<String>) -> ApiError {
    ApiError::new(ErrorCode::NoPlatformAccount, why)
}

fn redirect_uri(state: &AppState) -> String {
    format!("{}{CALLBACK_PATH}", state.public_url)
}

/// What a login's tokens are sealed for (they open for no other account).
fn owner(account: CreatorAccountId, which: &str) -> String {
    format!("creator-login:{account}:{which}")
}

/// Starts a verification: the platform's login link to send the creator to.
pub async fn start(
    state: &AppState,
    actor: UserId,
    request: StartVerification,
) -> ApiResult<VerificationStarted> {
    let platform = request.platform;
    let apps = &state.platform_logins;
    if !apps.configured(platform) {
        return Err(not_configured(platform));
    }
    let secret = tokens::generate();
    let now = state.clock.now();
    let row = VerificationRow {
        id: new_id(),
        user_id: actor,
        platform,
        share_figures: request.share_figures,
        state_hash: tokens::digest(&secret),
        created_at: now,
        expires_at: now + chrono::Duration::minutes(VERIFICATION_MINUTES),
    };
    let stored = row.clone();
    state
        .db
        .write(move |conn| {
            own_profile::own(conn, actor)?;
            verifications::insert(conn, &stored, now)?;
            Ok(())
        })
        .await?;
    let redirect = redirect_uri(state);
    let authorize_url = match platform {
        Platform::Tiktok => apps
            .tiktok
            .as_ref()
            .map(|app| app.authorize_url(&redirect, &secret)),
        Platform::Youtube => apps
            .google
            .as_ref()
            .map(|app| app.authorize_url(&redirect, &secret)),
        Platform::Instagram => apps
            .facebook
            .as_ref()
            .map(|app| app.creator_authorize_url(&redirect, &secret)),
    }
    .ok_or_else(|| not_configured(platform))?;
    Ok(VerificationStarted {
        id: row.id,
        authorize_url,
        expires_at: time::utc(row.expires_at),
    })
}

/// An account the platform named, with the tokens that read it.
struct Found {
    account: VerifiedAccount,
    tokens: Tokens,
}

/// The tokens a code becomes with `app` (none: the server has no app on `platform`).
async fn exchange(
    app: Option<&OAuthApp>,
    platform: Platform,
    http: &reqwest::Client,
    code: &str,
    redirect: &str,
) -> ApiResult<Tokens> {
    app.ok_or_else(|| not_configured(platform))?
        .exchange_code(http, code, redirect)
        .await
        .map_err(provider_error)
}

/// The accounts a login names.
async fn accounts_of_login(
    state: &AppState,
    platform: Platform,
    code: &str,
) -> ApiResult<Vec<Found>> {
    let apps = &state.platform_logins;
    let http = &state.provider_http;
    let redirect = redirect_uri(state);
    match platform {
        Platform::Tiktok => {
            let tokens = exchange(apps.tiktok.as_ref(), platform, http, code, &redirect).await?;
            let user = TikTok::new(
                http.clone(),
                apps.tiktok_url.as_deref(),
                &tokens.access_token,
            )
            .map_err(provider_error)?
            .user()
            .await
            .map_err(provider_error)?;
            let Some(username) = user.username else {
                return Err(no_account(
                    "TikTok did not tell Rapport your username: log in again and allow \
                     Rapport to read your profile.",
                ));
            };
            Ok(vec![Found {
                account: VerifiedAccount {
                    platform,
                    external_id: user.open_id,
                    handle: username,
                    followers: user.followers,
                },
                tokens,
            }])
        }
        Platform::Youtube => {
            let tokens = exchange(apps.google.as_ref(), platform, http, code, &redirect).await?;
            let channel = YouTube::with_token(
                http.clone(),
                apps.youtube_url.as_deref(),
                &tokens.access_token,
            )
            .map_err(provider_error)?
            .channel(&ChannelRef::Mine)
            .await
            .map_err(provider_error)?
            .ok_or_else(|| {
                no_account(
                    "This Google account has no YouTube channel: log in with the account \
                     that owns your channel.",
                )
            })?;
            Ok(vec![Found {
                account: VerifiedAccount {
                    platform,
                    handle: channel.custom_url.unwrap_or_else(|| channel.id.clone()),
                    external_id: channel.id,
                    followers: channel.subscribers,
                },
                tokens,
            }])
        }
        Platform::Instagram => {
            let app = apps
                .facebook
                .as_ref()
                .ok_or_else(|| not_configured(platform))?;
            let user_token = app
                .exchange_code(http, code, &redirect)
                .await
                .map_err(provider_error)?;
            let pages = app
                .graph(http.clone(), &user_token)
                .pages()
                .await
                .map_err(provider_error)?;
            let mut found = Vec::new();
            for page in pages {
                let (Some(linked), Some(page_token)) =
                    (page.instagram_business_account, page.access_token)
                else {
                    continue;
                };
                let graph = app.graph(http.clone(), &page_token);
                let Some(username) = graph.username(&linked.id).await.map_err(provider_error)?
                else {
                    continue;
                };
                let followers = graph
                    .business_discovery(&linked.id, &username)
                    .await
                    .map_err(provider_error)?
                    .and_then(|profile| profile.followers_count);
                found.push(Found {
                    account: VerifiedAccount {
                        platform,
                        external_id: linked.id,
                        handle: username,
                        followers,
                    },
                    // A page's token read with a long-lived user token does not expire.
                    tokens: Tokens {
                        access_token: page_token,
                        expires_in: None,
                        refresh_token: None,
                        refresh_expires_in: None,
                        open_id: None,
                        scope: None,
                    },
                });
            }
            if found.is_empty() {
                return Err(no_account(
                    "None of your Facebook pages has an Instagram professional account linked: \
                     link your Instagram account to a page (Instagram → Settings → Account \
                     type and tools), then log in again.",
                ));
            }
            Ok(found)
        }
    }
}

/// The login row of `tokens` for `account`, sealed.
pub fn sealed_login(
    key: &DataKey,
    account: CreatorAccountId,
    external_id: &str,
    tokens: &Tokens,
    share_figures: bool,
    now: NaiveDateTime,
) -> LoginRow {
    let seconds = |value: Option<i64>| value.map(|s| now + chrono::Duration::seconds(s.max(0)));
    LoginRow {
        account_id: account,
        external_id: external_id.to_owned(),
        access_token: key.seal(&owner(account, "access"), &tokens.access_token),
        refresh_token: tokens
            .refresh_token
            .as_deref()
            .map(|token| key.seal(&owner(account, "refresh"), token)),
        secret_key_id: key.id().to_owned(),
        access_expires_at: seconds(tokens.expires_in),
        refresh_expires_at: seconds(tokens.refresh_expires_in),
        share_figures,
        problem: None,
        connected_at: now,
        updated_at: now,
    }
}

/// Makes `found` the creator's verified account, and stores its login.
fn verify_one(
    conn: &mut DbConnection,
    key: &DataKey,
    creator: rapport_domain::CreatorId,
    found: &Found,
    share_figures: bool,
    now: NaiveDateTime,
) -> ApiResult<()> {
    let account = &found.account;
    let profile = account.profile().map_err(|error| {
        no_account(format!(
            "{} named an account Rapport cannot read ({}).",
            account.platform.label(),
            error.message
        ))
    })?;
    let id = match verifications::find_claimed(conn, account.platform, &profile.key)? {
        None => {
            let row = CreatorAccountRow {
                id: new_id(),
                creator_id: creator,
                platform: account.platform,
                handle: profile.handle.clone(),
                handle_key: profile.key.clone(),
                followers: account.followers,
                self_reported: false,
                engagement_rate: None,
                created_at: now,
                verified_at: Some(now),
            };
            creators::insert_account(conn, &row)?;
            row.id
        }
        Some(held) => {
            let holder = (&held.creator_id, held.verified_at.is_some());
            if Claiming::of(&creator, Some(holder)) == Claiming::VerifiedByAnother {
                return Err(ApiError::new(
                    ErrorCode::AccountClaimed,
                    format!(
                        "Another creator verified {} {} already.",
                        account.platform.label(),
                        profile.handle
                    ),
                ));
            }
            if held.creator_id != creator {
                // The creator who only claimed it loses it; their profile changed too.
                creators::touch(conn, held.creator_id, now)?;
            }
            verifications::mark_verified(
                conn,
                held.id,
                creator,
                &profile.handle,
                account.followers,
                now,
            )?;
            held.id
        }
    };
    let login = sealed_login(
        key,
        id,
        &account.external_id,
        &found.tokens,
        share_figures,
        now,
    );
    verifications::upsert_login(conn, &login)?;
    Ok(())
}

/// Finishes the verification the platform sent the creator back from: the accounts the login
/// names become theirs, verified; their profile.
pub async fn callback(
    state: &AppState,
    actor: UserId,
    callback: Callback,
) -> ApiResult<CreatorProfile> {
    let now = state.clock.now();
    let hash = tokens::digest(&callback.state);
    let verification = state
        .db
        .write(move |conn| {
            // A state is good once: taken here, whatever comes of the code.
            let row = verifications::take_by_state(conn, &hash, actor)?
                .filter(|row| row.expires_at > now)
                .ok_or_else(state_invalid)?;
            own_profile::own(conn, actor)?;
            Ok(row)
        })
        .await?;
    let found = accounts_of_login(state, verification.platform, &callback.code).await?;
    let key = state.data_key.clone();
    let share = verification.share_figures;
    state
        .db
        .write(move |conn| {
            let creator = own_profile::own(conn, actor)?;
            for one in &found {
                verify_one(conn, &key, creator.id, one, share, now)?;
            }
            creators::touch(conn, creator.id, now)?;
            own_profile::profile(conn, actor)
        })
        .await
}

/// The creator's logins, on their profile's accounts.
pub fn with_logins(conn: &mut DbConnection, profile: &mut CreatorProfile) -> ApiResult<()> {
    let logins = verifications::logins_of_creator(conn, profile.public.id)?;
    for account in &mut profile.public.accounts {
        account.login = logins
            .iter()
            .find(|login| login.account_id == account.id)
            .map(|login| AccountLogin {
                connected_at: time::utc(login.connected_at),
                share_figures: login.share_figures,
                problem: login.problem.clone(),
            });
    }
    Ok(())
}

fn no_login() -> ApiError {
    ApiError::new(
        ErrorCode::NotFound,
        "You have no such account with a platform login: verify it first.",
    )
}

/// Checks that `account` is the signed-in creator's and has a login; 404 otherwise.
fn own_login(conn: &mut DbConnection, actor: UserId, account: CreatorAccountId) -> ApiResult<()> {
    let creator = own_profile::own(conn, actor)?;
    let theirs = verifications::logins_of_creator(conn, creator.id)?
        .iter()
        .any(|login| login.account_id == account);
    if theirs {
        Ok(())
    } else {
        Err(no_login())
    }
}

/// Whether the brands the creator is connected with see a verified account's figures.
pub fn set_sharing(
    conn: &mut DbConnection,
    actor: UserId,
    account: CreatorAccountId,
    share: bool,
) -> ApiResult<CreatorProfile> {
    own_login(conn, actor, account)?;
    verifications::set_sharing(conn, account, share)?;
    own_profile::profile(conn, actor)
}

/// Forgets a verified account's login (its tokens); the account stays verified.
pub fn disconnect(
    conn: &mut DbConnection,
    actor: UserId,
    account: CreatorAccountId,
) -> ApiResult<()> {
    own_login(conn, actor, account)?;
    verifications::delete_login(conn, account)?;
    Ok(())
}

/// A login's access token, opened (none when the data key changed).
pub fn open_access(key: &DataKey, login: &LoginRow) -> Option<String> {
    key.open(
        &owner(login.account_id, "access"),
        &login.secret_key_id,
        &login.access_token,
    )
}

/// A login's refresh token, opened.
fn open_refresh(key: &DataKey, login: &LoginRow) -> Option<String> {
    let sealed = login.refresh_token.as_deref()?;
    key.open(
        &owner(login.account_id, "refresh"),
        &login.secret_key_id,
        sealed,
    )
}

/// Minutes before its end an access token is renewed.
const RENEW_BEFORE_MINUTES: i64 = 5;

/// Why a login cannot read now.
#[derive(Debug)]
pub enum LoginTrouble {
    /// The platform refused it (or its tokens cannot be opened): the creator logs in again.
    Refused(String),
    /// The platform asks to wait, or is down.
    Provider(ProviderError),
}

/// An access token of `login` good at `now`: the one held, or one renewed with its refresh
/// token (stored for the next reader; when another server renewed it first, theirs is used).
pub async fn access_token(
    db: &crate::db::Db,
    key: &DataKey,
    http: &reqwest::Client,
    apps: &PlatformApps,
    platform: Platform,
    login: LoginRow,
    now: NaiveDateTime,
) -> Result<String, LoginTrouble> {
    let lapsed = || {
        LoginTrouble::Refused(format!(
            "The creator's {} login has lapsed: they log in again from their profile.",
            platform.label()
        ))
    };
    let fresh = login
        .access_expires_at
        .is_none_or(|at| at - now > chrono::Duration::minutes(RENEW_BEFORE_MINUTES));
    if fresh {
        return open_access(key, &login).ok_or_else(lapsed);
    }
    let (Some(app), Some(refresh)) = (apps.renewer(platform), open_refresh(key, &login)) else {
        return Err(lapsed());
    };
    if login.refresh_expires_at.is_some_and(|at| at <= now) {
        return Err(lapsed());
    }
    let account = login.account_id;
    let reread = |db: crate::db::Db| async move {
        db.run(move |conn| Ok(verifications::find_login(conn, account)?))
            .await
            .ok()
            .flatten()
    };
    let tokens = match app.refresh(http, &refresh).await {
        Ok(tokens) => tokens,
        Err(ProviderError::Refused(why)) => {
            // Another server may have renewed it first (and the platform turned the old
            // refresh token down since).
            if let Some(stored) = reread(db.clone()).await {
                if stored.access_token != login.access_token {
                    return open_access(key, &stored).ok_or_else(lapsed);
                }
            }
            return Err(LoginTrouble::Refused(why));
        }
        Err(other) => return Err(LoginTrouble::Provider(other)),
    };
    let mut renewed = sealed_login(
        key,
        account,
        &login.external_id,
        &Tokens {
            // Google keeps the refresh token it gave; TikTok gives a new one.
            refresh_token: tokens.refresh_token.clone().or(Some(refresh)),
            ..tokens.clone()
        },
        login.share_figures,
        now,
    );
    renewed.connected_at = login.connected_at;
    if tokens.refresh_expires_in.is_none() {
        renewed.refresh_expires_at = login.refresh_expires_at;
    }
    let previous = login.access_token.clone();
    let stored = renewed.clone();
    let won = db
        .write(move |conn| Ok(verifications::renew_tokens(conn, &previous, &stored)?))
        .await
        .map_err(|error| LoginTrouble::Provider(ProviderError::Unavailable(error.to_string())))?;
    if won {
        return Ok(tokens.access_token);
    }
    match reread(db.clone()).await {
        Some(stored) => open_access(key, &stored).ok_or_else(lapsed),
        None => Err(lapsed()),
    }
}
