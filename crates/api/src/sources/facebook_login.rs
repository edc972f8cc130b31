//! Connecting the brand's Instagram business account or Facebook page with Facebook Login. A
//! login is started for a team by one of its people: a one-time `state` (kept only as a hash)
//! goes into Facebook's authorize link. Facebook sends the person back to the web app with a
//! code; the web app hands code and state over (signed in as the same person: a state is only
//! its starter's, which is what defeats a forged callback). The code becomes a long-lived token,
//! sealed and kept with the login for half an hour, and the person picks one of their pages.
//! The page's own token (which does not expire) is sealed for the source made of it: an
//! Instagram source, whose fans are read at once and then on a schedule, or a Facebook page
//! source, stored and shown. Picking a page connected already renews its token (after Facebook
//! revoked the old one) and restarts its syncs.

use chrono::NaiveDateTime;
use rapport_domain::facebook::{
    FacebookCallback, FacebookLogin, FacebookLoginStarted, FacebookPage, PageConnect, PickPage,
    CALLBACK_FIELD_MAX, LOGIN_MINUTES, MIN_FOLLOWERS_MAX,
};
use rapport_domain::list_providers::{SYNC_EVERY_HOURS_MAX, SYNC_EVERY_HOURS_MIN};
use rapport_domain::sources::{Source, SourceState};
use rapport_domain::{FacebookLoginId, FieldErrors, TeamId, UserId};
use rapport_integrations::facebook::{FacebookApp, Page};
use rapport_store::facebook_logins::{self, FacebookLoginRow};
use rapport_store::sources::{self, SourceRow};
use rapport_store::{new_id, time, DbConnection};

use crate::access::role_in;
use crate::auth::tokens;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::sources::list_connect::{provider_error, unique_name};
use crate::sources::listing::view_one;
use crate::sources::page_settings::PageSettings;
use crate::sources::source_settings::queue_sync;
use crate::state::AppState;

/// The web app's page Facebook sends people back to.
pub const CALLBACK_PATH: &str = "/sources/facebook";

fn app(state: &AppState) -> ApiResult<&FacebookApp> {
    state.facebook.as_ref().ok_or_else(|| {
        ApiError::new(
            ErrorCode::FacebookNotConfigured,
            "This server has no Facebook app, so Instagram and Facebook pages cannot be \
             connected: its operator sets RAPPORT_FACEBOOK_APP_ID and \
             RAPPORT_FACEBOOK_APP_SECRET (see the README).",
        )
    })
}

fn redirect_uri(state: &AppState) -> String {
    format!("{}{CALLBACK_PATH}", state.public_url)
}

fn state_invalid() -> ApiError {
    ApiError::new(
        ErrorCode::OauthStateInvalid,
        "This Facebook login is unknown, was used already, has expired or was started by someone \
         else: start it again from the Data sources page.",
    )
}

/// Starts a login: the authorize link to send the person to.
pub async fn start(
    state: &AppState,
    actor: UserId,
    team: TeamId,
    connect: PageConnect,
) -> ApiResult<FacebookLoginStarted> {
    let app = app(state)?.clone();
    let secret = tokens::generate();
    let now = state.clock.now();
    let row = FacebookLoginRow {
        id: new_id(),
        team_id: team,
        user_id: actor,
        connect: connect.as_str().to_owned(),
        state_hash: tokens::digest(&secret),
        secret: None,
        secret_key_id: None,
        created_at: now,
        expires_at: now + chrono::Duration::minutes(LOGIN_MINUTES),
    };
    let stored = row.clone();
    state
        .db
        .write(move |conn| {
            role_in(conn, team, actor)?;
            facebook_logins::insert(conn, &stored, now)?;
            Ok(())
        })
        .await?;
    Ok(FacebookLoginStarted {
        id: row.id,
        authorize_url: app.authorize_url(&redirect_uri(state), &secret),
        expires_at: time::utc(row.expires_at),
    })
}

/// The actor's login, still good at `now` (and still on a team of theirs).
fn own_login(
    conn: &mut DbConnection,
    actor: UserId,
    row: Option<FacebookLoginRow>,
    now: NaiveDateTime,
) -> ApiResult<(FacebookLoginRow, PageConnect)> {
    let row = row
        .filter(|row| row.user_id == actor && row.expires_at > now)
        .ok_or_else(state_invalid)?;
    role_in(conn, row.team_id, actor).map_err(|_| state_invalid())?;
    let connect = PageConnect::parse(&row.connect).ok_or_else(state_invalid)?;
    Ok((row, connect))
}

