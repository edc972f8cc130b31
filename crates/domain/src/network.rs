//! The network as brands see it: creators' public profiles, and the team's favourites.

use serde::{Deserialize, Serialize};

use crate::creators::PublicProfile;

/// A creator as brands see them: the public profile (never an e-mail address), and the team's
/// view of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NetworkCreator {
    /// The profile.
    #[serde(flatten)]
    pub profile: PublicProfile,
    /// Whether the team asking starred them.
    pub favourite: bool,
    /// The team's pending invitation to them, if any (revoking it takes this id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invite_id: Option<crate::ConnectionInviteId>,
    /// The team's connection with them, if connected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_id: Option<crate::ConnectionId>,
}

/// Where a team stands with a creator: starred, invited, connected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TeamMarks {
    /// Starred.
    pub favourite: bool,
    /// The pending invitation.
    pub invite_id: Option<crate::ConnectionInviteId>,
    /// The connection.
    pub connection_id: Option<crate::ConnectionId>,
}

/// `GET /api/v1/network/creators/{creator_id}`: the team whose view it is (its favourites).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct TeamView {
    /// One of the caller's teams.
    #[cfg_attr(feature = "openapi", param(value_type = String, format = Uuid))]
    pub team_id: crate::TeamId,
}

/// How explore results are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ExploreSort {
    /// Largest audience first (on the platforms asked for, or on any).
    #[default]
    Followers,
    /// Highest engagement rate first.
    Engagement,
    /// Newest profiles first.
    Newest,
}

/// `GET /api/v1/network/creators`: the filters (combined with AND; the values of one list with
/// OR), the order and the page. A list is given by repeating the parameter:
/// `?platform=instagram&platform=tiktok`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ExploreQuery {
    /// One of the caller's teams (whose favourites and invites the results show).
    #[cfg_attr(feature = "openapi", param(value_type = String, format = Uuid))]
    pub team_id: crate::TeamId,
    /// Creators with an account on one of these platforms; the follower and engagement ranges
    /// then apply to those accounts.
    #[serde(default)]
    pub platform: Vec<crate::profiles::Platform>,
    /// At least this many followers (on the largest account considered).
    #[cfg_attr(feature = "openapi", param(minimum = 0, maximum = 10_000_000_000_i64))]
    pub followers_min: Option<i64>,
    /// At most this many followers.
    #[cfg_attr(feature = "openapi", param(minimum = 0, maximum = 10_000_000_000_i64))]
    pub followers_max: Option<i64>,
    /// Engagement rate at least this (0 to 1, on the best account considered).
    #[cfg_attr(feature = "openapi", param(minimum = 0, maximum = 1))]
    pub engagement_min: Option<f64>,
    /// Engagement rate at most this (0 to 1).
    #[cfg_attr(feature = "openapi", param(minimum = 0, maximum = 1))]
    pub engagement_max: Option<f64>,
    /// Creators living in one of these countries.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", param(value_type = Vec<crate::countries::CountryCode>))]
    pub country: Vec<String>,
    /// Creators filed under one of these categories.
    #[serde(default)]
    pub category: Vec<crate::creators::Category>,
    /// Creators speaking one of these languages.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", param(value_type = Vec<crate::creators::LanguageCode>))]
    pub language: Vec<String>,
    /// Words that must all appear in the name, a handle, the bio or the city (any case).
    #[cfg_attr(feature = "openapi", param(max_length = 200))]
    pub q: Option<String>,
    /// The order (default: followers).
    pub sort: Option<ExploreSort>,
    /// How many creators to return (1 to 200, default 50).
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page (a position in the order: a number, `_`, a
    /// creator's id); omit it for the first page.
    #[cfg_attr(
        feature = "openapi",
        param(
            max_length = 60,
            pattern = "^-?[0-9]{1,18}_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
        )
    )]
    pub cursor: Option<String>,
}

/// How many creators of the current filter have one value of a facet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FacetCount {
    /// The value (a platform, a category or a country code).
    pub value: String,
    /// Creators matching every other filter that have this value.
    pub count: u64,
}

/// Counts for the current filter. Each facet counts creators matching every filter but its own,
/// so that it tells what choosing one of its values would give.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Facets {
    /// Every platform, in a fixed order.
    pub platforms: Vec<FacetCount>,
    /// Every category, in a fixed order.
    pub categories: Vec<FacetCount>,
    /// The countries with at least one creator, most creators first.
    pub countries: Vec<FacetCount>,
}

/// A page of explore results, with the total and the facets of the filter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExplorePage {
    /// The creators of this page.
    pub items: Vec<NetworkCreator>,
    /// The cursor of the next page, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
    /// Creators matching the filter.
    pub total: u64,
    /// Counts per platform, category and country.
    pub facets: Facets,
}

impl ExploreQuery {
    /// No filter, default order, first page, for the team `team_id`.
    pub fn for_team(team_id: crate::TeamId) -> Self {
        Self {
            team_id,
            platform: Vec::new(),
            followers_min: None,
            followers_max: None,
            engagement_min: None,
            engagement_max: None,
            country: Vec::new(),
            category: Vec::new(),
            language: Vec::new(),
            q: None,
            sort: None,
            limit: None,
            cursor: None,
        }
    }
}
