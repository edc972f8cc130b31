//! `/teams/{team_id}`.

use rapport_domain::teams::Team;
use rapport_domain::TeamId;

use super::{get, ApiError};

/// `GET /teams/{team_id}`: the team, with your role in it.
pub async fn get_team(team: TeamId) -> Result<Team, ApiError> {
    get(&format!("/teams/{team}")).await
}
