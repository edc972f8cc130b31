//! The `source_sync` job: reads an e-mail list's members (Mailchimp, Klaviyo) a page at a time,
//! stores each page's contacts (keyed hashes and the provider's words) and matches in the same
//! transaction as the cursor of the next page, so a sync killed mid-way resumes from its last
//! committed page and never stores a contact twice. A first sync reads every member; the next
//! ones only those changed (Mailchimp) or joined (Klaviyo) since the last one began.
//!
//! Provider errors: a refused key marks the source failed and ends its schedule until a new key
//! comes; a rate limit waits the provider's `Retry-After`; an outage or a timeout is tried again
//! with a growing wait, and after [`MAX_ATTEMPTS`] marks the source failed (the next scheduled
//! sync tries again).

use std::collections::HashMap;
use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, Utc};
use rapport_domain::contacts::normalize_email;
use rapport_domain::list_providers::ListProvider;
use rapport_domain::notifications::NotificationKind;
use rapport_domain::sources::SourceState;
use rapport_domain::{SourceId, TeamId};
use rapport_integrations::list_providers::{ListClient, MemberPage, ProviderError, ProviderUrls};
use rapport_store::sources::{self, ContactRow, MatchRow, SourceRow};
use rapport_store::{new_id, time, DbConnection};
use serde::{Deserialize, Serialize};

use crate::data_key::DataKey;
use crate::error::ApiResult;
use crate::jobs::runner::{JobContext, Outcome};
use crate::notifications::notify::{self, Event};
use crate::sources::list_settings::ListSettings;
use crate::sources::matching::{Target, Targets};

/// Tries of a sync the provider keeps failing before the source is marked failed.
pub const MAX_ATTEMPTS: i32 = 8;
/// The first retry's wait (then doubled each try, at most [`MAX_WAIT`]).
const FIRST_WAIT: Duration = Duration::from_secs(30);
/// The longest wait between two tries (a provider's `Retry-After` too).
const MAX_WAIT: Duration = Duration::from_secs(3_600);

/// Where a sync stands (the job's cursor).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct SyncCursor {
    /// The provider's cursor of the next page (none: the first).
    page: Option<String>,
    /// Only members changed since (none: all of them).
    since: Option<DateTime<Utc>>,
    /// When this sync began (the next one reads changes since).
    started: DateTime<Utc>,
    /// Members read.
    done: i64,
    /// New matches found.
    found: i64,
}

/// Syncs e-mail lists (for the `source_sync` job).
pub struct ListSync {
    /// The data key (contacts' hashes; the stored API keys).
    pub key: DataKey,
    /// The HTTP client of the providers.
    pub http: reqwest::Client,
    /// Where the providers are.
    pub urls: ProviderUrls,
}

/// The wait before try `attempts + 1` of a sync the provider failed.
pub fn backoff(attempts: i32) -> Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 16)).unwrap_or(0);
    FIRST_WAIT
        .saturating_mul(2u32.saturating_pow(doublings))
        .min(MAX_WAIT)
}

impl ListSync {
    /// Syncs the list `id` (the job's source).
    pub async fn sync(&self, job: &JobContext, id: SourceId) -> ApiResult<Outcome> {
        let found = job
            .db
            .run(move |conn| Ok(sources::find_numbered(conn, id)?));
        let Some((source, number)) = found.await? else {
            return Ok(Outcome::Done);
        };
        let now = job.clock.now();
        let (Some(provider), Some(settings)) = (
            ListProvider::parse(&source.kind),
            ListSettings::read(source.settings.as_deref()),
        ) else {
            return Ok(Outcome::Abandoned(format!(
                "source {id} is not an e-mail list"
            )));
        };
        let name = provider.title();
        let secret = match (&source.secret, &source.secret_key_id) {
            (Some(sealed), Some(key_id)) => self.key.open(&id.to_string(), key_id, sealed),
            _ => None,
        };
        let Some(secret) = secret else {
            let why = format!(
                "The stored {name} API key can no longer be read (the server's data key \
                 changed): paste the key again."
            );
            return fail_source(job, id, why, true).await;
        };
        let client = match ListClient::new(provider, self.http.clone(), &self.urls, &secret) {
            Ok(client) => client,
            Err(error) => return self.provider_failed(job, id, name, error).await,
        };
        let mut cursor = job
            .job
            .cursor
            .as_deref()
            .and_then(|text| serde_json::from_str::<SyncCursor>(text).ok())
            .unwrap_or(SyncCursor {
                page: None,
                since: settings.changed_since,
                started: time::utc(now),
                done: 0,
                found: 0,
            });
        let targets = begin_sync(job, &source, &self.key, now).await?;
        let team = source.team_id;
        loop {
            let page = match client
                .members(&settings.list_id, cursor.since, cursor.page.as_deref())
                .await
            {
                Ok(page) => page,
                Err(error) => return self.provider_failed(job, id, name, error).await,
            };
            let total = page.total;
            let more = page.next.clone();
            let rows = contacts_of(&self.key, number, page);
            cursor.done += rows.read;
            cursor.page = more.clone();
            let text = serde_json::to_string(&cursor).unwrap_or_default();
            let targets = targets.clone();
            let at = job.clock.now();
            let found = job
                .progress(Some(text), cursor.done, total, move |conn| {
                    store_page(conn, id, team, &rows.contacts, &targets, at)
                })
                .await?;
            cursor.found += found as i64;
            if more.is_none() {
                break;
            }
        }
        let next = ListSettings {
            changed_since: Some(cursor.started),
            ..settings
        };
        let found = cursor.found;
        let list = source.name.clone();
        job.complete(move |conn, done| {
            sources::record_list_sync(conn, id, &next.to_json(), done)?;
            if found > 0 {
                let text = match found {
                    1 => format!("1 creator is in your {name} list {list}"),
                    n => format!("{n} creators are in your {name} list {list}"),
                };
                notify::team(
                    conn,
                    &Event {
                        kind: NotificationKind::SourceMatch,
                        text: &text,
                        team,
                        creator: None,
                        invite: None,
                        conversation: None,
                        influencer: None,
                    },
                    done,
                )?;
            }
            Ok(())
        })
        .await
    }