/// The team's sources of `connect`'s kind, by page.
fn connected_pages(
    conn: &mut DbConnection,
    team: TeamId,
    connect: PageConnect,
) -> ApiResult<Vec<(SourceRow, PageSettings)>> {
    Ok(sources::list(conn, team)?
        .into_iter()
        .filter(|row| row.kind == connect.as_str())
        .filter_map(|row| {
            let settings = PageSettings::read(row.settings.as_deref())?;
            Some((row, settings))
        })
        .collect())
}

fn pages_view(pages: &[Page], connected: &[(SourceRow, PageSettings)]) -> Vec<FacebookPage> {
    pages
        .iter()
        .map(|page| FacebookPage {
            id: page.id.clone(),
            name: page.name.clone(),
            category: page.category.clone(),
            instagram_account_id: page
                .instagram_business_account
                .as_ref()
                .map(|account| account.id.clone()),
            connected: connected
                .iter()
                .any(|(_, settings)| settings.page_id == page.id),
        })
        .collect()
}

/// Finishes the login Facebook sent the person back from: the code becomes a long-lived token
/// (kept sealed with the login), and the pages to pick from are read.
pub async fn callback(
    state: &AppState,
    actor: UserId,
    request: FacebookCallback,
) -> ApiResult<FacebookLogin> {
    let mut errors = FieldErrors::default();
    for (field, value) in [("code", &request.code), ("state", &request.state)] {
        if value.trim().is_empty() {
            errors.add(field, "required", "Facebook's answer misses it.");
        } else if value.len() > CALLBACK_FIELD_MAX {
            errors.add(field, "too_long", "This is not Facebook's answer.");
        }
    }
    errors.into_result()?;
    let app = app(state)?.clone();
    let now = state.clock.now();
    let hash = tokens::digest(request.state.trim());
    let (login, connect) = state
        .db
        .run(move |conn| {
            let row = facebook_logins::find_by_state(conn, &hash)?;
            let (row, connect) = own_login(conn, actor, row, now)?;
            if row.secret.is_some() {
                return Err(state_invalid());
            }
            Ok((row, connect))
        })
        .await?;
    let token = app
        .exchange_code(
            &state.provider_http,
            request.code.trim(),
            &redirect_uri(state),
        )
        .await
        .map_err(provider_error)?;
    let pages = app
        .graph(state.provider_http.clone(), &token)
        .pages()
        .await
        .map_err(provider_error)?;
    let sealed = state.data_key.seal(&login.id.to_string(), &token);
    let key_id = state.data_key.id().to_owned();
    let team = login.team_id;
    let id = login.id;
    let connected = state
        .db
        .write(move |conn| {
            // A state is good once: a second callback with it finds the token there.
            if !facebook_logins::set_secret(conn, id, &sealed, &key_id)? {
                return Err(state_invalid());
            }
            connected_pages(conn, team, connect)
        })
        .await?;
    Ok(FacebookLogin {
        id,
        team_id: team,
        connect,
        pages: pages_view(&pages, &connected),
        expires_at: time::utc(login.expires_at),
    })
}

fn check_pick(request: &PickPage) -> ApiResult<()> {
    let mut errors = FieldErrors::default();
    if request.page_id.trim().is_empty() {
        errors.add("page_id", "required", "Pick a page.");
    } else if request.page_id.len() > 100 {
        errors.add("page_id", "unknown_page", "This is not one of your pages.");
    }
    if let Some(followers) = request.min_followers {
        if !(0..=MIN_FOLLOWERS_MAX).contains(&followers) {
            errors.add(
                "min_followers",
                "out_of_range",
                "Pick 0 to 100,000,000 followers.",
            );
        }
    }
    if let Some(hours) = request.sync_every_hours {
        if !(SYNC_EVERY_HOURS_MIN..=SYNC_EVERY_HOURS_MAX).contains(&hours) {
            errors.add(
                "sync_every_hours",
                "out_of_range",
                "Sync every 1 to 168 hours.",
            );
        }
    }
    Ok(errors.into_result()?)
}

fn page_error(code: &str, message: String) -> ApiError {
    let mut errors = FieldErrors::default();
    errors.add("page_id", code, message);
    errors.into()
}

