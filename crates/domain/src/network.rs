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
