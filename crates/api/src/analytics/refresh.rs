//! The `profile_refresh` job: reads the figures and recent posts of a team's accounts (subject
//! `team:{id}`, daily: accounts read within the last [`FRESH_HOURS`] are skipped) or of one
//! influencer's (subject `influencer:{id}`, "refresh now": all of them).
//!
//! Accounts go in id order; each one's figures, snapshot and posts commit with the job's cursor
//! (the last account done), so a refresh killed mid-way resumes after the last account stored and
//! reads none twice. An account whose platform the team has no credentials for is passed over
//! (the view says which integration is missing). A problem of one account (private, not found)
//! is recorded on it. A refused key or token is recorded on each account of its platform, which
//! is not asked again in that run. A rate limit, an exhausted quota or Instagram's usage past
//! [`USAGE_LIMIT`] percent waits, from the cursor: until YouTube's quota resets, an hour for
//! Instagram (its limits count over an hour); an outage is tried again with a growing wait.

use std::collections::HashMap;
use std::time::Duration;

use rapport_domain::analytics::{ENGAGEMENT_POSTS, REFRESH_HOURS};
use rapport_domain::content::{carries, TRACK_DAYS};
use rapport_domain::profiles::Platform;
use rapport_domain::{AccountId, BoardId, InfluencerId, TeamId};
use rapport_integrations::facebook::Graph;
use rapport_integrations::list_providers::ProviderError;
use rapport_integrations::tiktok::TikTok;
use rapport_integrations::youtube::{quota_resets_after, YouTube};
use rapport_store::analytics::{self, AccountsOf, PostRow};
use rapport_store::content::{self, BoardPostRow, TrackingRow};
use rapport_store::influencers::{self as stored_influencers, AccountRow};
use rapport_store::jobs::{self, JobRow};
use rapport_store::verifications::{self, LoginRow};
use rapport_store::{new_id, time, DbConnection};

use crate::analytics::credentials::{self, Credentials};
use crate::analytics::readers::{self, NotRead, ReadPost, Reading, Tracked};
use crate::data_key::DataKey;
use crate::error::ApiResult;
use crate::jobs::kinds;
use crate::jobs::runner::{JobContext, JobHandler, Outcome, Running};
use crate::network::verifications::{self as platform_logins, LoginTrouble, PlatformApps};

/// A daily refresh skips accounts read within these hours.
pub const FRESH_HOURS: i64 = REFRESH_HOURS - 4;
/// Instagram's usage (percent of the app's hourly allowance) past which a refresh waits.
pub const USAGE_LIMIT: u8 = 90;
/// The wait after Instagram's rate limit or usage limit.
const INSTAGRAM_WAIT: Duration = Duration::from_secs(3_600);
/// Accounts read from the database at a time.
const BATCH: i64 = 50;

/// What a refresh covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// A team's accounts not read lately.
    Team(TeamId),
    /// One influencer's accounts, all of them.
    Influencer(InfluencerId),
    /// The accounts of a board's influencers, all of them (its hashtag was just set).
    Board(BoardId),
}

impl Scope {
    /// The job's subject.
    pub fn subject(self) -> String {
        match self {
            Self::Team(team) => format!("team:{team}"),
            Self::Influencer(influencer) => format!("influencer:{influencer}"),
            Self::Board(board) => format!("board:{board}"),
        }
    }

    /// The scope a subject names.
    pub fn parse(subject: &str) -> Option<Self> {
        if let Some(id) = subject.strip_prefix("team:") {
            return id.parse().ok().map(Self::Team);
        }
        if let Some(id) = subject.strip_prefix("board:") {
            return id.parse().ok().map(Self::Board);
        }
        subject
            .strip_prefix("influencer:")
            .and_then(|id| id.parse().ok())
            .map(Self::Influencer)
    }
}

