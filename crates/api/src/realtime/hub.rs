//! The hub: every event, serialised once, with who may see it; each socket keeps what concerns
//! its user.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rapport_domain::{TeamId, UserId};
use tokio::sync::{broadcast, Notify};

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
    /// Open sockets per signed-in user, on this server.
    online: Arc<Mutex<HashMap<UserId, usize>>>,
    /// Signalled when a user comes online or goes offline here.
    presence_changed: Arc<Notify>,
}

impl Default for Hub {
    fn default() -> Self {
        Self {
            sender: broadcast::channel(BACKLOG).0,
            online: Arc::default(),
            presence_changed: Arc::default(),
        }
    }
}

/// A user's open socket, counted while it lives.
pub struct Presence {
    online: Arc<Mutex<HashMap<UserId, usize>>>,
    changed: Arc<Notify>,
    user: UserId,
}

impl Drop for Presence {
    fn drop(&mut self) {
        if let Ok(mut online) = self.online.lock() {
            if let Some(count) = online.get_mut(&self.user) {
                *count -= 1;
                if *count == 0 {
                    online.remove(&self.user);
                    self.changed.notify_one();
                }
            }
        }
    }
}

impl Hub {
    /// Sends an event to the sockets it concerns (none listening is fine).
    pub fn deliver(&self, delivery: Delivery) {
        let _ = self.sender.send(Arc::new(delivery));
    }

    /// Counts `user` online until the returned value is dropped.
    pub fn present(&self, user: UserId) -> Presence {
        if let Ok(mut online) = self.online.lock() {
            let count = online.entry(user).or_default();
            *count += 1;
            if *count == 1 {
                self.presence_changed.notify_one();
            }
        }
        Presence {
            online: Arc::clone(&self.online),
            changed: Arc::clone(&self.presence_changed),
            user,
        }
    }

    /// The users with a socket open on this server.
    pub fn online_users(&self) -> Vec<UserId> {
        self.online
            .lock()
            .map(|online| online.keys().copied().collect())
            .unwrap_or_default()
    }

    /// How many sockets are open on this server.
    pub fn open_sockets(&self) -> usize {
        self.online
            .lock()
            .map(|online| online.values().sum())
            .unwrap_or(0)
    }

    /// Resolves when a user comes online or goes offline here.
    pub async fn presence_changed(&self) {
        self.presence_changed.notified().await;
    }

    /// Whether `user` has a socket open on this server.
    pub fn is_online(&self, user: UserId) -> bool {
        self.online
            .lock()
            .map(|online| online.contains_key(&user))
            .unwrap_or(false)
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

    #[test]
    fn a_user_is_online_while_a_socket_of_theirs_is_open() {
        let hub = Hub::default();
        let ada = UserId(uuid::Uuid::from_u128(3));
        assert!(!hub.is_online(ada));
        let first = hub.present(ada);
        let second = hub.present(ada);
        drop(first);
        assert!(hub.is_online(ada));
        drop(second);
        assert!(!hub.is_online(ada));
    }
}
