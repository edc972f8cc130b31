//! Social profiles: platforms, handles, and reading a profile from whatever people paste
//! (a full URL, a URL without scheme, `@name`, or a bare username with the platform given).

use serde::{Deserialize, Serialize};

/// A social platform Rapport tracks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow))]
#[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
pub enum Platform {
    /// instagram.com
    Instagram,
    /// tiktok.com
    Tiktok,
    /// youtube.com
    Youtube,
}

#[cfg(feature = "diesel")]
crate::stored::enum_as_text!(Platform);

impl Platform {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Instagram => "instagram",
            Platform::Tiktok => "tiktok",
            Platform::Youtube => "youtube",
        }
    }

    /// Parses the stored spelling.
    pub fn parse(value: &str) -> Option<Platform> {
        match value {
            "instagram" => Some(Platform::Instagram),
            "tiktok" => Some(Platform::Tiktok),
            "youtube" => Some(Platform::Youtube),
            _ => None,
        }
    }

    /// The platform's name for people.
    pub fn label(self) -> &'static str {
        match self {
            Platform::Instagram => "Instagram",
            Platform::Tiktok => "TikTok",
            Platform::Youtube => "YouTube",
        }
    }
}

/// A profile on a platform, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileRef {
    /// The platform.
    pub platform: Platform,
    /// How the profile is shown: `mia.lens` (Instagram, TikTok), `@MiaLens`, `UC...`,
    /// `c/MiaLens` or `user/mialens` (YouTube).
    pub handle: String,
    /// What makes the profile unique on its platform (case-folded where the platform ignores case).
    pub key: String,
}

impl ProfileRef {
    /// The profile's canonical URL.
    pub fn url(&self) -> String {
        profile_url(self.platform, &self.handle)
    }
}

/// The canonical URL of a stored handle.
pub fn profile_url(platform: Platform, handle: &str) -> String {
    match platform {
        Platform::Instagram => format!("https://www.instagram.com/{handle}/"),
        Platform::Tiktok => format!("https://www.tiktok.com/@{handle}"),
        Platform::Youtube if handle.starts_with("UC") && handle.len() == 24 => {
            format!("https://www.youtube.com/channel/{handle}")
        }
        Platform::Youtube => format!("https://www.youtube.com/{handle}"),
    }
}

/// Why an input names no profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileError {
    /// Stable snake_case reason.
    pub code: &'static str,
    /// The reason, for people.
    pub message: String,
}

fn error(code: &'static str, message: impl Into<String>) -> ProfileError {
    ProfileError {
        code,
        message: message.into(),
    }
}

/// Longest input accepted.
pub const PROFILE_INPUT_MAX: usize = 300;

/// Reads a profile from a URL or a username. `platform` is required for bare usernames and, when
/// given with a URL, must match it.
pub fn parse_profile(input: &str, platform: Option<Platform>) -> Result<ProfileRef, ProfileError> {
    let input = input.trim();
    if input.is_empty() {
        return Err(error("required", "paste a profile link or a username"));
    }
    if input.chars().count() > PROFILE_INPUT_MAX {
        return Err(error(
            "too_long",
            format!("must be at most {PROFILE_INPUT_MAX} characters"),
        ));
    }
    match split_url(input) {
        Some((host, path)) => {
            let profile = match host.as_str() {
                "instagram.com" | "instagr.am" => instagram_path(&path)?,
                "tiktok.com" => tiktok_path(&path)?,
                "vm.tiktok.com" | "vt.tiktok.com" => {
                    return Err(error(
                        "short_link",
                        "a TikTok short link names a video, not a profile: open it and paste the profile's link (tiktok.com/@name)",
                    ))
                }
                "youtube.com" => youtube_path(&path)?,
                "youtu.be" => {
                    return Err(error(
                        "not_a_profile",
                        "a youtu.be link names a video, not a channel: paste the channel's link (youtube.com/@name)",
                    ))
                }
                _ => {
                    return Err(error(
                        "unknown_site",
                        "not an Instagram, TikTok or YouTube link",
                    ))
                }
            };
            match platform {
                Some(expected) if expected != profile.platform => Err(error(
                    "platform_mismatch",
                    format!(
                        "this is a {} link, but the platform says {}",
                        profile.platform.label(),
                        expected.label()
                    ),
                )),
                _ => Ok(profile),
            }
        }
        None if !username_shaped(input) => {
            Err(error("not_a_profile", "not a profile link or a username"))
        }
        None => {
            let platform = platform.ok_or_else(|| {
                error(
                    "platform_required",
                    "a username alone does not say its platform: give the platform, or paste the profile link",
                )
            })?;
            let name = input.strip_prefix('@').unwrap_or(input);
            match platform {
                Platform::Instagram => instagram(name),
                Platform::Tiktok => tiktok(name),
                Platform::Youtube => youtube_handle(name),
            }
        }
    }
}

