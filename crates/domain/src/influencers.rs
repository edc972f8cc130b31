//! Influencers: a team's records of creators, with their platform accounts, contact details,
//! shipping address and tags.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize};

use crate::countries::country_code;
use crate::ids::{AccountId, InfluencerId, TeamId};
use crate::profiles::{parse_profile, Platform, ProfileRef};
use crate::validation::{
    clean_name, clean_optional_line, clean_phone, normalize_email, FieldErrors, RuleError, Validate,
};

/// Longest display name.
pub const DISPLAY_NAME_MAX: usize = 100;
/// Most tags on one influencer.
pub const TAGS_MAX: usize = 30;
/// Longest tag.
pub const TAG_MAX: usize = 40;
/// Longest address line (name, street lines, city, region).
pub const ADDRESS_LINE_MAX: usize = 200;
/// Longest postal code.
pub const POSTAL_CODE_MAX: usize = 20;

/// Reads `null` as `Some(None)` and a value as `Some(Some(v))`; a missing field stays `None`.
/// Lets a PATCH tell "clear this" (`null`) from "leave it" (absent).
pub fn present<'de, T, D>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// Reads an optional nested object strictly: only a JSON object (or `null`), never the array of
/// its fields that serde would otherwise also accept.
pub fn optional_object<'de, T, D>(deserializer: D) -> Result<Option<T>, D::Error>
where
    T: serde::de::DeserializeOwned,
    D: Deserializer<'de>,
{
    use serde::de::Error;
    Option::<serde_json::Map<String, serde_json::Value>>::deserialize(deserializer)?
        .map(|object| serde_json::from_value(serde_json::Value::Object(object)))
        .transpose()
        .map_err(D::Error::custom)
}

/// A platform account with its latest known stats (`null` until an integration fills them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlatformAccount {
    /// The account's id.
    pub id: AccountId,
    /// The platform.
    pub platform: Platform,
    /// `mia.lens` (Instagram, TikTok) or `@MiaLens`, `UC...`, `c/name`, `user/name` (YouTube).
    pub handle: String,
    /// The profile's link.
    pub url: String,
    /// Followers (subscribers on YouTube), when known.
    pub followers: Option<i64>,
    /// Posts (videos on YouTube), when known.
    pub posts: Option<i64>,
    /// Average engagement per post as a fraction of followers (0.034 = 3.4 %), when known.
    pub engagement_rate: Option<f64>,
    /// When the stats were last read.
    pub stats_updated_at: Option<DateTime<Utc>>,
}

/// A postal address for sending products. Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ShippingAddress {
    /// Recipient's name.
    #[cfg_attr(
        feature = "openapi",
        schema(max_length = 200, pattern = r"^[^\x00-\x1f\x7f-\x9f]*$")
    )]
    #[serde(default)]
    pub name: Option<String>,
    /// First street line.
    #[cfg_attr(
        feature = "openapi",
        schema(max_length = 200, pattern = r"^[^\x00-\x1f\x7f-\x9f]*$")
    )]
    #[serde(default)]
    pub line1: Option<String>,
    /// Second street line.
    #[cfg_attr(
        feature = "openapi",
        schema(max_length = 200, pattern = r"^[^\x00-\x1f\x7f-\x9f]*$")
    )]
    #[serde(default)]
    pub line2: Option<String>,
    /// City.
    #[cfg_attr(
        feature = "openapi",
        schema(max_length = 200, pattern = r"^[^\x00-\x1f\x7f-\x9f]*$")
    )]
    #[serde(default)]
    pub city: Option<String>,
    /// State, province or region.
    #[cfg_attr(
        feature = "openapi",
        schema(max_length = 200, pattern = r"^[^\x00-\x1f\x7f-\x9f]*$")
    )]
    #[serde(default)]
    pub region: Option<String>,
    /// Postal code.
    #[cfg_attr(
        feature = "openapi",
        schema(max_length = 20, pattern = r"^[^\x00-\x1f\x7f-\x9f]*$")
    )]
    #[serde(default)]
    pub postal_code: Option<String>,
    /// ISO 3166-1 alpha-2 country code (`EE`, `US`).
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::countries::CountryCode>))]
    #[serde(default)]
    pub country: Option<String>,
}

