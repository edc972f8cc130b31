//! The OpenAPI document: built from the same route list the server runs, so the two cannot drift.

use std::collections::BTreeMap;

use actix_web::App;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{self, RefOr, Response};
use utoipa::{IntoResponses, Modify, OpenApi};
use utoipa_actix_web::AppExt;

/// The document's fixed parts; paths are added by the routes.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Rapport API",
        description = "Influencer relationship management. Conventions: docs/api-design.md. \
            Errors are RFC 9457 problem+json with a stable `code`. Send access tokens as \
            `Authorization: Bearer {access_token}`.",
        license(name = "AGPL-3.0-or-later", identifier = "AGPL-3.0-or-later")
    ),
    modifiers(&BearerAuth),
    // Schemas that only query parameters name (an `IntoParams` field refers to its type's schema
    // without adding it) are listed here; `make test` checks that every `$ref` resolves.
    components(schemas(
        rapport_domain::Problem,
        rapport_domain::FieldError,
        rapport_domain::reminders::ReminderStatus,
        rapport_domain::network::ExploreSort,
        rapport_domain::creators::Category,
        rapport_domain::profiles::Platform,
        rapport_domain::list_providers::ListProvider,
        rapport_domain::countries::CountryCode,
        rapport_domain::creators::LanguageCode,
        rapport_domain::analytics::ChartRange,
        rapport_domain::content::ContentSort
    )),
    tags(
        (name = "auth", description = "Sign-up, log-in, sessions"),
        (name = "teams", description = "Teams (brand workspaces)"),
        (name = "members", description = "Team members and roles"),
        (name = "network", description = "The creator network as brands see it: explore, profiles, a team's favourites"),
        (name = "connections", description = "Invitations to connect, and connections, as a team sees them; the links in invitation mails"),
        (name = "notifications", description = "The signed-in user's notifications and read markers"),
        (name = "messages", description = "Conversations between a team and an influencer: in the app with connected creators, by e-mail with everyone else"),
        (name = "inbound", description = "Replies by e-mail, handed over by an inbound-parse service or an MTA (signed with the inbound secret)"),
        (name = "sources", description = "Data sources: a team's lists and accounts, matched against the network's creators and the team's influencers (the Influencers tab)"),
        (name = "creator", description = "The signed-in creator's profile and claimed accounts (the creator side)"),
        (name = "invites", description = "Invitations to a team"),
        (name = "webhooks", description = "A team's webhook endpoints: events signed the Standard Webhooks way, delivered through the job queue with retries"),
        (name = "api_keys", description = "A team's API keys, for integrators: `Authorization: Bearer rpk_…` on the team's routes, within the key's scope and budget"),
        (name = "influencers", description = "A team's influencers: accounts, contact, shipping, tags, history"),
        (name = "notes", description = "Notes on influencers, private to the team"),
        (name = "comments", description = "Team comments on influencers"),
        (name = "reminders", description = "Reminders on influencers"),
        (name = "content", description = "Content tracking: a board's hashtag, the posts of its influencers that carry it, posts added by hand"),
        (name = "analytics", description = "Account analytics: figures read from the platforms or typed in, their history, recent posts; the team's integrations that read them"),
        (name = "boards", description = "Boards and their columns"),
        (name = "cards", description = "Cards: influencers on boards"),
        (name = "labels", description = "Labels of a board"),
        (name = "dev", description = "Development helpers (dev mode only)"),
        (name = "operations", description = "For operators: liveness and readiness probes (no authentication)")
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "The access token from sign-up, log-in or refresh; or, on a team's \
                         routes, one of the team's API keys (`rpk_…`, POST \
                         /teams/{team_id}/api-keys).",
                    ))
                    .build(),
            ),
        );
    }
}

/// The document as utoipa builds it from the routes (the route table reads it).
pub fn spec() -> openapi::OpenApi {
    let (_app, spec) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(crate::routes::configure)
        .split_for_parts();
    spec
}

/// The whole document, as served at `/api/openapi.json` and printed by `rapport openapi`: the
/// routes' document with the links between operations (`crate::openapi_links`) and what the
/// middlewares answer every route alike (`crate::openapi_integrators`).
pub fn document() -> serde_json::Value {
    document_of(&spec())
}

