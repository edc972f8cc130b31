//! Connecting e-mail lists (Mailchimp audiences, Klaviyo lists): a key is checked by reading its
//! lists (a refused key stores nothing); each list picked becomes a source of its own, its key
//! sealed for it, its first sync queued at once and then every few hours. A source's key can be
//! replaced (after the provider refused the old one).

use std::collections::HashSet;

use rapport_domain::list_providers::{
    ConnectLists, ListProvider, ProviderList, API_KEY_MAX, LISTS_PER_CONNECT_MAX,
    SYNC_EVERY_HOURS_MAX, SYNC_EVERY_HOURS_MIN,
};
use rapport_domain::sources::{Source, SourceKind, SourceState, SOURCE_NAME_MAX};
use rapport_domain::{FieldErrors, SourceId, TeamId, UserId};
use rapport_integrations::list_providers::{ListClient, ListInfo, ProviderError};
use rapport_store::jobs;
use rapport_store::sources::{self, SourceRow};
use rapport_store::DbConnection;

use crate::access::role_in;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::jobs::kinds;
use crate::sources::list_settings::{key_hint, ListSettings};
use crate::sources::listing::{own_source, view_one, view_with};
use crate::sources::source_settings::queue_sync;
use crate::state::AppState;

/// The API's answer to a provider's error while a person waits.
pub fn provider_error(error: ProviderError) -> ApiError {
    match error {
        ProviderError::Refused(why) => ApiError::new(ErrorCode::ProviderKeyRefused, why),
        ProviderError::RateLimited { .. } => ApiError::new(
            ErrorCode::ProviderUnavailable,
            "The provider asks to slow down: try again in a minute.",
        ),
        ProviderError::Unavailable(why) | ProviderError::Unexpected(why) => {
            ApiError::new(ErrorCode::ProviderUnavailable, why)
        }
    }
}

fn check_key(errors: &mut FieldErrors, key: &str) {
    let key = key.trim();
    if key.is_empty() {
        errors.add("api_key", "required", "Paste the provider's API key.");
    } else if key.chars().count() > API_KEY_MAX {
        errors.add(
            "api_key",
            "too_long",
            "An API key is at most 200 characters.",
        );
    }
}

fn check_hours(errors: &mut FieldErrors, field: &str, hours: u32) {
    if !(SYNC_EVERY_HOURS_MIN..=SYNC_EVERY_HOURS_MAX).contains(&hours) {
        errors.add(field, "out_of_range", "Sync every 1 to 168 hours.");
    }
}

/// The lists `key` reads: the key is checked, nothing is stored.
async fn read_lists(
    state: &AppState,
    provider: ListProvider,
    key: &str,
) -> ApiResult<Vec<ListInfo>> {
    let client = ListClient::new(
        provider,
        state.provider_http.clone(),
        &state.provider_urls,
        key.trim(),
    )
    .map_err(provider_error)?;
    client.lists().await.map_err(provider_error)
}

/// The team's sources of `provider`, with their settings.
fn connected(
    conn: &mut DbConnection,
    team: TeamId,
    provider: ListProvider,
) -> ApiResult<Vec<(SourceRow, ListSettings)>> {
    Ok(sources::list(conn, team)?
        .into_iter()
        .filter(|row| row.kind == provider.as_str())
        .filter_map(|row| {
            let settings = ListSettings::read(row.settings.as_deref())?;
            Some((row, settings))
        })
        .collect())
}

/// The lists a key reads, each marked when the team has connected it.
pub async fn lists(
    state: &AppState,
    actor: UserId,
    team: TeamId,
    provider: ListProvider,
    key: String,
) -> ApiResult<Vec<ProviderList>> {
    let mut errors = FieldErrors::default();
    check_key(&mut errors, &key);
    errors.into_result()?;
    let ids: HashSet<String> = state
        .db
        .run(move |conn| {
            role_in(conn, team, actor)?;
            Ok(connected(conn, team, provider)?
                .into_iter()
                .map(|(_, settings)| settings.list_id)
                .collect())
        })
        .await?;
    let lists = read_lists(state, provider, &key).await?;
    Ok(lists
        .into_iter()
        .map(|list| ProviderList {
            connected: ids.contains(&list.id),
            id: list.id,
            name: list.name,
            members: list.members,
        })
        .collect())
}

/// A name for a new source of `list`, unique among the team's sources of its kind.
fn free_name(taken: &[(SourceRow, ListSettings)], list: &ListInfo) -> String {
    unique_name(
        taken.iter().map(|(row, _)| row.name.as_str()),
        &list.name,
        &list.id,
    )
}

/// `wanted`, cut to a source name's length; when one of `taken` has it already, followed by
/// ` ({id})` (the provider's id of what the source reads).
pub fn unique_name<'a>(mut taken: impl Iterator<Item = &'a str>, wanted: &str, id: &str) -> String {
    let name: String = wanted.chars().take(SOURCE_NAME_MAX).collect();
    if !taken.any(|known| known == name) {
        return name;
    }
    let suffix = format!(" ({id})");
    let room = SOURCE_NAME_MAX.saturating_sub(suffix.chars().count());
    format!("{}{suffix}", wanted.chars().take(room).collect::<String>())
}

