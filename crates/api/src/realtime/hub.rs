//! The hub: every event, serialised once, with who may see it; each socket keeps what concerns
//! its user.

use std::sync::Arc;

use rapport_domain::{TeamId, UserId};
use tokio::sync::broadcast;

/// Events a slow socket may fall behind before it misses some (it then reads again by cursor).
const BACKLOG: usize = 4_096;

/// Who may see an event: members of these teams, and these users.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Audience {
    /// Teams whose members see it.
    pub teams: Vec<TeamId>,
    /// Users who see it.
    pub users: Vec<UserId>,
}

impl Audience {
    /// Whether `user`, a member of `teams`, sees it.
    pub fn includes(&self, user: UserId, teams: &[TeamId]) -> bool {
        self.users.contains(&user) || self.teams.iter().any(|team| teams.contains(team))
    }
}

/// An event ready to send.
#[derive(Debug)]
pub struct Delivery {
    /// Who sees it.
    pub audience: Audience,
    /// The `ServerEvent`, as JSON.
    pub json: String,
}

/// The server's hub.
#[derive(Clone)]
pub struct Hub {
    sender: broadcast::Sender<Arc<Delivery>>,
}

impl Default for Hub {
    fn default() -> Self {
        Self {
            sender: broadcast::channel(BACKLOG).0,
        }
    }
}

impl Hub {
    /// Sends an event to the sockets it concerns (none listening is fine).
    pub fn deliver(&self, delivery: Delivery) {
        let _ = self.sender.send(Arc::new(delivery));
    }

    /// Every event from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<Delivery>> {
        self.sender.subscribe()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_audience_is_its_teams_members_and_its_users() {
        let team = TeamId(uuid::Uuid::from_u128(1));
        let other = TeamId(uuid::Uuid::from_u128(2));
        let (ada, bob) = (
            UserId(uuid::Uuid::from_u128(3)),
            UserId(uuid::Uuid::from_u128(4)),
        );
        let audience = Audience {
            teams: vec![team],
            users: vec![ada],
        };
        assert!(audience.includes(ada, &[]));
        assert!(audience.includes(bob, &[other, team]));
        assert!(!audience.includes(bob, &[other]));
    }
}
