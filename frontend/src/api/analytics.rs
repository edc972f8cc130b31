//! Account analytics: `/influencers/{influencer_id}/insights`, an account's history and figures
//! typed in by hand, and the team's integrations that read the figures.

use gloo_net::http::Method;
use rapport_domain::analytics::{
    AccountHistory, AccountInsights, ChartRange, InfluencerInsights, ManualStats, SetYoutubeKey,
    TeamIntegrations,
};
use rapport_domain::{AccountId, InfluencerId, TeamId};

use super::{get, send_empty, send_json, ApiError};

/// `GET /influencers/{influencer_id}/insights`.
pub async fn get_insights(influencer: InfluencerId) -> Result<InfluencerInsights, ApiError> {
    get(&format!("/influencers/{influencer}/insights")).await
}

/// `POST /influencers/{influencer_id}/insights/refresh`: read the figures again now.
pub async fn refresh(influencer: InfluencerId) -> Result<InfluencerInsights, ApiError> {
    send_empty(
        Method::POST,
        &format!("/influencers/{influencer}/insights/refresh"),
    )
    .await
}

/// `GET /influencers/{influencer_id}/accounts/{account_id}/snapshots?range=`.
pub async fn history(
    influencer: InfluencerId,
    account: AccountId,
    range: ChartRange,
) -> Result<AccountHistory, ApiError> {
    get(&format!(
        "/influencers/{influencer}/accounts/{account}/snapshots?range={}",
        range.as_str()
    ))
    .await
}

/// `PUT /influencers/{influencer_id}/accounts/{account_id}/stats`: figures typed in by hand.
pub async fn set_stats(
    influencer: InfluencerId,
    account: AccountId,
    stats: &ManualStats,
) -> Result<AccountInsights, ApiError> {
    send_json(
        Method::PUT,
        &format!("/influencers/{influencer}/accounts/{account}/stats"),
        stats,
    )
    .await
}

/// `GET /teams/{team_id}/integrations`.
pub async fn integrations(team: TeamId) -> Result<TeamIntegrations, ApiError> {
    get(&format!("/teams/{team}/integrations")).await
}

/// `PUT /teams/{team_id}/integrations/youtube`: checked with YouTube, then stored.
pub async fn set_youtube_key(team: TeamId, api_key: String) -> Result<TeamIntegrations, ApiError> {
    send_json(
        Method::PUT,
        &format!("/teams/{team}/integrations/youtube"),
        &SetYoutubeKey { api_key },
    )
    .await
}

/// `DELETE /teams/{team_id}/integrations/youtube`.
pub async fn remove_youtube_key(team: TeamId) -> Result<(), ApiError> {
    send_empty(
        Method::DELETE,
        &format!("/teams/{team}/integrations/youtube"),
    )
    .await
}