/// Whether `input` is a bare username (`mia.lens`, `@MiaLens`) rather than a link: the shape
/// [`parse_profile`] reads with the platform given, and refuses with `platform_required` without
/// one. A link says its own platform (and must not be given another). Blank input is neither.
///
/// Clients use it to send the platform people chose for usernames with usernames only.
pub fn is_bare_username(input: &str) -> bool {
    let input = input.trim();
    !input.is_empty() && split_url(input).is_none() && username_shaped(input)
}

/// Whether input that is not a link on a known site could be a username.
fn username_shaped(input: &str) -> bool {
    !input.contains(['/', ' '])
}

/// Host (lower-cased, without `www.`/`m.`) and path (without query and fragment) of a URL on a
/// known site, with or without its scheme; `None` when the input is not such a URL.
fn split_url(input: &str) -> Option<(String, String)> {
    let lower = input.to_ascii_lowercase();
    let start = ["https://", "http://", "//"]
        .iter()
        .find(|scheme| lower.starts_with(*scheme))
        .map_or(0, |scheme| scheme.len());
    let rest = &input[start..];
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let mut host = rest[..end].to_ascii_lowercase();
    if let Some((without_port, _)) = host.split_once(':') {
        host = without_port.to_owned();
    }
    for prefix in ["www.", "m.", "mobile.", "music."] {
        if let Some(stripped) = host.strip_prefix(prefix) {
            host = stripped.to_owned();
        }
    }
    let known = [
        "instagram.com",
        "instagr.am",
        "tiktok.com",
        "vm.tiktok.com",
        "vt.tiktok.com",
        "youtube.com",
        "youtu.be",
    ];
    let looks_like_url = start > 0 || known.contains(&host.as_str());
    if !looks_like_url {
        return None;
    }
    let path = &rest[end..];
    let path = path.split(['?', '#']).next().unwrap_or_default();
    Some((host, path.to_owned()))
}

fn segments(path: &str) -> Vec<&str> {
    path.split('/').filter(|s| !s.is_empty()).collect()
}

const INSTAGRAM_RESERVED: &[&str] = &[
    "p",
    "reel",
    "reels",
    "tv",
    "stories",
    "explore",
    "accounts",
    "direct",
    "about",
    "developer",
    "legal",
    "web",
    "challenge",
    "emails",
    "session",
    "api",
    "s",
    "ar",
    "create",
    "help",
    "privacy",
];

fn instagram_path(path: &str) -> Result<ProfileRef, ProfileError> {
    let segments = segments(path);
    let Some(first) = segments.first() else {
        return Err(error(
            "not_a_profile",
            "links to Instagram itself, not a profile",
        ));
    };
    let lower = first.to_ascii_lowercase();
    if ["p", "reel", "reels", "tv"].contains(&lower.as_str()) {
        return Err(error(
            "not_a_profile",
            "a link to a single post, not a profile: paste the profile's link (instagram.com/name)",
        ));
    }
    if lower == "stories" {
        return Err(error(
            "not_a_profile",
            "a link to a story, not a profile: paste the profile's link (instagram.com/name)",
        ));
    }
    if INSTAGRAM_RESERVED.contains(&lower.as_str()) {
        return Err(error("not_a_profile", "not a link to an Instagram profile"));
    }
    instagram(first)
}

