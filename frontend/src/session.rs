//! The signed-in session, kept in `localStorage` so a reload stays signed in.

use leptos::prelude::*;
use rapport_domain::auth::{Session, User};
use rapport_domain::TeamId;
use serde::{Deserialize, Serialize};

const STORAGE_KEY: &str = "rapport.session";

/// What the browser keeps of a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stored {
    /// Sent as `Authorization: Bearer`.
    pub access_token: String,
    /// Exchanged for a new session when the access token expires.
    pub refresh_token: String,
    /// The signed-in user.
    pub user: User,
}

impl From<Session> for Stored {
    fn from(session: Session) -> Self {
        Self {
            access_token: session.access_token,
            refresh_token: session.refresh_token,
            user: session.user,
        }
    }
}

/// The app-wide session state, provided as a context.
#[derive(Clone, Copy)]
pub struct SessionState {
    /// The session, if signed in.
    pub stored: RwSignal<Option<Stored>>,
    /// The team being worked in.
    pub team: RwSignal<Option<TeamId>>,
    /// Notified when notifications were read (the bell reads its count again).
    pub notifications_seen: Trigger,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

impl SessionState {
    /// Reads the kept session.
    pub fn load() -> Self {
        let stored = storage()
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .and_then(|raw| serde_json::from_str::<Stored>(&raw).ok());
        let team = storage()
            .and_then(|s| s.get_item("rapport.team").ok().flatten())
            .and_then(|raw| raw.parse().ok());
        Self {
            stored: RwSignal::new(stored),
            team: RwSignal::new(team),
            notifications_seen: Trigger::new(),
        }
    }

    /// Keeps a new session.
    pub fn save(&self, stored: Stored) {
        if let (Some(storage), Ok(raw)) = (storage(), serde_json::to_string(&stored)) {
            let _ = storage.set_item(STORAGE_KEY, &raw);
        }
        self.stored.set(Some(stored));
    }

    /// Chooses the team to work in.
    pub fn choose_team(&self, team: TeamId) {
        if let Some(storage) = storage() {
            let _ = storage.set_item("rapport.team", &team.to_string());
        }
        self.team.set(Some(team));
    }

    /// Forgets the session.
    pub fn clear(&self) {
        if let Some(storage) = storage() {
            let _ = storage.remove_item(STORAGE_KEY);
            let _ = storage.remove_item("rapport.team");
        }
        self.stored.set(None);
        self.team.set(None);
    }
}

/// The session context.
pub fn use_session() -> SessionState {
    use_context::<SessionState>().unwrap_or_else(SessionState::load)
}
