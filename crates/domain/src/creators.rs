//! The creator side: a creator's profile (what brands see in the network), the categories and
//! languages it is filed under, and the platform accounts a creator claims.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::countries::country_code;
use crate::influencers::{present, profile_field};
use crate::limits::USER_NAME_MAX;
use crate::profiles::{Platform, ProfileRef};
use crate::validation::{
    clean_name, clean_optional_line, clean_text, FieldErrors, RuleError, Validate,
};
use crate::{CreatorAccountId, CreatorId};

/// A bio's length, in characters.
pub const BIO_MAX: usize = 1000;
/// A city's length, in characters.
pub const CITY_MAX: usize = 100;
/// How many languages a profile lists.
pub const LANGUAGES_MAX: usize = 10;
/// How many categories a profile is filed under.
pub const CATEGORIES_MAX: usize = 5;
/// The largest follower count a creator may report (ten billion).
pub const FOLLOWERS_MAX: i64 = 10_000_000_000;

macro_rules! categories {
    ($($variant:ident => $spelling:literal, $label:literal;)*) => {
        /// What a creator makes content about: a fixed list, so that filters and counts agree.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow))]
        #[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
        // Each spelling is its variant's name in lower case (a unit test checks it): utoipa reads
        // `rename_all`, not a `rename` that a macro passes in.
        #[serde(rename_all = "lowercase")]
        pub enum Category {
            $(#[doc = $label] $variant,)*
        }

        impl Category {
            /// Every category, in the order the app lists them.
            pub const ALL: &'static [Category] = &[$(Category::$variant,)*];

            /// The wire and stored spelling.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Category::$variant => $spelling,)*
                }
            }

            /// Reads the spelling back.
            pub fn parse(value: &str) -> Option<Category> {
                match value {
                    $($spelling => Some(Category::$variant),)*
                    _ => None,
                }
            }

            /// The category's name for people.
            pub fn label(self) -> &'static str {
                match self {
                    $(Category::$variant => $label,)*
                }
            }
        }
    };
}

categories! {
    Beauty => "beauty", "Beauty";
    Fashion => "fashion", "Fashion";
    Food => "food", "Food";
    Fitness => "fitness", "Fitness";
    Travel => "travel", "Travel";
    Gaming => "gaming", "Gaming";
    Tech => "tech", "Tech";
    Parenting => "parenting", "Parenting";
    Home => "home", "Home";
    Pets => "pets", "Pets";
    Music => "music", "Music";
    Art => "art", "Art";
    Sports => "sports", "Sports";
    Lifestyle => "lifestyle", "Lifestyle";
    Business => "business", "Business";
    Education => "education", "Education";
    Comedy => "comedy", "Comedy";
    Wellness => "wellness", "Wellness";
    Sustainability => "sustainability", "Sustainability";
    Automotive => "automotive", "Automotive";
}

#[cfg(feature = "diesel")]
crate::stored::enum_as_text!(Category);

/// Every ISO 639-1 language code, sorted.
pub const LANGUAGE_CODES: [&str; 183] = [
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bi",
    "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de",
    "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy",
    "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz", "ia",
    "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj", "kk",
    "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln", "lo",
    "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb", "nd",
    "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl",
    "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl",
    "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti", "tk",
    "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo", "wa",
    "wo", "xh", "yi", "yo", "za", "zh", "zu",
];

/// The code if `raw` (any case, trimmed) is an ISO 639-1 language code; lower case, as ISO
/// writes them.
pub fn language_code(raw: &str) -> Result<&'static str, RuleError> {
    let wanted = raw.trim().to_ascii_lowercase();
    LANGUAGE_CODES
        .binary_search(&wanted.as_str())
        .map(|index| LANGUAGE_CODES[index])
        .map_err(|_| {
            RuleError::new(
                "invalid_language",
                "not an ISO 639-1 language code, like en or fr",
            )
        })
}