/// Connects the lists picked: a source each (a list connected already takes the new key and
/// schedule), its key sealed for it, its first sync queued now.
pub async fn connect(
    state: &AppState,
    actor: UserId,
    team: TeamId,
    provider: ListProvider,
    request: ConnectLists,
) -> ApiResult<Vec<Source>> {
    let mut errors = FieldErrors::default();
    check_key(&mut errors, &request.api_key);
    if request.list_ids.is_empty() {
        errors.add("list_ids", "required", "Pick at least one list.");
    } else if request.list_ids.len() > LISTS_PER_CONNECT_MAX {
        errors.add("list_ids", "too_many", "Connect at most 50 lists at once.");
    }
    if let Some(hours) = request.sync_every_hours {
        check_hours(&mut errors, "sync_every_hours", hours);
    }
    errors.into_result()?;
    state
        .db
        .run(move |conn| role_in(conn, team, actor).map(drop))
        .await?;
    let key = request.api_key.trim().to_owned();
    let readable = read_lists(state, provider, &key).await?;
    let mut picked: Vec<ListInfo> = Vec::new();
    for id in &request.list_ids {
        let Some(list) = readable.iter().find(|list| &list.id == id) else {
            let mut errors = FieldErrors::default();
            errors.add(
                "list_ids",
                "unknown_list",
                format!("{id:?} is not a list this key can read."),
            );
            return Err(errors.into());
        };
        if !picked.iter().any(|known| known.id == list.id) {
            picked.push(list.clone());
        }
    }
    let data_key = state.data_key.clone();
    let now = state.clock.now();
    let hours = request.sync_every_hours;
    let made = state
        .db
        .write(move |conn| {
            role_in(conn, team, actor)?;
            let mut made = Vec::new();
            let mut known = connected(conn, team, provider)?;
            for list in &picked {
                let existing = known
                    .iter()
                    .find(|(_, settings)| settings.list_id == list.id)
                    .map(|(row, settings)| (row.clone(), settings.clone()));
                let (row, settings) = match existing {
                    Some((row, settings)) => {
                        let settings = ListSettings {
                            key_hint: key_hint(&key),
                            every_hours: hours.unwrap_or(settings.every_hours),
                            ..settings
                        };
                        sources::set_settings(conn, row.id, &settings.to_json(), now)?;
                        sources::set_state(conn, row.id, SourceState::New.as_str(), None, now)?;
                        (row, settings)
                    }
                    None => {
                        let settings = ListSettings::new(&list.id, &key, hours);
                        let row = SourceRow {
                            settings: Some(settings.to_json()),
                            ..SourceRow::new(
                                team,
                                provider.as_str(),
                                &free_name(&known, list),
                                actor,
                                now,
                            )
                        };
                        let row = sources::insert(conn, row)?;
                        known.push((row.clone(), settings.clone()));
                        (row, settings)
                    }
                };
                let sealed = data_key.seal(&row.id.to_string(), &key);
                sources::set_secret(conn, row.id, &sealed, data_key.id(), now)?;
                queue_sync(conn, &row, settings.every_hours, now)?;
                made.push(row.id);
            }
            // Read back at once: the sources as stored, with their queued syncs.
            let rows: Vec<SourceRow> = sources::list(conn, team)?
                .into_iter()
                .filter(|row| made.contains(&row.id))
                .collect();
            let subjects: Vec<String> = made.iter().map(ToString::to_string).collect();
            let live = jobs::live_on(conn, kinds::SOURCE_SYNC, &subjects)?;
            Ok(made
                .iter()
                .filter_map(|id| rows.iter().find(|row| row.id == *id))
                .map(|row| view_with(row, &live))
                .collect())
        })
        .await?;
    Ok(made)
}

/// The source, when it is an e-mail list of the actor's team, with its provider and settings.
fn own_list(
    conn: &mut DbConnection,
    actor: UserId,
    id: SourceId,
) -> ApiResult<(SourceRow, ListProvider, ListSettings)> {
    let row = own_source(conn, actor, id)?;
    let provider = ListProvider::parse(&row.kind);
    let settings = ListSettings::read(row.settings.as_deref());
    match (provider, settings) {
        (Some(provider), Some(settings)) => Ok((row, provider, settings)),
        _ => {
            let what = match SourceKind::parse(&row.kind) {
                Some(SourceKind::Csv) => {
                    "An uploaded list does not update by itself: upload it again."
                }
                _ => "This source does not sync.",
            };
            Err(ApiError::new(ErrorCode::SourceNotSyncable, what))
        }
    }
}

/// Replaces the source's key (checked first: it must read the source's list) and syncs.
pub async fn replace_key(
    state: &AppState,
    actor: UserId,
    id: SourceId,
    key: String,
) -> ApiResult<Source> {
    let mut errors = FieldErrors::default();
    check_key(&mut errors, &key);
    errors.into_result()?;
    let (row, provider, settings) = state.db.run(move |conn| own_list(conn, actor, id)).await?;
    let key = key.trim().to_owned();
    let lists = read_lists(state, provider, &key).await?;
    if !lists.iter().any(|list| list.id == settings.list_id) {
        return Err(ApiError::new(
            ErrorCode::ProviderKeyRefused,
            format!(
                "This {} key cannot read the list {}: use a key of the account that holds it.",
                provider.title(),
                row.name
            ),
        ));
    }
    let data_key = state.data_key.clone();
    let now = state.clock.now();
    let source = state
        .db
        .write(move |conn| {
            let (row, _, settings) = own_list(conn, actor, id)?;
            let settings = ListSettings {
                key_hint: key_hint(&key),
                ..settings
            };
            let sealed = data_key.seal(&row.id.to_string(), &key);
            sources::set_secret(conn, row.id, &sealed, data_key.id(), now)?;
            sources::set_settings(conn, row.id, &settings.to_json(), now)?;
            sources::set_state(conn, row.id, SourceState::New.as_str(), None, now)?;
            queue_sync(conn, &row, settings.every_hours, now)?;
            let row = sources::find(conn, id)?.ok_or_else(|| ApiError::not_found("source"))?;
            view_one(conn, &row)
        })
        .await?;
    Ok(source)
}
