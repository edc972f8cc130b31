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

/// Whole numbers with their thousands apart, as a threshold reads: 950, 1,000, 48,210.
pub fn grouped(count: i64) -> String {
    let digits = count.unsigned_abs().to_string();
    let mut text = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if count < 0 {
        text.push('-');
    }
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            text.push(',');
        }
        text.push(digit);
    }
    text
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