    /// What a provider's error does to the sync.
    async fn provider_failed(
        &self,
        job: &JobContext,
        id: SourceId,
        name: &str,
        error: ProviderError,
    ) -> ApiResult<Outcome> {
        let verdict = verdict(
            error,
            job.job.attempts,
            "Paste a new key to sync again.",
            None,
            format!("{name} asked to slow down"),
        );
        verdict.apply(job, id).await
    }
}

/// What a provider's error does to a sync: wait and resume from the last committed page, or fail
/// the source.
pub(crate) enum Verdict {
    /// Try again later.
    Wait(Outcome),
    /// The source failed; `for_good` ends its schedule (a new key or login restarts it).
    Fail {
        /// Why, and what to do.
        why: String,
        /// Whether the schedule ends.
        for_good: bool,
    },
}

/// The verdict on `error` at try `attempts`: a refusal fails the source for good (`refused`
/// says what to do); a rate limit waits the provider's `Retry-After`, else `rate_wait`, else the
/// backoff; an outage is tried again with a growing wait, [`MAX_ATTEMPTS`] times.
pub(crate) fn verdict(
    error: ProviderError,
    attempts: i32,
    refused: &str,
    rate_wait: Option<Duration>,
    slow_down: String,
) -> Verdict {
    match error {
        ProviderError::Refused(why) => Verdict::Fail {
            why: format!("{why} {refused}"),
            for_good: true,
        },
        ProviderError::RateLimited { retry_after } => Verdict::Wait(Outcome::Retry {
            after: retry_after
                .or(rate_wait)
                .unwrap_or_else(|| backoff(attempts))
                .min(MAX_WAIT),
            error: slow_down,
        }),
        ProviderError::Unavailable(why) if attempts < MAX_ATTEMPTS => {
            Verdict::Wait(Outcome::Retry {
                after: backoff(attempts),
                error: why,
            })
        }
        ProviderError::Unavailable(why) => Verdict::Fail {
            why: format!(
                "{why} Tried {MAX_ATTEMPTS} times; the next sync tries again, or use Sync now."
            ),
            for_good: false,
        },
        ProviderError::Unexpected(why) => Verdict::Fail {
            why,
            for_good: false,
        },
    }
}

impl Verdict {
    /// Carries the verdict out on the job's source.
    pub(crate) async fn apply(self, job: &JobContext, id: SourceId) -> ApiResult<Outcome> {
        match self {
            Self::Wait(outcome) => Ok(outcome),
            Self::Fail { why, for_good } => fail_source(job, id, why, for_good).await,
        }
    }
}

/// Marks a source syncing and reads its team's targets (every sync, lists and Instagram, begins so).
pub(crate) async fn begin_sync(
    job: &JobContext,
    source: &SourceRow,
    key: &DataKey,
    now: NaiveDateTime,
) -> ApiResult<std::sync::Arc<Targets>> {
    let (id, team) = (source.id, source.team_id);
    job.db
        .write(move |conn| {
            Ok(sources::set_state(
                conn,
                id,
                SourceState::Syncing.as_str(),
                None,
                now,
            )?)
        })
        .await?;
    let key = key.clone();
    let targets = job
        .db
        .run(move |conn| Targets::read(conn, team, &key))
        .await?;
    Ok(std::sync::Arc::new(targets))
}