impl ShippingAddress {
    /// Checks every line and the country; blank lines become `None`.
    pub fn clean(&self, errors: &mut FieldErrors, field: &str) -> ShippingAddress {
        let mut line = |name: &str, value: &Option<String>, max: usize| {
            value.as_deref().and_then(|raw| {
                errors
                    .check(&format!("{field}.{name}"), clean_optional_line(raw, max))
                    .flatten()
            })
        };
        let cleaned = ShippingAddress {
            name: line("name", &self.name, ADDRESS_LINE_MAX),
            line1: line("line1", &self.line1, ADDRESS_LINE_MAX),
            line2: line("line2", &self.line2, ADDRESS_LINE_MAX),
            city: line("city", &self.city, ADDRESS_LINE_MAX),
            region: line("region", &self.region, ADDRESS_LINE_MAX),
            postal_code: line("postal_code", &self.postal_code, POSTAL_CODE_MAX),
            country: None,
        };
        let country = match self.country.as_deref() {
            None => None,
            Some(raw) => match country_code(raw) {
                Some(code) => Some(code.to_owned()),
                None => {
                    errors.add(
                        &format!("{field}.country"),
                        "invalid_country",
                        "must be an ISO 3166-1 alpha-2 code in upper case, like EE or US",
                    );
                    None
                }
            },
        };
        ShippingAddress { country, ..cleaned }
    }
}

/// An influencer, whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Influencer {
    /// The influencer's id.
    pub id: InfluencerId,
    /// The team whose record this is.
    pub team_id: TeamId,
    /// The name shown everywhere.
    pub display_name: String,
    /// Contact e-mail.
    pub email: Option<String>,
    /// Contact phone.
    pub phone: Option<String>,
    /// Where to send products.
    pub shipping_address: ShippingAddress,
    /// Free tags.
    pub tags: Vec<String>,
    /// Platform accounts, oldest first.
    pub accounts: Vec<PlatformAccount>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

/// An account as shown on a board card or in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountSummary {
    /// The platform.
    pub platform: Platform,
    /// The handle.
    pub handle: String,
    /// Followers, when known.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub followers: Option<i64>,
}

/// An influencer as shown on a board card or in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InfluencerSummary {
    /// The influencer's id.
    pub id: InfluencerId,
    /// The name shown.
    pub display_name: String,
    /// Platform accounts, oldest first.
    pub accounts: Vec<AccountSummary>,
}

/// `POST /api/v1/teams/{team_id}/influencers`: from a profile link or username.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateInfluencer {
    /// A profile link (`https://www.instagram.com/name/`, `tiktok.com/@name`,
    /// `youtube.com/@name`, ...) or a username (`@name`, with `platform`).
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 300,
            example = "https://www.instagram.com/mia.lens/"
        )
    )]
    pub profile: String,
    /// The platform; inferred from a link, required for a bare username.
    #[serde(default)]
    pub platform: Option<Platform>,
    /// The name shown; defaults to the handle.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 100,
            pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
        )
    )]
    #[serde(default)]
    pub display_name: Option<String>,
}

/// A validated [`CreateInfluencer`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInfluencer {
    /// The profile.
    pub profile: ProfileRef,
    /// Display name, defaulted to the handle.
    pub display_name: String,
}

/// The field error for a profile input.
pub fn profile_field(input: &str, platform: Option<Platform>) -> Result<ProfileRef, RuleError> {
    parse_profile(input, platform).map_err(|e| RuleError {
        code: e.code,
        message: e.message,
    })
}

impl Validate for CreateInfluencer {
    type Clean = NewInfluencer;

    fn validate(&self) -> Result<NewInfluencer, FieldErrors> {
        let mut errors = FieldErrors::default();
        let profile = errors.check("profile", profile_field(&self.profile, self.platform));
        let display_name = match &self.display_name {
            Some(name) => errors.check("display_name", clean_name(name, DISPLAY_NAME_MAX)),
            None => profile.as_ref().map(|p| p.handle.clone()),
        };
        match (profile, display_name) {
            (Some(profile), Some(display_name)) if errors.0.is_empty() => Ok(NewInfluencer {
                profile,
                display_name,
            }),
            _ => Err(errors),
        }
    }
}

/// `POST /api/v1/influencers/{influencer_id}/accounts`: another platform account.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AddAccount {
    /// A profile link or a username (with `platform`).
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 300,
            example = "https://www.tiktok.com/@mia.lens"
        )
    )]
    pub profile: String,
    /// The platform; inferred from a link.
    #[serde(default)]
    pub platform: Option<Platform>,
}

