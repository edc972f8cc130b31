//! What a team reads its accounts' figures with: the Instagram business account of its
//! Instagram source (`business_discovery` looks other accounts up from it) and its YouTube Data
//! API key, both sealed at rest with the data key. TikTok shows an account's figures only to its
//! creator's own login, so no team credential reads TikTok.

use rapport_domain::analytics::MissingIntegration;
use rapport_domain::profiles::Platform;
use rapport_domain::sources::SourceKind;
use rapport_domain::TeamId;
use rapport_store::{analytics, sources, DbConnection};

use crate::data_key::DataKey;
use crate::error::ApiResult;
use crate::sources::page_settings::PageSettings;

/// The provider name of a team's YouTube key.
pub const YOUTUBE: &str = "youtube";

/// The team's Instagram business account and the page token that reads through it.
#[derive(Debug, Clone)]
pub struct InstagramLogin {
    /// The business account's id.
    pub account: String,
    /// Its username, when known.
    pub username: Option<String>,
    /// The page token (opened).
    pub token: String,
}

/// A team's credentials, opened.
#[derive(Debug, Clone, Default)]
pub struct Credentials {
    /// Instagram, when the team connected its business account.
    pub instagram: Option<InstagramLogin>,
    /// The YouTube Data API key.
    pub youtube_key: Option<String>,
}

impl Credentials {
    /// What the team lacks to read an account of `platform`.
    pub fn missing(&self, platform: Platform) -> Option<MissingIntegration> {
        match platform {
            Platform::Instagram => self
                .instagram
                .is_none()
                .then_some(MissingIntegration::Instagram),
            Platform::Youtube => self
                .youtube_key
                .is_none()
                .then_some(MissingIntegration::Youtube),
            Platform::Tiktok => Some(MissingIntegration::Tiktok),
        }
    }
}

/// The team's Instagram source's account and sealed token, if it has one.
fn instagram_login(
    conn: &mut DbConnection,
    key: &DataKey,
    team: TeamId,
) -> ApiResult<Option<InstagramLogin>> {
    for source in sources::list(conn, team)? {
        if source.kind != SourceKind::Instagram.as_str() {
            continue;
        }
        let Some(settings) = PageSettings::read(source.settings.as_deref()) else {
            continue;
        };
        let Some(account) = settings.instagram_account_id.clone() else {
            continue;
        };
        let token = match (&source.secret, &source.secret_key_id) {
            (Some(sealed), Some(key_id)) => key.open(&source.id.to_string(), key_id, sealed),
            _ => None,
        };
        if let Some(token) = token {
            return Ok(Some(InstagramLogin {
                account,
                username: settings.instagram_username.clone(),
                token,
            }));
        }
    }
    Ok(None)
}

/// The team's stored YouTube key, opened (none when it cannot be: the data key changed).
pub fn youtube_key(
    conn: &mut DbConnection,
    key: &DataKey,
    team: TeamId,
) -> ApiResult<Option<String>> {
    Ok(analytics::find_integration(conn, team, YOUTUBE)?
        .and_then(|row| key.open(&owner(team, YOUTUBE), &row.secret_key_id, &row.secret)))
}

/// What a team's key is sealed for (a key sealed for one team opens for no other).
pub fn owner(team: TeamId, provider: &str) -> String {
    format!("team:{team}:{provider}")
}

/// The team's credentials.
pub fn of_team(conn: &mut DbConnection, key: &DataKey, team: TeamId) -> ApiResult<Credentials> {
    Ok(Credentials {
        instagram: instagram_login(conn, key, team)?,
        youtube_key: youtube_key(conn, key, team)?,
    })
}
