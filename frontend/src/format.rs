//! How numbers and names read on screen.

use rapport_domain::profiles::Platform;

/// Initials for the avatar: the first letters of the first two words.
pub fn initials(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '.' || c == '_' || c == '@')
        .filter(|w| !w.is_empty())
        .take(2)
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Follower counts as people read them: 950, 12.3K, 4.1M.
pub fn compact(count: i64) -> String {
    match count {
        c if c >= 1_000_000 => format!("{:.1}M", c as f64 / 1_000_000.0),
        c if c >= 1_000 => format!("{:.1}K", c as f64 / 1_000.0),
        c => c.to_string(),
    }
}

/// The platform's badge on a card.
pub fn platform_icon(platform: Platform) -> &'static str {
    match platform {
        Platform::Instagram => "IG",
        Platform::Tiktok => "TT",
        Platform::Youtube => "YT",
    }
}

#[cfg(test)]
#[path = "format_tests.rs"]
mod tests;