/// [`document`] from the routes' document already built (the server builds it once at start).
pub fn document_of(spec: &openapi::OpenApi) -> serde_json::Value {
    let mut json = serde_json::to_value(spec).unwrap_or_default();
    crate::openapi_links::add_links(spec, &mut json);
    crate::openapi_integrators::add(&mut json);
    json
}

/// A problem+json answer with its `headers` (name, what it says).
pub(crate) fn problem_response(description: &str, headers: &[(&str, &str)]) -> RefOr<Response> {
    let content = openapi::ContentBuilder::new()
        .schema(Some(openapi::Ref::from_schema_name("Problem")))
        .build();
    let mut response = openapi::ResponseBuilder::new()
        .description(description)
        .content("application/problem+json", content);
    for (name, about) in headers {
        response = response.header(
            *name,
            openapi::HeaderBuilder::new()
                .schema(openapi::ObjectBuilder::new().schema_type(openapi::schema::Type::String))
                .description(Some(*about))
                .build(),
        );
    }
    RefOr::T(response.build())
}

macro_rules! problem_responses {
    ($($(#[$doc:meta])* $name:ident => $status:literal, $description:literal $(, header $header:literal: $about:literal)?;)*) => {
        $(
            $(#[$doc])*
            pub struct $name;

            impl IntoResponses for $name {
                fn responses() -> BTreeMap<String, RefOr<Response>> {
                    let headers: &[(&str, &str)] = &[$(($header, $about))?];
                    BTreeMap::from([($status.to_owned(), problem_response($description, headers))])
                }
            }
        )*
    };
}

problem_responses! {
    /// 400 for a body that is not JSON or a malformed path or query parameter.
    BadRequest => "400", "Malformed JSON body, path or query parameter (`malformed_json`, `invalid_parameter`).";
    /// 401 without a valid access token.
    Unauthorized => "401", "Missing, invalid or expired access token (`unauthorized`).", header "WWW-Authenticate": "Always `Bearer`.";
    /// 403 when the role does not allow it.
    Forbidden => "403", "The caller's role does not allow this (`forbidden`).";
    /// 404 for unknown ids and other teams' ids alike.
    NotFound => "404", "No such resource, or it belongs to a team the caller is not in (`not_found`).";
    /// 409 for a conflict with the current state.
    Conflict => "409", "Conflicts with the current state; `code` says how.";
    /// 410 for an invitation that can no longer be used.
    Gone => "410", "The invitation was accepted, revoked, or expired (`invite_accepted`, `invite_revoked`, `invite_expired`).";
    /// 413 for a body over 1 MiB.
    PayloadTooLarge => "413", "The body is over 1 MiB (`payload_too_large`).";
    /// 415 for a body that is not `application/json`.
    UnsupportedMediaType => "415", "The body is not `application/json` (`unsupported_media_type`).";
    /// 422 with field errors.
    Unprocessable => "422", "Invalid fields (`validation_failed`); `errors` lists each one.";
    /// 422 for a key a provider refused.
    KeyRefused => "422", "Invalid fields (`validation_failed`), or the provider refused the API key (`provider_key_refused`).";
    /// 422 for a Facebook login's state or code refused.
    LoginRefused => "422", "Invalid fields (`validation_failed`), a login that is unknown, used, expired or someone else's (`oauth_state_invalid`), or a code Facebook refused (`provider_key_refused`).";
    /// 409 when the server has no Facebook app.
    NotConfigured => "409", "This server has no Facebook app (`facebook_not_configured`).";
    /// 409 when the server has no app on the platform a creator logs in on.
    PlatformNotConfigured => "409", "This server has no app on that platform (`platform_not_configured`).";
    /// 409 for an account another creator verified, or a server without the platform's app.
    VerifyConflict => "409", "Another creator verified the account (`account_claimed`), or this server has no app on that platform (`platform_not_configured`).";
    /// 422 for a creator's platform login state or code refused, or a login naming no account.
    VerifyRefused => "422", "Invalid fields (`validation_failed`), a login that is unknown, used, expired or someone else's (`oauth_state_invalid`), a code the platform refused (`provider_key_refused`), or a login that shows no account to verify (`no_platform_account`).";
    /// 502 when a provider did not answer well.
    BadGateway => "502", "The provider did not answer well; try again later (`provider_unavailable`).";
    /// 429 with `Retry-After`.
    TooManyRequests => "429", "Too many attempts (`rate_limited`).", header "Retry-After": "Seconds to wait before trying again.";
}