/// An ISO 639-1 language code, for the OpenAPI document (an enum of every code).
#[cfg(feature = "openapi")]
pub struct LanguageCode;

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for LanguageCode {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .description(Some("ISO 639-1 language code, lower case"))
            .enum_values(Some(LANGUAGE_CODES))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for LanguageCode {}

/// A country code for a profile: ISO 3166-1 alpha-2, any case.
pub fn profile_country(raw: &str) -> Result<&'static str, RuleError> {
    country_code(&raw.trim().to_ascii_uppercase()).ok_or_else(|| {
        RuleError::new(
            "invalid_country",
            "not an ISO 3166-1 country code, like FR or US",
        )
    })
}

/// Whether a creator is a brand's person or a creator: asked at sign-up.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AccountKind {
    /// Works in a brand's team (the default): sign-up makes their first team.
    #[default]
    Brand,
    /// A creator: sign-up makes their creator profile instead of a team.
    Creator,
}

/// A platform account a creator claimed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatorAccount {
    /// The account's id.
    pub id: CreatorAccountId,
    /// The platform.
    pub platform: Platform,
    /// The handle as shown.
    pub handle: String,
    /// The profile's address.
    pub url: String,
    /// Followers, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub followers: Option<i64>,
    /// Whether `followers` is the creator's own figure (not read from the platform).
    pub self_reported: bool,
    /// Engagement rate (0 to 1), when read from the platform.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engagement_rate: Option<f64>,
    /// Whether the creator proved the account theirs by logging in on its platform.
    #[serde(default)]
    pub verified: bool,
    /// The creator's login on the platform (only they see it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login: Option<crate::verifications::AccountLogin>,
}

/// What anyone who may see a creator sees: the owner, and brands in the network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicProfile {
    /// The creator's id.
    pub id: CreatorId,
    /// The name brands see.
    pub display_name: String,
    /// About the creator (up to 1,000 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bio: Option<String>,
    /// ISO 3166-1 alpha-2.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::countries::CountryCode>))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// The city.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// ISO 639-1 codes, in the creator's order.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<LanguageCode>))]
    pub languages: Vec<String>,
    /// At most five.
    pub categories: Vec<Category>,
    /// The platform accounts claimed.
    pub accounts: Vec<CreatorAccount>,
    /// When the creator joined.
    pub created_at: DateTime<Utc>,
}

/// A creator's profile, as its owner sees it: the public part, and what only they see.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatorProfile {
    /// What brands see.
    #[serde(flatten)]
    pub public: PublicProfile,
    /// Whether brands find the profile in the network.
    pub discoverable: bool,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

/// `PATCH /api/v1/creator`: the fields to change; `null` clears an optional one.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateCreatorProfile {
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
    /// About the creator; `null` or blank clears it.
    #[cfg_attr(
        feature = "openapi",
        schema(
            value_type = Option<String>,
            max_length = 1000,
            pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
        )
    )]
    #[serde(default, deserialize_with = "present")]
    pub bio: Option<Option<String>>,
    /// ISO 3166-1 alpha-2 (upper case; lower case is read too); `null` clears it.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::countries::CountryCode>))]
    #[serde(default, deserialize_with = "present")]
    pub country: Option<Option<String>>,
    /// The city; `null` or blank clears it.
    #[cfg_attr(
        feature = "openapi",
        schema(value_type = Option<String>, max_length = 100, pattern = r"^[^\x00-\x1f\x7f-\x9f]*$")
    )]
    #[serde(default, deserialize_with = "present")]
    pub city: Option<Option<String>>,
    /// The whole list of ISO 639-1 codes (replaces the stored one).
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Vec<LanguageCode>>, max_items = 10))]
    #[serde(default)]
    pub languages: Option<Vec<String>>,
    /// The whole list of categories (replaces the stored one).
    #[cfg_attr(feature = "openapi", schema(max_items = 5))]
    #[serde(default)]
    pub categories: Option<Vec<Category>>,
    /// Whether brands find the profile in the network.
    #[serde(default)]
    pub discoverable: Option<bool>,
}