/// Queues a refresh of `scope` (of `team`), due now, unless one is queued.
pub fn queue(
    conn: &mut DbConnection,
    team: TeamId,
    scope: Scope,
    now: chrono::NaiveDateTime,
) -> ApiResult<()> {
    jobs::enqueue(
        conn,
        &JobRow::new(kinds::PROFILE_REFRESH, &scope.subject(), now, now).for_team(team),
    )?;
    Ok(())
}

/// Whether a refresh of `scope` is queued or running.
pub fn pending(conn: &mut DbConnection, scope: Scope) -> ApiResult<bool> {
    Ok(jobs::find_live(conn, kinds::PROFILE_REFRESH, &scope.subject())?.is_some())
}

/// Runs `profile_refresh` jobs.
pub struct ProfileRefresh {
    /// The data key (the team's sealed credentials).
    pub key: DataKey,
    /// The HTTP client.
    pub http: reqwest::Client,
    /// Where the Graph API is.
    pub graph_url: String,
    /// Where the YouTube Data API is (Google's unless configured).
    pub youtube_url: Option<String>,
    /// The platforms creators log in on (TikTok accounts are read through the login of the
    /// creator who verified them, renewed with these apps).
    pub platform_logins: PlatformApps,
}

impl JobHandler for ProfileRefresh {
    fn kind(&self) -> &'static str {
        kinds::PROFILE_REFRESH
    }

    fn run<'a>(&'a self, job: &'a JobContext) -> Running<'a> {
        Box::pin(async move {
            match self.refresh(job).await {
                Ok(outcome) => outcome,
                Err(error) => Outcome::Retry {
                    after: backoff(job.job.attempts),
                    error: error.to_string(),
                },
            }
        })
    }
}

/// A growing wait after an outage: a minute, doubling, at most an hour.
fn backoff(attempts: i32) -> Duration {
    let exponent = u32::try_from(attempts.clamp(0, 6)).unwrap_or(0);
    Duration::from_secs(60 * 2_u64.pow(exponent)).min(INSTAGRAM_WAIT)
}

/// The clients of the team's credentials.
struct Clients {
    instagram: Option<(Graph, String)>,
    youtube: Option<YouTube>,
    /// Why a platform is not asked again in this run (its key or token was refused).
    refused: HashMap<Platform, String>,
}

impl ProfileRefresh {
    fn clients(&self, credentials: &Credentials) -> Clients {
        let instagram = credentials.instagram.as_ref().and_then(|login| {
            Graph::at(self.http.clone(), &self.graph_url, &login.token)
                .ok()
                .map(|graph| (graph, login.account.clone()))
        });
        let youtube = credentials
            .youtube_key
            .as_deref()
            .and_then(|key| YouTube::new(self.http.clone(), self.youtube_url.as_deref(), key).ok());
        Clients {
            instagram,
            youtube,
            refused: HashMap::new(),
        }
    }

