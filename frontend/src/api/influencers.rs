//! `/influencers/{influencer_id}`.

use gloo_net::http::Method;
use rapport_domain::influencers::{Influencer, UpdateInfluencer};
use rapport_domain::InfluencerId;

use super::{get, send_json, ApiError};

/// `GET /influencers/{influencer_id}`: accounts, stats, contact and shipping details.
pub async fn get_influencer(influencer: InfluencerId) -> Result<Influencer, ApiError> {
    get(&format!("/influencers/{influencer}")).await
}

/// `PATCH /influencers/{influencer_id}`.
pub async fn update_influencer(
    influencer: InfluencerId,
    request: &UpdateInfluencer,
) -> Result<Influencer, ApiError> {
    send_json(
        Method::PATCH,
        &format!("/influencers/{influencer}"),
        request,
    )
    .await
}
