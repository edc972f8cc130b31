//! What an e-mail list source keeps beside its encrypted key (the source's `settings`, JSON):
//! the provider's list, the key's last characters, the schedule, and from when the next sync
//! reads changes.

use chrono::{DateTime, Utc};
use rapport_domain::list_providers::SYNC_EVERY_HOURS_DEFAULT;
use serde::{Deserialize, Serialize};

/// An e-mail list source's settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListSettings {
    /// The provider's id of the list.
    pub list_id: String,
    /// The key's last characters ("…us14").
    pub key_hint: String,
    /// Hours between two syncs.
    pub every_hours: u32,
    /// The start of the last complete sync: the next one reads only what changed since.
    #[serde(default)]
    pub changed_since: Option<DateTime<Utc>>,
}

impl ListSettings {
    /// The settings of a list just connected.
    pub fn new(list_id: &str, key: &str, every_hours: Option<u32>) -> Self {
        Self {
            list_id: list_id.to_owned(),
            key_hint: key_hint(key),
            every_hours: every_hours.unwrap_or(SYNC_EVERY_HOURS_DEFAULT),
            changed_since: None,
        }
    }

    /// The settings stored in a source (none for a source of another kind).
    pub fn read(stored: Option<&str>) -> Option<Self> {
        serde_json::from_str(stored?).ok()
    }

    /// As stored.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Seconds between two syncs.
    pub fn every_seconds(&self) -> i64 {
        i64::from(self.every_hours) * 3_600
    }
}

/// The end of a key, enough to tell keys apart ("…us14").
pub fn key_hint(key: &str) -> String {
    let key = key.trim();
    let tail: String = key
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!("…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_read_back_and_hint_only_the_end() {
        let settings = ListSettings::new("a1b2", "0123456789abcdef-us14", None);
        assert_eq!(settings.key_hint, "…us14");
        assert_eq!(settings.every_seconds(), 6 * 3_600);
        assert_eq!(
            ListSettings::read(Some(&settings.to_json())),
            Some(settings)
        );
        assert_eq!(ListSettings::read(None), None);
        assert_eq!(ListSettings::read(Some("not json")), None);
        assert_eq!(key_hint("ab"), "…ab");
    }
}
