//! An Instagram source's sync (the `source_sync` job of a source of kind `instagram`): reads the
//! accounts that tagged the brand (`/tags`) and that commented on its media, over the last
//! [`WINDOW_DAYS`] days, then looks each new fan up (`business_discovery`). A fan is a contact
//! keyed by the hash of its handle, like every contact; a fan who is a network creator or one of
//! the team's influencers matches at once; any other fan is looked up, and with at least the
//! source's follower threshold becomes one of the team's influencers (with its followers) and a
//! match. The handles waiting for their lookup are the only clear handles kept, in the job's
//! cursor while it runs; a fan below the threshold, or not a business or creator account, is
//! kept only as the hash.
//!
//! Each page read (tags, media with their comments) and each lookup commits with the cursor, so
//! a sync killed mid-way resumes where it stopped and never looks a fan up twice. A revoked
//! token (Graph code 190) fails the source until a new Facebook login; a rate limit (codes 4,
//! 17, 32, 613) waits and resumes; an outage is tried again with a growing wait.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, Utc};
use rapport_domain::influencers::profile_field;
use rapport_domain::notifications::NotificationKind;
use rapport_domain::profiles::Platform;
use rapport_domain::sources::MatchedBy;
use rapport_domain::SourceId;
use rapport_integrations::facebook::{Graph, GraphPage, Profile};
use rapport_integrations::list_providers::ProviderError;
use rapport_store::sources::{self, ContactRow, MatchRow, SourceRow};
use rapport_store::{influencers as stored_influencers, new_id, time, DbConnection};
use serde::{Deserialize, Serialize};

use crate::crm::influencers;
use crate::data_key::DataKey;
use crate::error::ApiResult;
use crate::jobs::runner::{JobContext, Outcome};
use crate::notifications::notify::{self, Event};
use crate::sources::list_sync::{begin_sync, fail_source, store_linked, verdict};
use crate::sources::page_settings::PageSettings;

/// Days of tags and media a sync reads back.
pub const WINDOW_DAYS: i64 = 90;
/// Comment pages read of one media, at most.
const COMMENT_PAGES_MAX: usize = 20;
/// The wait after a rate limit (Graph says not how long: its limits count over an hour).
const RATE_LIMIT_WAIT: Duration = Duration::from_secs(15 * 60);

/// Reads Instagram fans (for the `source_sync` job).
pub struct FanSync {
    /// The data key (the fans' hashes; the stored page token).
    pub key: DataKey,
    /// The HTTP client.
    pub http: reqwest::Client,
    /// Where the Graph API is.
    pub graph_url: String,
}

/// What a sync reads now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Phase {
    Tags,
    Media,
    Lookups,
}

/// A fan waiting for its lookup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Fan {
    handle: String,
    detail: String,
    link: Option<String>,
}

/// Where a sync stands (the job's cursor).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct FanCursor {
    phase: Phase,
    /// The `after` cursor of the next page of the phase's edge.
    page: Option<String>,
    /// Fans to look up, oldest found first.
    pending: Vec<Fan>,
    /// Tags and media older than this are not read.
    since: DateTime<Utc>,
    /// Fans read, and looked up.
    done: i64,
    /// New matches found.
    found: i64,
}

/// A fan as read: a handle and the brand's words about it.
struct Seen {
    handle: String,
    detail: String,
    link: Option<String>,
}

fn day(at: Option<DateTime<Utc>>) -> String {
    at.map(|at| format!(" on {}", at.format("%Y-%m-%d")))
        .unwrap_or_default()
}

/// A handle as Instagram spells it (lower case, no `@`); none for one that cannot be.
fn handle_of(username: Option<&str>) -> Option<String> {
    let text = username?.trim().trim_start_matches('@').to_lowercase();
    let valid = !text.is_empty()
        && text.len() <= 30
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_');
    valid.then_some(text)
}

impl FanSync {
    fn graph(&self, token: &str) -> Result<Graph, ProviderError> {
        Graph::at(self.http.clone(), &self.graph_url, token)
    }

