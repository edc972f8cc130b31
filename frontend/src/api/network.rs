//! The creator network as brands see it: `/network/creators[/{creator_id}]`,
//! `/teams/{team_id}/favourites[/{creator_id}]`.

use gloo_net::http::Method;
use rapport_domain::network::{ExplorePage, ExploreQuery, NetworkCreator};
use rapport_domain::page::{Page, PageQuery};
use rapport_domain::{CreatorId, TeamId};

use super::{encode_component, get, page_query, send_empty, ApiError};

/// The query string of an explore request (lists repeat their parameter).
pub fn explore_query(query: &ExploreQuery) -> String {
    let mut pairs: Vec<(&str, String)> = vec![("team_id", query.team_id.to_string())];
    pairs.extend(
        query
            .platform
            .iter()
            .map(|p| ("platform", p.as_str().to_owned())),
    );
    pairs.extend(query.country.iter().map(|c| ("country", c.clone())));
    pairs.extend(
        query
            .category
            .iter()
            .map(|c| ("category", c.as_str().to_owned())),
    );
    pairs.extend(query.language.iter().map(|l| ("language", l.clone())));
    let optional = [
        ("followers_min", query.followers_min.map(|v| v.to_string())),
        ("followers_max", query.followers_max.map(|v| v.to_string())),
        (
            "engagement_min",
            query.engagement_min.map(|v| v.to_string()),
        ),
        (
            "engagement_max",
            query.engagement_max.map(|v| v.to_string()),
        ),
        ("q", query.q.clone().filter(|q| !q.trim().is_empty())),
        (
            "sort",
            query.sort.map(|s| {
                serde_json::to_value(s)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default()
            }),
        ),
        ("limit", query.limit.map(|l| l.to_string())),
        ("cursor", query.cursor.clone()),
    ];
    pairs.extend(optional.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))));
    let joined: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode_component(v)))
        .collect();
    format!("?{}", joined.join("&"))
}

/// `GET /network/creators`: a page of the network with its total and facets.
pub async fn explore(query: &ExploreQuery) -> Result<ExplorePage, ApiError> {
    get(&format!("/network/creators{}", explore_query(query))).await
}

/// `GET /teams/{team_id}/favourites`.
pub async fn list_favourites(
    team: TeamId,
    page: &PageQuery,
) -> Result<Page<NetworkCreator>, ApiError> {
    get(&format!("/teams/{team}/favourites{}", page_query(page))).await
}

/// `PUT /teams/{team_id}/favourites/{creator_id}`: star.
pub async fn star(team: TeamId, creator: CreatorId) -> Result<NetworkCreator, ApiError> {
    send_empty(Method::PUT, &format!("/teams/{team}/favourites/{creator}")).await
}

/// `DELETE /teams/{team_id}/favourites/{creator_id}`: unstar.
pub async fn unstar(team: TeamId, creator: CreatorId) -> Result<(), ApiError> {
    send_empty(
        Method::DELETE,
        &format!("/teams/{team}/favourites/{creator}"),
    )
    .await
}