fn instagram(name: &str) -> Result<ProfileRef, ProfileError> {
    let handle = name.to_ascii_lowercase();
    let valid = (1..=30).contains(&handle.len())
        && handle
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_')
        && !handle.starts_with('.')
        && !handle.ends_with('.')
        && !handle.contains("..");
    if !valid {
        return Err(error(
            "invalid_handle",
            "an Instagram username has 1 to 30 letters, digits, periods and underscores (no period first, last or twice in a row)",
        ));
    }
    Ok(ProfileRef {
        platform: Platform::Instagram,
        key: handle.clone(),
        handle,
    })
}

fn tiktok_path(path: &str) -> Result<ProfileRef, ProfileError> {
    let segments = segments(path);
    match segments.first() {
        Some(first) if first.starts_with('@') => tiktok(&first[1..]),
        Some(&"t") => Err(error(
            "short_link",
            "a TikTok short link names a video, not a profile: open it and paste the profile's link (tiktok.com/@name)",
        )),
        _ => Err(error(
            "not_a_profile",
            "not a link to a TikTok profile (those look like tiktok.com/@name)",
        )),
    }
}

fn tiktok(name: &str) -> Result<ProfileRef, ProfileError> {
    let handle = name.to_ascii_lowercase();
    let valid = (2..=24).contains(&handle.len())
        && handle
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_')
        && !handle.ends_with('.');
    if !valid {
        return Err(error(
            "invalid_handle",
            "a TikTok username has 2 to 24 letters, digits, periods and underscores (not ending with a period)",
        ));
    }
    Ok(ProfileRef {
        platform: Platform::Tiktok,
        key: handle.clone(),
        handle,
    })
}

fn youtube_path(path: &str) -> Result<ProfileRef, ProfileError> {
    let segments = segments(path);
    let Some(first) = segments.first() else {
        return Err(error(
            "not_a_profile",
            "links to YouTube itself, not a channel",
        ));
    };
    if let Some(name) = first.strip_prefix('@') {
        return youtube_handle(name);
    }
    let lower = first.to_ascii_lowercase();
    match lower.as_str() {
        "channel" => youtube_channel_id(segments.get(1).copied().unwrap_or_default()),
        "c" | "user" => youtube_legacy(&lower, segments.get(1).copied().unwrap_or_default()),
        "watch" | "shorts" | "live" | "embed" | "clip" | "v" => Err(error(
            "not_a_profile",
            "a link to a video, not a channel: paste the channel's link (youtube.com/@name)",
        )),
        "playlist" | "results" | "feed" | "hashtag" | "post" | "premium" | "gaming" => {
            Err(error("not_a_profile", "not a link to a YouTube channel"))
        }
        _ => youtube_legacy("c", first),
    }
}

fn youtube_name_ok(name: &str, range: std::ops::RangeInclusive<usize>) -> bool {
    range.contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '-')
}

fn youtube_handle(name: &str) -> Result<ProfileRef, ProfileError> {
    if name.starts_with("UC") && name.len() == 24 && youtube_name_ok(name, 24..=24) {
        return youtube_channel_id(name);
    }
    if !youtube_name_ok(name, 3..=30) {
        return Err(error(
            "invalid_handle",
            "a YouTube handle has 3 to 30 letters, digits, periods, hyphens and underscores",
        ));
    }
    Ok(ProfileRef {
        platform: Platform::Youtube,
        handle: format!("@{name}"),
        key: format!("@{}", name.to_ascii_lowercase()),
    })
}

fn youtube_channel_id(id: &str) -> Result<ProfileRef, ProfileError> {
    if !(id.starts_with("UC") && youtube_name_ok(id, 24..=24)) {
        return Err(error(
            "invalid_handle",
            "a YouTube channel id is UC followed by 22 letters, digits, hyphens or underscores",
        ));
    }
    Ok(ProfileRef {
        platform: Platform::Youtube,
        handle: id.to_owned(),
        key: format!("channel/{id}"),
    })
}

fn youtube_legacy(kind: &str, name: &str) -> Result<ProfileRef, ProfileError> {
    if !youtube_name_ok(name, 1..=100) {
        return Err(error("invalid_handle", "not a valid YouTube channel name"));
    }
    Ok(ProfileRef {
        platform: Platform::Youtube,
        handle: format!("{kind}/{name}"),
        key: format!("{kind}/{}", name.to_ascii_lowercase()),
    })
}

#[cfg(test)]
#[path = "profiles_tests.rs"]
mod tests;
