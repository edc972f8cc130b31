//! The `creator_refresh` job (subject: a verified account's id, queued daily for each login that
//! reads): the account's followers and engagement rate, read through its creator's login, shown
//! on their profile and to brands in the network. A login the platform refuses is recorded for
//! the creator (their profile asks them to log in again) and not asked again until they do; a
//! rate limit or an outage is tried again later.

use std::time::Duration;

use rapport_domain::profiles::Platform;
use rapport_domain::CreatorAccountId;
use rapport_integrations::facebook::Graph;
use rapport_integrations::list_providers::ProviderError;
use rapport_integrations::tiktok::TikTok;
use rapport_integrations::youtube::YouTube;
use rapport_store::creators;
use rapport_store::jobs::{self, JobRow};
use rapport_store::verifications;
use rapport_store::DbConnection;

use crate::analytics::readers::{self, NotRead, Reading, Tracked};
use crate::data_key::DataKey;
use crate::error::ApiResult;
use crate::jobs::kinds;
use crate::jobs::runner::{JobContext, JobHandler, Outcome, Running};
use crate::network::verifications::{access_token, LoginTrouble, PlatformApps};

/// Queues the refresh of each account whose login reads (the daily analytics job calls it).
pub fn queue_all(conn: &mut DbConnection, now: chrono::NaiveDateTime) -> ApiResult<()> {
    for account in verifications::readable_logins(conn)? {
        jobs::enqueue(
            conn,
            &JobRow::new(kinds::CREATOR_REFRESH, &account.to_string(), now, now),
        )?;
    }
    Ok(())
}

/// Runs `creator_refresh` jobs.
pub struct CreatorRefresh {
    /// The data key (the logins' sealed tokens).
    pub key: DataKey,
    /// The HTTP client.
    pub http: reqwest::Client,
    /// Where the Graph API is (Instagram).
    pub graph_url: String,
    /// The platforms' apps (renewing tokens) and where TikTok and YouTube are.
    pub platform_logins: PlatformApps,
}

impl JobHandler for CreatorRefresh {
    fn kind(&self) -> &'static str {
        kinds::CREATOR_REFRESH
    }

    fn run<'a>(&'a self, job: &'a JobContext) -> Running<'a> {
        Box::pin(async move {
            match self.refresh(job).await {
                Ok(outcome) => outcome,
                Err(error) => Outcome::Retry {
                    after: Duration::from_secs(300),
                    error: error.to_string(),
                },
            }
        })
    }
}

impl CreatorRefresh {
    async fn read(
        &self,
        platform: Platform,
        token: &str,
        external_id: &str,
        handle: &str,
    ) -> Result<Reading, NotRead> {
        let tracked = Tracked::default();
        match platform {
            Platform::Tiktok => {
                let client = TikTok::new(
                    self.http.clone(),
                    self.platform_logins.tiktok_url.as_deref(),
                    token,
                )?;
                readers::tiktok(&client, &tracked).await
            }
            Platform::Youtube => {
                let client = YouTube::with_token(
                    self.http.clone(),
                    self.platform_logins.youtube_url.as_deref(),
                    token,
                )?;
                readers::youtube(&client, handle, &tracked).await
            }
            Platform::Instagram => {
                let graph = Graph::at(self.http.clone(), &self.graph_url, token)?;
                readers::instagram(&graph, external_id, handle, &tracked).await
            }
        }
    }

    async fn refresh(&self, job: &JobContext) -> ApiResult<Outcome> {
        let Ok(account) = job.job.subject.parse::<CreatorAccountId>() else {
            return Ok(Outcome::Abandoned(format!(
                "{:?} names no creator account",
                job.job.subject
            )));
        };
        let found = job
            .db
            .run(move |conn| {
                let login = verifications::find_login(conn, account)?;
                let row = verifications::find_account(conn, account)?;
                Ok(login.zip(row))
            })
            .await?;
        // Forgotten or released since it was queued.
        let Some((login, row)) = found else {
            return Ok(Outcome::Done);
        };
        let (platform, external_id) = (row.platform, login.external_id.clone());
        let token = access_token(
            &job.db,
            &self.key,
            &self.http,
            &self.platform_logins,
            platform,
            login,
            job.clock.now(),
        )
        .await;
        let read = match token {
            Ok(token) => self.read(platform, &token, &external_id, &row.handle).await,
            Err(LoginTrouble::Refused(why)) => Err(NotRead::Problem(why)),
            Err(LoginTrouble::Provider(error)) => Err(NotRead::Provider(error)),
        };
        let creator = row.creator_id;
        match read {
            Ok(reading) => {
                job.complete(move |conn, now| {
                    verifications::set_account_figures(
                        conn,
                        account,
                        reading.figures.followers,
                        reading.figures.engagement_rate,
                    )?;
                    verifications::set_login_problem(conn, account, None)?;
                    creators::touch(conn, creator, now)?;
                    Ok(())
                })
                .await
            }
            Err(NotRead::Problem(why))
            | Err(NotRead::Provider(ProviderError::Refused(why)))
            | Err(NotRead::Provider(ProviderError::Unexpected(why))) => {
                let why = format!(
                    "{why} Log in on {} again to verify the account.",
                    platform.label()
                );
                job.complete(move |conn, _| {
                    verifications::set_login_problem(conn, account, Some(&why))?;
                    Ok(())
                })
                .await
            }
            Err(NotRead::Provider(ProviderError::RateLimited { retry_after })) => {
                Ok(Outcome::Retry {
                    after: retry_after.unwrap_or(Duration::from_secs(3_600)),
                    error: format!("{} asks to slow down", platform.label()),
                })
            }
            Err(NotRead::Provider(ProviderError::Unavailable(why))) => Ok(Outcome::Retry {
                after: Duration::from_secs(600),
                error: why,
            }),
        }
    }
}