    /// Syncs the Instagram source `id` (the job's source).
    pub async fn sync(&self, job: &JobContext, id: SourceId) -> ApiResult<Outcome> {
        let found = job
            .db
            .run(move |conn| Ok(sources::find_numbered(conn, id)?));
        let Some((source, number)) = found.await? else {
            return Ok(Outcome::Done);
        };
        let Some(settings) = PageSettings::read(source.settings.as_deref()) else {
            return Ok(Outcome::Abandoned(format!(
                "source {id} is not an Instagram account"
            )));
        };
        let Some(account) = settings.instagram_account_id.clone() else {
            let why = "The page has no Instagram business account: connect one to the page, then \
                       reconnect with Facebook."
                .to_owned();
            return fail_source(job, id, why, true).await;
        };
        let token = match (&source.secret, &source.secret_key_id) {
            (Some(sealed), Some(key_id)) => self.key.open(&id.to_string(), key_id, sealed),
            _ => None,
        };
        let Some(token) = token else {
            let why = "The stored Facebook login can no longer be read (the server's data key \
                       changed): reconnect with Facebook."
                .to_owned();
            return fail_source(job, id, why, true).await;
        };
        let graph = match self.graph(&token) {
            Ok(graph) => graph,
            Err(error) => return self.provider_failed(job, id, error).await,
        };
        let now = job.clock.now();
        let mut cursor = job
            .job
            .cursor
            .as_deref()
            .and_then(|text| serde_json::from_str::<FanCursor>(text).ok())
            .unwrap_or(FanCursor {
                phase: Phase::Tags,
                page: None,
                pending: Vec::new(),
                since: time::utc(now) - chrono::Duration::days(WINDOW_DAYS),
                done: 0,
                found: 0,
            });
        let targets = begin_sync(job, &source, &self.key, now).await?;
        let team = source.team_id;
        let own = handle_of(settings.instagram_username.as_deref());
        loop {
            let read = match cursor.phase {
                Phase::Tags => self.tags(&graph, &account, &mut cursor).await,
                Phase::Media => self.media(&graph, &account, &mut cursor).await,
                Phase::Lookups => break,
            };
            let seen = match read {
                Ok(seen) => seen,
                Err(error) => return self.provider_failed(job, id, error).await,
            };
            let mut handles = HashSet::new();
            let seen: Vec<Seen> = seen
                .into_iter()
                .filter(|fan| Some(&fan.handle) != own.as_ref())
                .filter(|fan| handles.insert(fan.handle.clone()))
                .collect();
            let rows: Vec<ContactRow> = seen
                .iter()
                .map(|fan| fan_contact(&self.key, number, &fan.handle, &fan.detail))
                .collect();
            let links: HashMap<String, String> = rows
                .iter()
                .zip(&seen)
                .filter_map(|(row, fan)| Some((row.email_hash.clone(), fan.link.clone()?)))
                .collect();
            // Only this job writes this source's contacts: what it holds now stays so until
            // the page below commits.
            let hashes: Vec<String> = rows.iter().map(|row| row.email_hash.clone()).collect();
            let known: HashSet<String> = job
                .db
                .run(move |conn| Ok(sources::known_contacts(conn, number, &hashes)?))
                .await?
                .into_iter()
                .collect();
            for (row, fan) in rows.iter().zip(&seen) {
                let new = !known.contains(&row.email_hash)
                    && targets.matches(row).is_empty()
                    && !cursor.pending.iter().any(|p| p.handle == fan.handle);
                if new {
                    cursor.pending.push(Fan {
                        handle: fan.handle.clone(),
                        detail: fan.detail.clone(),
                        link: fan.link.clone(),
                    });
                }
            }
            cursor.done += seen.len() as i64;
            let text = serde_json::to_string(&cursor).unwrap_or_default();
            let targets = targets.clone();
            let at = job.clock.now();
            let found = job
                .progress(Some(text), cursor.done, None, move |conn| {
                    store_linked(conn, id, team, &rows, &targets, &links, at)
                })
                .await?;
            cursor.found += found as i64;
        }
        let threshold = settings.threshold();
        while let Some(fan) = cursor.pending.first().cloned() {
            let profile = match graph.business_discovery(&account, &fan.handle).await {
                Ok(profile) => profile,
                // One account Graph cannot tell about (gone, renamed): the fan is left out, the
                // sync goes on.
                Err(ProviderError::Unexpected(why)) => {
                    tracing::warn!(source = %id, %why, "a fan could not be looked up");
                    None
                }
                Err(error) => return self.provider_failed(job, id, error).await,
            };
            cursor.pending.remove(0);
            cursor.done += 1;
            let text = serde_json::to_string(&cursor).unwrap_or_default();
            let key = self.key.clone();
            let source = source.clone();
            let at = job.clock.now();
            let found = job
                .progress(Some(text), cursor.done, None, move |conn| {
                    adopt(conn, &key, &source, &fan, profile, threshold, at)
                })
                .await?;
            cursor.found += found as i64;
        }
        let found = cursor.found;
        let name = settings
            .instagram_username
            .as_deref()
            .map_or_else(|| settings.page_name.clone(), |name| format!("@{name}"));
        job.complete(move |conn, done| {
            sources::record_counts(conn, id, done)?;
            if found > 0 {
                let text = match found {
                    1 => format!("1 creator tagged or commented on your Instagram {name}"),
                    n => format!("{n} creators tagged or commented on your Instagram {name}"),
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

    /// A page of the media the brand is tagged in; the phase moves on after the last page in
    /// the window.
    async fn tags(
        &self,
        graph: &Graph,
        account: &str,
        cursor: &mut FanCursor,
    ) -> Result<Vec<Seen>, ProviderError> {
        let page: GraphPage<_> = graph.tags(account, cursor.page.as_deref()).await?;
        let mut older = false;
        let mut seen = Vec::new();
        for tagged in page.items {
            if tagged.timestamp.is_some_and(|at| at < cursor.since) {
                older = true;
                continue;
            }
            if let Some(handle) = handle_of(tagged.username.as_deref()) {
                seen.push(Seen {
                    handle,
                    detail: format!("tagged you on Instagram{}", day(tagged.timestamp)),
                    link: tagged.permalink,
                });
            }
        }
        match page.next.filter(|_| !older) {
            Some(next) => cursor.page = Some(next),
            None => {
                cursor.phase = Phase::Media;
                cursor.page = None;
            }
        }
        Ok(seen)
    }

    /// A page of the brand's media with their comments; the phase moves on after the last page
    /// in the window.
    async fn media(
        &self,
        graph: &Graph,
        account: &str,
        cursor: &mut FanCursor,
    ) -> Result<Vec<Seen>, ProviderError> {
        let page = graph.media(account, cursor.page.as_deref()).await?;
        let mut older = false;
        let mut seen = Vec::new();
        for media in page.items {
            if media.timestamp.is_some_and(|at| at < cursor.since) {
                older = true;
                continue;
            }
            if media.comments_count == Some(0) {
                continue;
            }
            let mut after: Option<String> = None;
            for _ in 0..COMMENT_PAGES_MAX {
                let comments = graph.comments(&media.id, after.as_deref()).await?;
                for comment in comments.items {
                    if let Some(handle) = handle_of(comment.username.as_deref()) {
                        seen.push(Seen {
                            handle,
                            detail: format!(
                                "commented on your Instagram post{}",
                                day(comment.timestamp)
                            ),
                            link: media.permalink.clone(),
                        });
                    }
                }
                match comments.next {
                    Some(next) => after = Some(next),
                    None => break,
                }
            }
        }
        match page.next.filter(|_| !older) {
            Some(next) => cursor.page = Some(next),
            None => {
                cursor.phase = Phase::Lookups;
                cursor.page = None;
            }
        }
        Ok(seen)
    }

    /// What a Graph error does to the sync.
    async fn provider_failed(
        &self,
        job: &JobContext,
        id: SourceId,
        error: ProviderError,
    ) -> ApiResult<Outcome> {
        let verdict = verdict(
            error,
            job.job.attempts,
            "Reconnect with Facebook to read the fans again.",
            Some(RATE_LIMIT_WAIT),
            "Facebook asked to slow down".to_owned(),
        );
        verdict.apply(job, id).await
    }
}

/// A fan's contact: keyed by the hash of its handle (a fan has no address), like every
/// contact's key only a hash.
fn fan_contact(key: &DataKey, number: i64, handle: &str, detail: &str) -> ContactRow {
    let hash = key.handle_hash(Platform::Instagram, handle);
    ContactRow {
        source_number: number,
        email_hash: hash.clone(),
        instagram_hash: Some(hash),
        tiktok_hash: None,
        youtube_hash: None,
        detail: detail.to_owned(),
        subscribed: true,
    }
}

/// A fan looked up: with enough followers, it becomes one of the team's influencers (or the
/// team's influencer of that account takes the followers) and a match. Answers the new matches.
fn adopt(
    conn: &mut DbConnection,
    key: &DataKey,
    source: &SourceRow,
    fan: &Fan,
    profile: Option<Profile>,
    threshold: i64,
    now: NaiveDateTime,
) -> ApiResult<usize> {
    let Some(profile) = profile else {
        return Ok(0);
    };
    let followers = profile.followers_count.unwrap_or(0);
    let (Some(actor), Ok(account)) = (
        source.created_by,
        profile_field(&fan.handle, Some(Platform::Instagram)),
    ) else {
        return Ok(0);
    };
    if followers < threshold {
        return Ok(0);
    }
    let name: String = profile
        .name
        .as_deref()
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .unwrap_or(&fan.handle)
        .chars()
        .take(rapport_domain::influencers::DISPLAY_NAME_MAX)
        .collect();
    let (row, _) = influencers::find_or_create(conn, source.team_id, &account, Some(&name), actor)?;
    stored_influencers::set_stats(conn, row.id, followers, now)?;
    let hash = key.handle_hash(Platform::Instagram, &account.key);
    if sources::has_influencer_match(conn, source.id, &hash, row.id)? {
        return Ok(0);
    }
    sources::insert_matches(
        conn,
        &[MatchRow {
            id: new_id(),
            team_id: source.team_id,
            source_id: source.id,
            email_hash: hash,
            creator_id: None,
            influencer_id: Some(row.id),
            matched_by: MatchedBy::Instagram.as_str().to_owned(),
            detail: fan.detail.clone(),
            dismissed: false,
            created_at: now,
            link: fan.link.clone(),
        }],
    )?;
    Ok(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_are_instagrams_spelling_or_none() {
        assert_eq!(handle_of(Some("@Mia.Lens")).as_deref(), Some("mia.lens"));
        assert_eq!(handle_of(Some(" ava_bakes ")).as_deref(), Some("ava_bakes"));
        assert_eq!(handle_of(Some("not a handle")), None);
        assert_eq!(handle_of(Some("")), None);
        assert_eq!(handle_of(None), None);
        assert_eq!(handle_of(Some(&"a".repeat(31))), None);
    }
}
