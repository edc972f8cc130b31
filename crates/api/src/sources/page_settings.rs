//! What an Instagram or Facebook page source keeps beside its sealed page token (the source's
//! `settings`, JSON): the page, its Instagram business account, and for Instagram the schedule
//! and the followers a fan needs to count as an influencer.

use rapport_domain::facebook::{ConnectedPage, MIN_FOLLOWERS_DEFAULT};
use rapport_domain::list_providers::SYNC_EVERY_HOURS_DEFAULT;
use serde::{Deserialize, Serialize};

/// A page source's settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageSettings {
    /// Facebook's id of the page.
    pub page_id: String,
    /// Its name.
    pub page_name: String,
    /// Its category.
    #[serde(default)]
    pub category: Option<String>,
    /// The Instagram business account's id (an Instagram source's).
    #[serde(default)]
    pub instagram_account_id: Option<String>,
    /// Its username, when Facebook told it (the brand's own comments are not fans).
    #[serde(default)]
    pub instagram_username: Option<String>,
    /// Instagram: hours between two reads of the fans.
    #[serde(default)]
    pub every_hours: Option<u32>,
    /// Instagram: followers a fan needs to count as an influencer.
    #[serde(default)]
    pub min_followers: Option<i64>,
}

impl PageSettings {
    /// The settings stored in a source (none for a source of another kind).
    pub fn read(stored: Option<&str>) -> Option<Self> {
        serde_json::from_str(stored?).ok()
    }

    /// As stored.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Hours between two reads of the fans.
    pub fn hours(&self) -> u32 {
        self.every_hours.unwrap_or(SYNC_EVERY_HOURS_DEFAULT)
    }

    /// Followers a fan needs.
    pub fn threshold(&self) -> i64 {
        self.min_followers.unwrap_or(MIN_FOLLOWERS_DEFAULT)
    }

    /// The page as the API shows it.
    pub fn page(&self) -> ConnectedPage {
        ConnectedPage {
            id: self.page_id.clone(),
            name: self.page_name.clone(),
            category: self.category.clone(),
            instagram_account_id: self.instagram_account_id.clone(),
            instagram_username: self.instagram_username.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_read_back_with_their_defaults() {
        let settings = PageSettings {
            page_id: "104".into(),
            page_name: "Demo Coffee Co.".into(),
            category: None,
            instagram_account_id: Some("178".into()),
            instagram_username: None,
            every_hours: None,
            min_followers: None,
        };
        assert_eq!(
            PageSettings::read(Some(&settings.to_json())),
            Some(settings.clone())
        );
        assert_eq!(settings.hours(), 6);
        assert_eq!(settings.threshold(), 1_000);
        assert_eq!(settings.page().instagram_account_id.as_deref(), Some("178"));
        assert_eq!(PageSettings::read(Some(r#"{"list_id":"a"}"#)), None);
    }
}
