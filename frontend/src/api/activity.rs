//! `/influencers/{influencer_id}/activity`: the history.

use rapport_domain::activity::Activity;
use rapport_domain::page::{Page, PageQuery};
use rapport_domain::InfluencerId;

use super::{get, page_query, ApiError};

/// `GET /influencers/{influencer_id}/activity`: newest first.
pub async fn list_activity(
    influencer: InfluencerId,
    page: &PageQuery,
) -> Result<Page<Activity>, ApiError> {
    get(&format!(
        "/influencers/{influencer}/activity{}",
        page_query(page)
    ))
    .await
}