    async fn refresh(&self, job: &JobContext) -> ApiResult<Outcome> {
        let Some(scope) = Scope::parse(&job.job.subject) else {
            return Ok(Outcome::Abandoned(format!(
                "{:?} names no team or influencer",
                job.job.subject
            )));
        };
        let key = self.key.clone();
        let found = job
            .db
            .run(move |conn| {
                let team = match scope {
                    Scope::Team(team) => Some(team),
                    Scope::Influencer(id) => {
                        stored_influencers::find(conn, id)?.map(|row| row.team_id)
                    }
                    Scope::Board(id) => {
                        rapport_store::boards::find_board(conn, id)?.map(|row| row.team_id)
                    }
                };
                match team {
                    Some(team) => Ok(Some((team, credentials::of_team(conn, &key, team)?))),
                    None => Ok(None),
                }
            })
            .await?;
        let Some((_team, credentials)) = found else {
            return Ok(Outcome::Done);
        };
        let mut clients = self.clients(&credentials);
        let mut cursor: Option<AccountId> = job.job.cursor.as_deref().and_then(|c| c.parse().ok());
        let mut done = job.job.progress_done;
        loop {
            let after = cursor;
            let batch = job
                .db
                .run(move |conn| {
                    Ok(match scope {
                        Scope::Team(team) => {
                            analytics::accounts_after(conn, AccountsOf::Team(team), after, BATCH)?
                        }
                        Scope::Influencer(id) => analytics::accounts_after(
                            conn,
                            AccountsOf::Influencer(id),
                            after,
                            i64::MAX,
                        )?,
                        Scope::Board(id) => {
                            analytics::accounts_after(conn, AccountsOf::Board(id), after, i64::MAX)?
                        }
                    })
                })
                .await?;
            if batch.is_empty() {
                return Ok(Outcome::Done);
            }
            let last_of_batch = !matches!(scope, Scope::Team(_));
            for account in batch {
                let now = job.clock.now();
                let fresh = matches!(scope, Scope::Team(_))
                    && account
                        .stats_updated_at
                        .is_some_and(|at| now - at < chrono::Duration::hours(FRESH_HOURS));
                let login = if account.platform == Platform::Tiktok && !fresh {
                    let (team, key) = (account.team_id, account.handle_key.clone());
                    job.db
                        .run(move |conn| {
                            Ok(verifications::shared_login_for(
                                conn,
                                team,
                                Platform::Tiktok,
                                &key,
                            )?)
                        })
                        .await?
                } else {
                    None
                };
                let readable = credentials.missing(account.platform).is_none() || login.is_some();
                let result = if fresh || !readable {
                    None
                } else if let Some(why) = clients.refused.get(&account.platform) {
                    Some(Err(NotRead::Problem(why.clone())))
                } else {
                    let (influencer, account_id) = (account.influencer_id, account.id);
                    let since = now - chrono::Duration::days(TRACK_DAYS);
                    let tracked = job
                        .db
                        .run(move |conn| {
                            Ok(Tracked {
                                boards: content::trackings_of_influencer(conn, influencer)?,
                                posts: content::tracked_external_ids(conn, account_id, since)?,
                            })
                        })
                        .await?;
                    let read = self.read(&clients, &account, login, &tracked, job).await;
                    Some(read.map(|reading| (reading, tracked.boards)))
                };
                let id = account.id;
                let outcome = match result {
                    // Nothing to record: the cursor moves on here, and is stored with the next
                    // account recorded (a rerun passes over these again, cheaply).
                    None => {
                        cursor = Some(id);
                        continue;
                    }
                    Some(Ok((reading, trackings))) => {
                        let team = account.team_id;
                        Step::Record(Box::new(move |conn: &mut DbConnection| {
                            store_reading(conn, team, id, &reading, &trackings, now)
                        }))
                    }
                    Some(Err(NotRead::Problem(why))) => {
                        Step::Record(Box::new(move |conn: &mut DbConnection| {
                            analytics::set_problem(conn, id, Some(&why))?;
                            Ok(())
                        }))
                    }
                    Some(Err(NotRead::Provider(error))) => {
                        match self.provider_step(&mut clients, &account, error, job) {
                            Some(step) => step,
                            None => continue,
                        }
                    }
                };
                match outcome {
                    Step::Record(work) => {
                        done += 1;
                        job.progress(Some(id.to_string()), done, None, move |conn| work(conn))
                            .await?;
                        cursor = Some(id);
                    }
                    Step::Wait(outcome) => return Ok(outcome),
                }
                if let Some((graph, _)) = &clients.instagram {
                    if account.platform == Platform::Instagram
                        && graph
                            .usage_percent()
                            .is_some_and(|usage| usage >= USAGE_LIMIT)
                    {
                        return Ok(Outcome::Retry {
                            after: INSTAGRAM_WAIT,
                            error: "Instagram's hourly allowance is nearly used: waiting"
                                .to_owned(),
                        });
                    }
                }
            }
            if last_of_batch {
                return Ok(Outcome::Done);
            }
        }
    }