/// Marks the job's source failed with `why`, and clears the job's cursor (what a sync had left
/// to do, an Instagram sync's handles to look up among it, is not kept); `for_good` ends its
/// schedule (a new key or login restarts it).
pub(crate) async fn fail_source(
    job: &JobContext,
    id: SourceId,
    why: String,
    for_good: bool,
) -> ApiResult<Outcome> {
    let now = job.clock.now();
    let error = why.clone();
    job.progress(None, job.job.progress_done, None, move |conn| {
        Ok(sources::set_state(
            conn,
            id,
            SourceState::Failed.as_str(),
            Some(&error),
            now,
        )?)
    })
    .await?;
    Ok(if for_good {
        Outcome::Abandoned(why)
    } else {
        Outcome::Failed(why)
    })
}

/// A page's contacts, hashed, once each.
struct PageContacts {
    contacts: Vec<ContactRow>,
    read: i64,
}

fn contacts_of(key: &DataKey, number: i64, page: MemberPage) -> PageContacts {
    let read = page.members.len() as i64;
    let mut by_hash: HashMap<String, ContactRow> = HashMap::new();
    for member in page.members {
        let Some(email) = member.email.as_deref().and_then(normalize_email) else {
            continue;
        };
        let hash = key.email_hash(&email);
        by_hash.insert(
            hash.clone(),
            ContactRow {
                source_number: number,
                email_hash: hash,
                instagram_hash: None,
                tiktok_hash: None,
                youtube_hash: None,
                detail: member.detail,
                subscribed: member.subscribed,
            },
        );
    }
    PageContacts {
        contacts: by_hash.into_values().collect(),
        read,
    }
}

/// Stores a page's contacts and their matches; a match found before keeps its id (and its
/// dismissal) and takes the contact's new words. Answers how many matches are new.
pub(crate) fn store_page(
    conn: &mut DbConnection,
    id: SourceId,
    team: TeamId,
    rows: &[ContactRow],
    targets: &Targets,
    now: NaiveDateTime,
) -> ApiResult<usize> {
    store_linked(conn, id, team, rows, targets, &HashMap::new(), now)
}

/// [`store_page`], the matches naming the post each contact is about (`links`, by contact key).
pub(crate) fn store_linked(
    conn: &mut DbConnection,
    id: SourceId,
    team: TeamId,
    rows: &[ContactRow],
    targets: &Targets,
    links: &HashMap<String, String>,
    now: NaiveDateTime,
) -> ApiResult<usize> {
    sources::upsert_contacts(conn, rows)?;
    let hashes: Vec<String> = rows.iter().map(|row| row.email_hash.clone()).collect();
    let known = sources::matches_of(conn, id, &hashes)?;
    let mut new = Vec::new();
    for row in rows {
        let link = links.get(&row.email_hash).map(String::as_str);
        for (target, by) in targets.matches(row) {
            let (creator_id, influencer_id) = match target {
                Target::Creator(creator) => (Some(creator), None),
                Target::Influencer(influencer) => (None, Some(influencer)),
            };
            let before = known.iter().find(|found| {
                found.email_hash == row.email_hash
                    && found.creator_id == creator_id
                    && found.influencer_id == influencer_id
            });
            match before {
                Some(found)
                    if found.detail != row.detail
                        || (link.is_some() && found.link.as_deref() != link) =>
                {
                    let link = link.or(found.link.as_deref());
                    sources::set_match_detail(conn, found.id, &row.detail, link)?;
                }
                Some(_) => {}
                None => new.push(MatchRow {
                    id: new_id(),
                    team_id: team,
                    source_id: id,
                    email_hash: row.email_hash.clone(),
                    creator_id,
                    influencer_id,
                    matched_by: by.as_str().to_owned(),
                    detail: row.detail.clone(),
                    dismissed: false,
                    created_at: now,
                    link: link.map(str::to_owned),
                }),
            }
        }
    }
    sources::insert_matches(conn, &new)?;
    Ok(new.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time_up_to_an_hour() {
        assert_eq!(backoff(1), Duration::from_secs(30));
        assert_eq!(backoff(2), Duration::from_secs(60));
        assert_eq!(backoff(4), Duration::from_secs(240));
        assert_eq!(backoff(20), MAX_WAIT);
        assert_eq!(backoff(0), Duration::from_secs(30));
    }
}
