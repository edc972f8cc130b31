//! A synced source's schedule and settings, whatever it reads (an e-mail list, Instagram fans):
//! a sync asked for now, how often it syncs, and for Instagram the followers a fan needs.

use chrono::NaiveDateTime;
use rapport_domain::facebook::MIN_FOLLOWERS_MAX;
use rapport_domain::list_providers::{SourceUpdate, SYNC_EVERY_HOURS_MAX, SYNC_EVERY_HOURS_MIN};
use rapport_domain::sources::{Source, SourceKind};
use rapport_domain::{FieldErrors, SourceId, UserId};
use rapport_store::jobs::{self, JobRow};
use rapport_store::sources::{self, SourceRow};
use rapport_store::DbConnection;

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::jobs::kinds;
use crate::sources::list_settings::ListSettings;
use crate::sources::listing::{own_source, view_one};
use crate::sources::page_settings::PageSettings;
use crate::state::AppState;

/// A synced source's settings, of either shape.
pub enum Synced {
    /// An e-mail list's.
    List(ListSettings),
    /// An Instagram account's.
    Fans(PageSettings),
}

impl Synced {
    /// Hours between two syncs.
    pub fn hours(&self) -> u32 {
        match self {
            Self::List(settings) => settings.every_hours,
            Self::Fans(settings) => settings.hours(),
        }
    }

    fn to_json(&self) -> String {
        match self {
            Self::List(settings) => settings.to_json(),
            Self::Fans(settings) => settings.to_json(),
        }
    }
}

/// The source, when it is one of the actor's team's and syncs by itself, with its settings.
pub fn own_synced(
    conn: &mut DbConnection,
    actor: UserId,
    id: SourceId,
) -> ApiResult<(SourceRow, Synced)> {
    let row = own_source(conn, actor, id)?;
    let kind = SourceKind::parse(&row.kind);
    let settings = match kind {
        Some(SourceKind::Mailchimp | SourceKind::Klaviyo) => {
            ListSettings::read(row.settings.as_deref()).map(Synced::List)
        }
        Some(SourceKind::Instagram) => {
            PageSettings::read(row.settings.as_deref()).map(Synced::Fans)
        }
        _ => None,
    };
    match settings {
        Some(settings) => Ok((row, settings)),
        None => {
            let what = match kind {
                Some(SourceKind::Csv) => {
                    "An uploaded list does not update by itself: upload it again."
                }
                Some(SourceKind::Facebook) => {
                    "A Facebook page is stored, not synced: Facebook does not list a page's fans."
                }
                _ => "This source does not sync.",
            };
            Err(ApiError::new(ErrorCode::SourceNotSyncable, what))
        }
    }
}

/// Queues the source's sync now, every `hours` after.
pub fn queue_sync(
    conn: &mut DbConnection,
    row: &SourceRow,
    hours: u32,
    now: NaiveDateTime,
) -> ApiResult<()> {
    let job = JobRow::new(kinds::SOURCE_SYNC, &row.id.to_string(), now, now)
        .for_team(row.team_id)
        .every(i64::from(hours) * 3_600);
    let queued = jobs::enqueue(conn, &job)?;
    jobs::run_now(conn, queued.id, now)?;
    Ok(())
}

/// Queues a sync of the source now.
pub async fn sync_now(state: &AppState, actor: UserId, id: SourceId) -> ApiResult<Source> {
    let now = state.clock.now();
    let source = state
        .db
        .write(move |conn| {
            let (row, settings) = own_synced(conn, actor, id)?;
            queue_sync(conn, &row, settings.hours(), now)?;
            view_one(conn, &row)
        })
        .await?;
    Ok(source)
}

/// Checks an update's fields.
fn check(update: &SourceUpdate) -> ApiResult<()> {
    let mut errors = FieldErrors::default();
    if let Some(hours) = update.sync_every_hours {
        if !(SYNC_EVERY_HOURS_MIN..=SYNC_EVERY_HOURS_MAX).contains(&hours) {
            errors.add(
                "sync_every_hours",
                "out_of_range",
                "Sync every 1 to 168 hours.",
            );
        }
    }
    if let Some(followers) = update.min_followers {
        if !(0..=MIN_FOLLOWERS_MAX).contains(&followers) {
            errors.add(
                "min_followers",
                "out_of_range",
                "Pick 0 to 100,000,000 followers.",
            );
        }
    }
    if update.sync_every_hours.is_none() && update.min_followers.is_none() {
        errors.add(
            "sync_every_hours",
            "required",
            "Give sync_every_hours or min_followers.",
        );
    }
    Ok(errors.into_result()?)
}

/// Changes a synced source's schedule (the next sync comes that long after the last one) and,
/// for Instagram, the followers a fan needs (for the fans looked up from then on).
pub async fn update(
    state: &AppState,
    actor: UserId,
    id: SourceId,
    update: SourceUpdate,
) -> ApiResult<Source> {
    check(&update)?;
    let now = state.clock.now();
    let source = state
        .db
        .write(move |conn| {
            let (row, settings) = own_synced(conn, actor, id)?;
            let settings = match settings {
                Synced::List(_) if update.min_followers.is_some() => {
                    let mut errors = FieldErrors::default();
                    errors.add(
                        "min_followers",
                        "not_instagram",
                        "Only an Instagram source counts followers.",
                    );
                    return Err(errors.into());
                }
                Synced::List(list) => Synced::List(ListSettings {
                    every_hours: update.sync_every_hours.unwrap_or(list.every_hours),
                    ..list
                }),
                Synced::Fans(page) => Synced::Fans(PageSettings {
                    every_hours: update.sync_every_hours.or(page.every_hours),
                    min_followers: update.min_followers.or(page.min_followers),
                    ..page
                }),
            };
            sources::set_settings(conn, row.id, &settings.to_json(), now)?;
            if update.sync_every_hours.is_some() {
                let every = i64::from(settings.hours()) * 3_600;
                let next = row.synced_at.unwrap_or(now) + chrono::Duration::seconds(every);
                jobs::reschedule(
                    conn,
                    kinds::SOURCE_SYNC,
                    &row.id.to_string(),
                    every,
                    next.max(now),
                    now,
                )?;
            }
            let row = sources::find(conn, id)?.ok_or_else(|| ApiError::not_found("source"))?;
            view_one(conn, &row)
        })
        .await?;
    Ok(source)
}