    async fn read(
        &self,
        clients: &Clients,
        account: &AccountRow,
        login: Option<LoginRow>,
        tracked: &Tracked,
        job: &JobContext,
    ) -> Result<Reading, NotRead> {
        match account.platform {
            Platform::Instagram => match &clients.instagram {
                Some((graph, business)) => {
                    readers::instagram(graph, business, &account.handle, tracked).await
                }
                None => Err(NotRead::Problem("Instagram is not connected.".to_owned())),
            },
            Platform::Youtube => match &clients.youtube {
                Some(client) => readers::youtube(client, &account.handle, tracked).await,
                None => Err(NotRead::Problem("No YouTube key is stored.".to_owned())),
            },
            Platform::Tiktok => match login {
                Some(login) => self.read_tiktok(login, tracked, job).await,
                None => Err(NotRead::Problem(
                    "TikTok shows an account's figures only once its creator connects it."
                        .to_owned(),
                )),
            },
        }
    }

    /// Reads a TikTok account through the login of the creator who verified it. A login TikTok
    /// no longer takes is that creator's to renew: recorded on the login and on the account,
    /// and the run goes on with the other accounts.
    async fn read_tiktok(
        &self,
        login: LoginRow,
        tracked: &Tracked,
        job: &JobContext,
    ) -> Result<Reading, NotRead> {
        let account = login.account_id;
        let token = platform_logins::access_token(
            &job.db,
            &self.key,
            &self.http,
            &self.platform_logins,
            Platform::Tiktok,
            login,
            job.clock.now(),
        )
        .await;
        let why = match token {
            Ok(token) => {
                let client = TikTok::new(
                    self.http.clone(),
                    self.platform_logins.tiktok_url.as_deref(),
                    &token,
                )?;
                match readers::tiktok(&client, tracked).await {
                    Err(NotRead::Provider(ProviderError::Refused(why))) => why,
                    other => return other,
                }
            }
            Err(LoginTrouble::Refused(why)) => why,
            Err(LoginTrouble::Provider(error)) => return Err(NotRead::Provider(error)),
        };
        let why = format!("{why} The creator logs in on TikTok again from their profile.");
        let told = why.clone();
        job.db
            .write(move |conn| {
                verifications::set_login_problem(conn, account, Some(&told))?;
                Ok(())
            })
            .await
            .map_err(|error| NotRead::Provider(ProviderError::Unavailable(error.to_string())))?;
        Err(NotRead::Problem(why))
    }

    /// What a provider's error means for the run: a refused credential is recorded and its
    /// platform not asked again; a rate limit or an outage waits from the cursor; an unusable
    /// answer is this account's problem.
    fn provider_step(
        &self,
        clients: &mut Clients,
        account: &AccountRow,
        error: ProviderError,
        job: &JobContext,
    ) -> Option<Step> {
        let id = account.id;
        match error {
            ProviderError::Refused(why) => {
                let why = match account.platform {
                    Platform::Instagram => {
                        format!("{why} Reconnect the team's Instagram on the Data sources page.")
                    }
                    _ => format!("{why} Store a new key under Team → Integrations."),
                };
                clients.refused.insert(account.platform, why.clone());
                Some(Step::Record(Box::new(move |conn: &mut DbConnection| {
                    analytics::set_problem(conn, id, Some(&why))?;
                    Ok(())
                })))
            }
            ProviderError::RateLimited { retry_after } => {
                let after = retry_after.unwrap_or_else(|| match account.platform {
                    Platform::Youtube => quota_resets_after(time::utc(job.clock.now())),
                    _ => INSTAGRAM_WAIT,
                });
                Some(Step::Wait(Outcome::Retry {
                    after,
                    error: format!("{} asks to slow down", account.platform.label()),
                }))
            }
            ProviderError::Unavailable(why) => Some(Step::Wait(Outcome::Retry {
                after: backoff(job.job.attempts),
                error: why,
            })),
            ProviderError::Unexpected(why) => {
                Some(Step::Record(Box::new(move |conn: &mut DbConnection| {
                    analytics::set_problem(conn, id, Some(&why))?;
                    Ok(())
                })))
            }
        }
    }
}