/// Connects the page picked: a source of the login's kind (or the team's source of that page,
/// renewed), its page token sealed for it; an Instagram source's first sync is queued now. The
/// login ends.
pub async fn pick(
    state: &AppState,
    actor: UserId,
    id: FacebookLoginId,
    request: PickPage,
) -> ApiResult<Source> {
    check_pick(&request)?;
    let now = state.clock.now();
    let (login, connect) = state
        .db
        .run(move |conn| {
            let row = facebook_logins::find(conn, id)?;
            own_login(conn, actor, row, now)
        })
        .await?;
    let token = match (&login.secret, &login.secret_key_id) {
        (Some(sealed), Some(key_id)) => state.data_key.open(&id.to_string(), key_id, sealed),
        _ => None,
    }
    .ok_or_else(state_invalid)?;
    let app = app(state)?;
    let pages = app
        .graph(state.provider_http.clone(), &token)
        .pages()
        .await
        .map_err(provider_error)?;
    let page_id = request.page_id.trim().to_owned();
    let page = pages
        .into_iter()
        .find(|page| page.id == page_id)
        .ok_or_else(|| {
            page_error(
                "unknown_page",
                format!("{page_id:?} is not one of the pages this login manages."),
            )
        })?;
    let page_token = page.access_token.clone().ok_or_else(|| {
        page_error(
            "no_page_token",
            format!(
                "Facebook gave no access to {}: log in again and allow the page.",
                page.name
            ),
        )
    })?;
    let account = page
        .instagram_business_account
        .as_ref()
        .map(|account| account.id.clone());
    let username = match (connect, &account) {
        (PageConnect::Instagram, None) => {
            return Err(page_error(
                "no_instagram_account",
                format!(
                    "{} has no Instagram business account: connect one to the page in \
                     Instagram's settings, then try again.",
                    page.name
                ),
            ));
        }
        (PageConnect::Instagram, Some(account)) => {
            // The brand's own username keeps its own comments out of its fans; without it the
            // source still works.
            app.graph(state.provider_http.clone(), &page_token)
                .username(account)
                .await
                .ok()
                .flatten()
        }
        (PageConnect::Facebook, _) => None,
    };
    let data_key = state.data_key.clone();
    let team = login.team_id;
    let source = state
        .db
        .write(move |conn| {
            let stored = facebook_logins::find(conn, id)?;
            let (login, connect) = own_login(conn, actor, stored, now)?;
            let known = connected_pages(conn, team, connect)?;
            let existing = known
                .iter()
                .find(|(_, settings)| settings.page_id == page.id)
                .cloned();
            let settings = PageSettings {
                page_id: page.id.clone(),
                page_name: page.name.clone(),
                category: page.category.clone(),
                instagram_account_id: account.clone(),
                instagram_username: username.clone(),
                every_hours: match connect {
                    PageConnect::Instagram => request
                        .sync_every_hours
                        .or(existing.as_ref().and_then(|(_, s)| s.every_hours)),
                    PageConnect::Facebook => None,
                },
                min_followers: match connect {
                    PageConnect::Instagram => request
                        .min_followers
                        .or(existing.as_ref().and_then(|(_, s)| s.min_followers)),
                    PageConnect::Facebook => None,
                },
            };
            let row = match existing {
                Some((row, _)) => {
                    sources::set_settings(conn, row.id, &settings.to_json(), now)?;
                    row
                }
                None => {
                    let wanted = match (&username, connect) {
                        (Some(name), PageConnect::Instagram) => format!("@{name}"),
                        _ => page.name.clone(),
                    };
                    let row = SourceRow {
                        settings: Some(settings.to_json()),
                        ..SourceRow::new(
                            team,
                            connect.as_str(),
                            &unique_name(
                                known.iter().map(|(row, _)| row.name.as_str()),
                                &wanted,
                                &page.id,
                            ),
                            actor,
                            now,
                        )
                    };
                    sources::insert(conn, row)?
                }
            };
            let sealed = data_key.seal(&row.id.to_string(), &page_token);
            sources::set_secret(conn, row.id, &sealed, data_key.id(), now)?;
            match connect {
                PageConnect::Instagram => {
                    sources::set_state(conn, row.id, SourceState::New.as_str(), None, now)?;
                    queue_sync(conn, &row, settings.hours(), now)?;
                }
                PageConnect::Facebook => {
                    // Nothing to read: the page is stored, connected now.
                    sources::record_counts(conn, row.id, now)?;
                }
            }
            facebook_logins::delete(conn, login.id)?;
            let row = sources::find(conn, row.id)?.ok_or_else(|| ApiError::not_found("source"))?;
            view_one(conn, &row)
        })
        .await?;
    Ok(source)
}