impl Validate for AddAccount {
    type Clean = ProfileRef;

    fn validate(&self) -> Result<ProfileRef, FieldErrors> {
        let mut errors = FieldErrors::default();
        let profile = errors.check("profile", profile_field(&self.profile, self.platform));
        match profile {
            Some(profile) if errors.0.is_empty() => Ok(profile),
            _ => Err(errors),
        }
    }
}

/// `PATCH /api/v1/influencers/{influencer_id}`: the fields to change; `null` clears a field.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateInfluencer {
    /// A new display name.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 100,
            pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
        )
    )]
    #[serde(default)]
    pub display_name: Option<String>,
    /// Contact e-mail; `null` clears it.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Email, max_length = 254))]
    #[serde(default, deserialize_with = "present")]
    pub email: Option<Option<String>>,
    /// Contact phone: digits, spaces and `+ ( ) - .`; `null` or blank clears it.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, max_length = 40, pattern = r"^[0-9 +()\-.]*$"))]
    #[serde(default, deserialize_with = "present")]
    pub phone: Option<Option<String>>,
    /// The whole shipping address (replaces the stored one).
    #[serde(default, deserialize_with = "optional_object")]
    pub shipping_address: Option<ShippingAddress>,
    /// The whole tag list (replaces the stored one).
    #[cfg_attr(feature = "openapi", schema(max_items = 30))]
    #[serde(default)]
    pub tags: Option<Vec<Tag>>,
}

/// A free tag: 1 to 40 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Tag(pub String);

/// A validated [`UpdateInfluencer`]: `None` leaves a field, `Some(None)` clears it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InfluencerChanges {
    /// New display name.
    pub display_name: Option<String>,
    /// New e-mail.
    pub email: Option<Option<String>>,
    /// New phone.
    pub phone: Option<Option<String>>,
    /// New address.
    pub shipping_address: Option<ShippingAddress>,
    /// New tags (trimmed, without duplicates).
    pub tags: Option<Vec<String>>,
}

impl Validate for UpdateInfluencer {
    type Clean = InfluencerChanges;

    fn validate(&self) -> Result<InfluencerChanges, FieldErrors> {
        let mut errors = FieldErrors::default();
        let display_name = self
            .display_name
            .as_deref()
            .and_then(|name| errors.check("display_name", clean_name(name, DISPLAY_NAME_MAX)));
        let email = self.email.as_ref().map(|email| {
            email
                .as_deref()
                .and_then(|raw| errors.check("email", normalize_email(raw)))
        });
        let phone = self.phone.as_ref().map(|phone| {
            phone
                .as_deref()
                .and_then(|raw| errors.check("phone", clean_phone(raw)).flatten())
        });
        let shipping_address = self
            .shipping_address
            .as_ref()
            .map(|address| address.clean(&mut errors, "shipping_address"));
        let tags = self.tags.as_ref().map(|tags| clean_tags(tags, &mut errors));
        errors.into_result().map(|()| InfluencerChanges {
            display_name,
            email,
            phone,
            shipping_address,
            tags,
        })
    }
}

fn clean_tags(tags: &[Tag], errors: &mut FieldErrors) -> Vec<String> {
    if tags.len() > TAGS_MAX {
        errors.add("tags", "too_many", format!("at most {TAGS_MAX} tags"));
        return Vec::new();
    }
    let mut clean: Vec<String> = Vec::new();
    for (index, Tag(tag)) in tags.iter().enumerate() {
        if let Some(tag) = errors.check(&format!("tags[{index}]"), clean_name(tag, TAG_MAX)) {
            if !clean.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
                clean.push(tag);
            }
        }
    }
    clean
}

/// `GET /api/v1/teams/{team_id}/influencers` filters.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct InfluencerQuery {
    /// Only influencers whose name or a handle contains this text (any case).
    #[cfg_attr(feature = "openapi", param(max_length = 100))]
    pub q: Option<String>,
    /// How many to return (1 to 200, default 50).
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    #[cfg_attr(
        feature = "openapi",
        param(min_length = 1, max_length = 200, pattern = "^[A-Za-z0-9_-]+$")
    )]
    pub cursor: Option<String>,
}

#[cfg(test)]
#[path = "influencers_tests.rs"]
mod tests;

#[cfg(feature = "openapi")]
crate::validation::name_schema!(Tag, 40);
