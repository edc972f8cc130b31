//! What lists of invitations and connections name (creators, users, teams), read for a whole
//! page at once: a fixed number of queries whatever the page's length.

use std::collections::HashMap;

use rapport_domain::{CreatorId, TeamId, UserId};
use rapport_store::creators::{self, StoredCreator};
use rapport_store::users::{self, UserRow};
use rapport_store::{teams, DbConnection};

use crate::error::ApiResult;

/// The named things of one page.
#[derive(Default)]
pub struct Lookups {
    creators: HashMap<CreatorId, StoredCreator>,
    users: HashMap<UserId, UserRow>,
    teams: HashMap<TeamId, String>,
}

impl Lookups {
    /// Reads the creators (with what they list), the users (the creators' too) and the teams.
    pub fn read(
        conn: &mut DbConnection,
        creator_ids: &[CreatorId],
        user_ids: &[UserId],
        team_ids: &[TeamId],
    ) -> ApiResult<Self> {
        let rows = if creator_ids.is_empty() {
            Vec::new()
        } else {
            creators::find_any_of(conn, creator_ids)?
        };
        let creators: HashMap<CreatorId, StoredCreator> = creators::load_many(conn, rows)?
            .into_iter()
            .map(|creator| (creator.row.id, creator))
            .collect();
        let mut wanted: Vec<UserId> = user_ids.to_vec();
        wanted.extend(creators.values().map(|creator| creator.row.user_id));
        wanted.sort_unstable();
        wanted.dedup();
        let users = users::find_many(conn, &wanted)?
            .into_iter()
            .map(|user| (user.id, user))
            .collect();
        let mut team_ids = team_ids.to_vec();
        team_ids.sort_unstable();
        team_ids.dedup();
        let teams = teams::names(conn, &team_ids)?;
        Ok(Self {
            creators,
            users,
            teams,
        })
    }

    /// A creator read.
    pub fn creator(&self, id: CreatorId) -> Option<&StoredCreator> {
        self.creators.get(&id)
    }

    /// A user's name ("" when the user is gone).
    pub fn user_name(&self, id: UserId) -> String {
        self.users
            .get(&id)
            .map_or_else(String::new, |user| user.name.clone())
    }

    /// A user's e-mail address ("" when the user is gone).
    pub fn user_email(&self, id: UserId) -> String {
        self.users
            .get(&id)
            .map_or_else(String::new, |user| user.email.clone())
    }

    /// A team's name ("" when the team is gone).
    pub fn team_name(&self, id: TeamId) -> String {
        self.teams.get(&id).cloned().unwrap_or_default()
    }
}