/// A validated [`UpdateCreatorProfile`]: `None` leaves a field, `Some(None)` clears it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CreatorChanges {
    /// New display name.
    pub display_name: Option<String>,
    /// New bio.
    pub bio: Option<Option<String>>,
    /// New country (upper case).
    pub country: Option<Option<String>>,
    /// New city.
    pub city: Option<Option<String>>,
    /// New languages (lower case, without duplicates, in order).
    pub languages: Option<Vec<String>>,
    /// New categories (without duplicates, in order).
    pub categories: Option<Vec<Category>>,
    /// New discoverability.
    pub discoverable: Option<bool>,
}

impl Validate for UpdateCreatorProfile {
    type Clean = CreatorChanges;

    fn validate(&self) -> Result<CreatorChanges, FieldErrors> {
        let mut errors = FieldErrors::default();
        let display_name = self
            .display_name
            .as_deref()
            .and_then(|name| errors.check("display_name", clean_name(name, USER_NAME_MAX)));
        let bio = self.bio.as_ref().map(|bio| {
            bio.as_deref().and_then(|raw| {
                let raw = raw.trim();
                if raw.is_empty() {
                    None
                } else {
                    errors.check("bio", clean_text(raw, BIO_MAX))
                }
            })
        });
        let country = self.country.as_ref().map(|country| {
            country
                .as_deref()
                .and_then(|raw| errors.check("country", profile_country(raw)))
                .map(str::to_owned)
        });
        let city = self.city.as_ref().map(|city| {
            city.as_deref().and_then(|raw| {
                errors
                    .check("city", clean_optional_line(raw, CITY_MAX))
                    .flatten()
            })
        });
        let languages = self.languages.as_ref().map(|languages| {
            if languages.len() > LANGUAGES_MAX {
                errors.add(
                    "languages",
                    "too_many",
                    format!("at most {LANGUAGES_MAX} languages"),
                );
            }
            let mut clean: Vec<String> = Vec::new();
            for (index, raw) in languages.iter().enumerate().take(LANGUAGES_MAX) {
                if let Some(code) = errors.check(&format!("languages[{index}]"), language_code(raw))
                {
                    if !clean.iter().any(|c| c == code) {
                        clean.push(code.to_owned());
                    }
                }
            }
            clean
        });
        let categories = self.categories.as_ref().map(|categories| {
            if categories.len() > CATEGORIES_MAX {
                errors.add(
                    "categories",
                    "too_many",
                    format!("at most {CATEGORIES_MAX} categories"),
                );
            }
            let mut clean: Vec<Category> = Vec::new();
            for category in categories.iter().take(CATEGORIES_MAX) {
                if !clean.contains(category) {
                    clean.push(*category);
                }
            }
            clean
        });
        errors.into_result().map(|()| CreatorChanges {
            display_name,
            bio,
            country,
            city,
            languages,
            categories,
            discoverable: self.discoverable,
        })
    }
}

/// `POST /api/v1/creator/accounts`: claim a platform account, by profile link or handle.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ClaimAccount {
    /// A profile link, or a username with `platform`.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 300,
            example = "https://www.instagram.com/mia.lens/"
        )
    )]
    pub profile: String,
    /// The platform; inferred from a link.
    #[serde(default)]
    pub platform: Option<Platform>,
    /// The creator's own follower count (shown as self-reported until the platform is read).
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 10_000_000_000_i64))]
    #[serde(default)]
    pub followers: Option<i64>,
}

/// A validated [`ClaimAccount`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The profile.
    pub profile: ProfileRef,
    /// The self-reported follower count.
    pub followers: Option<i64>,
}

impl Validate for ClaimAccount {
    type Clean = Claim;

    fn validate(&self) -> Result<Claim, FieldErrors> {
        let mut errors = FieldErrors::default();
        let profile = errors.check("profile", profile_field(&self.profile, self.platform));
        if self
            .followers
            .is_some_and(|f| !(0..=FOLLOWERS_MAX).contains(&f))
        {
            errors.add(
                "followers",
                "out_of_range",
                format!("between 0 and {FOLLOWERS_MAX}"),
            );
        }
        match profile {
            Some(profile) if errors.0.is_empty() => Ok(Claim {
                profile,
                followers: self.followers,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
#[path = "creators_tests.rs"]
mod tests;