type Work = Box<dyn FnOnce(&mut DbConnection) -> ApiResult<()> + Send>;

/// What to do after an account.
enum Step {
    /// Record this with the cursor past the account.
    Record(Work),
    /// Stop here; the cursor stays before the account.
    Wait(Outcome),
}

/// Stores a reading: the account's figures and the day's snapshot, its posts (only its newest
/// kept, beside those added by hand and those on boards), the new figures of its tracked posts,
/// and its posts carrying a hashtag a board of the influencer tracks (posted since the board
/// began tracking it) put on that board.
pub fn store_reading(
    conn: &mut DbConnection,
    team: TeamId,
    account: AccountId,
    reading: &Reading,
    trackings: &[TrackingRow],
    now: chrono::NaiveDateTime,
) -> ApiResult<()> {
    analytics::record_figures(conn, account, &reading.figures, now)?;
    let rows: Vec<PostRow> = reading
        .posts
        .iter()
        .map(|post| post_row(team, account, post, reading.figures.source, now))
        .collect();
    analytics::upsert_posts(conn, &rows)?;
    for (external_id, figures) in &reading.tracked_figures {
        analytics::update_figures(conn, account, external_id, *figures, now)?;
    }
    if !trackings.is_empty() {
        let ids: Vec<String> = reading
            .posts
            .iter()
            .map(|post| post.external_id.clone())
            .collect();
        let stored = analytics::find_posts(conn, account, &ids)?;
        let mut links = Vec::new();
        for tracking in trackings {
            for post in &stored {
                let posted_since = post.posted_at.is_some_and(|at| at >= tracking.since);
                let carries = post
                    .caption
                    .as_deref()
                    .is_some_and(|caption| carries(caption, &tracking.hashtag));
                if posted_since && carries {
                    links.push(BoardPostRow {
                        board_id: tracking.board_id,
                        post_id: post.id,
                        hashtag: Some(tracking.hashtag.clone()),
                        added_by: None,
                        created_at: now,
                    });
                }
            }
        }
        content::link_posts(conn, &links)?;
    }
    analytics::trim_posts(conn, account, ENGAGEMENT_POSTS as i64)?;
    Ok(())
}

fn post_row(
    team: TeamId,
    account: AccountId,
    post: &ReadPost,
    source: rapport_domain::analytics::StatsSource,
    now: chrono::NaiveDateTime,
) -> PostRow {
    PostRow {
        id: new_id(),
        team_id: team,
        account_id: account,
        external_id: post.external_id.clone(),
        link: post.link.clone(),
        caption: post.caption.clone(),
        thumbnail_url: post.thumbnail_url.clone(),
        posted_at: post.posted_at.map(|at| at.naive_utc()),
        likes: post.likes,
        comments: post.comments,
        views: post.views,
        source,
        read_at: now,
        created_at: now,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_name_their_scope_and_back() {
        let team = TeamId(uuid::Uuid::now_v7());
        let influencer = InfluencerId(uuid::Uuid::now_v7());
        for scope in [Scope::Team(team), Scope::Influencer(influencer)] {
            assert_eq!(Scope::parse(&scope.subject()), Some(scope));
        }
        assert_eq!(Scope::parse("board:1"), None);
        assert_eq!(Scope::parse("team:not-an-id"), None);
    }

    #[test]
    fn outages_wait_longer_each_time_up_to_an_hour() {
        assert_eq!(backoff(0), Duration::from_secs(60));
        assert_eq!(backoff(2), Duration::from_secs(240));
        assert_eq!(backoff(40), Duration::from_secs(3_600));
    }
}
