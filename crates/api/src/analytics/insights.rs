//! The influencer view's analytics: each account's figures with where and when they were read
//! (or what the team lacks to read them), its recent posts and its history for the charts;
//! figures typed in by hand; a refresh asked for now.

use chrono::{NaiveDate, NaiveDateTime};
use rapport_domain::analytics::{
    AccountHistory, AccountInsights, ChartRange, InfluencerInsights, ManualStats, StatsSource,
    ENGAGEMENT_POSTS, REFRESH_HOURS,
};
use rapport_domain::profiles::Platform;
use rapport_domain::{AccountId, InfluencerId, UserId};
use rapport_store::analytics::{self, day_number, Figures};
use rapport_store::influencers::{self as stored_influencers, AccountRow, InfluencerRow};
use rapport_store::DbConnection;

use crate::access::influencer_for;
use crate::analytics::credentials::{self, Credentials};
use crate::analytics::refresh::{self, Scope};
use crate::data_key::DataKey;
use crate::error::{ApiError, ApiResult};

fn account_insights(
    conn: &mut DbConnection,
    account: &AccountRow,
    credentials: &Credentials,
) -> ApiResult<AccountInsights> {
    let posts = analytics::recent_posts(conn, account.id, ENGAGEMENT_POSTS as i64)?;
    // Figures typed in by hand stand until the platform can be read. A TikTok account reads
    // through the login of a creator connected with the team who verified it and shares it.
    let missing = credentials.missing(account.platform).filter(|_| {
        account.platform != Platform::Tiktok
            || rapport_store::verifications::shared_login_for(
                conn,
                account.team_id,
                Platform::Tiktok,
                &account.handle_key,
            )
            .ok()
            .flatten()
            .is_none()
    });
    Ok(AccountInsights {
        account: account.to_account(),
        avg_likes: account.avg_likes,
        avg_comments: account.avg_comments,
        avg_views: account.avg_views,
        source: account.stats_source,
        problem: account.stats_problem.clone(),
        missing_integration: missing,
        advice: missing.map(|missing| missing.advice().to_owned()),
        recent_posts: posts
            .iter()
            .map(|post| post.to_post(account.platform))
            .collect(),
    })
}

fn insights_of(
    conn: &mut DbConnection,
    key: &DataKey,
    influencer: &InfluencerRow,
) -> ApiResult<InfluencerInsights> {
    // Whether a refresh is pending is read first: when it says none, the figures read after
    // include everything the last refresh stored (the view is not one snapshot on PostgreSQL).
    let refreshing = refresh::pending(conn, Scope::Influencer(influencer.id))?;
    let credentials = credentials::of_team(conn, key, influencer.team_id)?;
    let accounts = stored_influencers::accounts_of(conn, influencer.id)?
        .iter()
        .map(|account| account_insights(conn, account, &credentials))
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(InfluencerInsights {
        accounts,
        refreshing,
        refresh_every_hours: REFRESH_HOURS,
    })
}

/// The influencer's analytics.
pub fn view(
    conn: &mut DbConnection,
    key: &DataKey,
    actor: UserId,
    id: InfluencerId,
) -> ApiResult<InfluencerInsights> {
    let (influencer, _) = influencer_for(conn, id, actor)?;
    insights_of(conn, key, &influencer)
}

/// Queues a refresh of the influencer's accounts now; answers the analytics as they are.
pub fn request_refresh(
    conn: &mut DbConnection,
    key: &DataKey,
    actor: UserId,
    id: InfluencerId,
    now: NaiveDateTime,
) -> ApiResult<InfluencerInsights> {
    let (influencer, _) = influencer_for(conn, id, actor)?;
    refresh::queue(conn, influencer.team_id, Scope::Influencer(id), now)?;
    insights_of(conn, key, &influencer)
}

fn account_of(
    conn: &mut DbConnection,
    actor: UserId,
    id: InfluencerId,
    account: AccountId,
) -> ApiResult<(InfluencerRow, AccountRow)> {
    let (influencer, _) = influencer_for(conn, id, actor)?;
    let row = stored_influencers::find_account_of(conn, id, account)?
        .ok_or_else(|| ApiError::not_found("account"))?;
    Ok((influencer, row))
}

/// An account's figures over `range`, oldest first.
pub fn history(
    conn: &mut DbConnection,
    actor: UserId,
    id: InfluencerId,
    account: AccountId,
    range: ChartRange,
    today: NaiveDate,
) -> ApiResult<AccountHistory> {
    account_of(conn, actor, id, account)?;
    let from = range.first_day(today).map(day_number);
    let points = analytics::snapshots(conn, account, from)?
        .iter()
        .map(analytics::SnapshotRow::to_point)
        .collect();
    Ok(AccountHistory {
        account_id: account,
        range,
        points,
    })
}

/// Records figures typed in by hand (marked as such, today's snapshot with them).
pub fn set_manual(
    conn: &mut DbConnection,
    key: &DataKey,
    actor: UserId,
    id: InfluencerId,
    account: AccountId,
    stats: &ManualStats,
    now: NaiveDateTime,
) -> ApiResult<AccountInsights> {
    let (influencer, _) = account_of(conn, actor, id, account)?;
    let figures = Figures {
        followers: stats.followers,
        posts: stats.posts,
        avg_likes: stats.avg_likes,
        avg_comments: stats.avg_comments,
        avg_views: stats.avg_views,
        engagement_rate: stats.engagement_rate(),
        source: StatsSource::Manual,
    };
    analytics::record_figures(conn, account, &figures, now)?;
    let credentials = credentials::of_team(conn, key, influencer.team_id)?;
    let (_, row) = account_of(conn, actor, id, account)?;
    account_insights(conn, &row, &credentials)
}
