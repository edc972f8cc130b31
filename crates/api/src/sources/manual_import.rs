//! Adding one influencer by hand (a micro-influencer outside the network): by Instagram handle
//! and e-mail address, they become one of the team's influencers with that contact address, and a
//! contact of the team's source "Added by hand" (hashes only, like every source's), matched like
//! any contact: a creator of the network with that address or handle shows in the Influencers tab.

use chrono::NaiveDateTime;
use rapport_domain::influencers::{profile_field, InfluencerChanges, DISPLAY_NAME_MAX};
use rapport_domain::profiles::Platform;
use rapport_domain::sources::{ImportInfluencer, ImportedInfluencer, SourceKind, ADDED_BY_HAND};
use rapport_domain::validation::{clean_name, normalize_email};
use rapport_domain::{FieldErrors, TeamId, UserId};
use rapport_store::sources::{self, ContactRow, SourceRow};
use rapport_store::DbConnection;

use crate::access::role_in;
use crate::crm::influencers;
use crate::data_key::DataKey;
use crate::error::{ApiError, ApiResult};
use crate::sources::list_sync::store_page;
use crate::sources::listing::view_one;
use crate::sources::matching::{Target, Targets};

/// The team's source of influencers added by hand, made the first time.
fn by_hand(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
    now: NaiveDateTime,
) -> ApiResult<SourceRow> {
    let kind = SourceKind::Manual.as_str();
    if let Some(row) = sources::find_named(conn, team, kind, ADDED_BY_HAND)? {
        return Ok(row);
    }
    Ok(sources::insert(
        conn,
        SourceRow::new(team, kind, ADDED_BY_HAND, actor, now),
    )?)
}

/// Adds the influencer (or gives the team's influencer of that profile the address) and their
/// contact, and matches it.
pub fn import(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
    request: &ImportInfluencer,
    key: &DataKey,
    now: NaiveDateTime,
) -> ApiResult<ImportedInfluencer> {
    let mut errors = FieldErrors::default();
    let profile = errors.check(
        "instagram",
        profile_field(&request.instagram, Some(Platform::Instagram)),
    );
    let email = errors.check("email", normalize_email(&request.email));
    let name = request
        .display_name
        .as_deref()
        .and_then(|name| errors.check("display_name", clean_name(name, DISPLAY_NAME_MAX)));
    errors.into_result()?;
    let (Some(profile), Some(email)) = (profile, email) else {
        return Err(ApiError::from(FieldErrors::default()));
    };
    role_in(conn, team, actor)?;
    let name = name.unwrap_or_else(|| profile.handle.clone());
    let (influencer, created) = influencers::create(conn, actor, team, &profile, &name)?;
    if influencer.email.as_deref() != Some(email.as_str()) {
        let changes = InfluencerChanges {
            display_name: None,
            email: Some(Some(email.clone())),
            phone: None,
            shipping_address: None,
            tags: None,
        };
        influencers::update(conn, actor, influencer.id, &changes)?;
    }
    let source = by_hand(conn, actor, team, now)?;
    let contact = ContactRow {
        source_number: sources::number_of(conn, source.id)?,
        email_hash: key.email_hash(&email),
        instagram_hash: Some(key.handle_hash(Platform::Instagram, &profile.key)),
        tiktok_hash: None,
        youtube_hash: None,
        detail: format!("added by hand on {}", now.format("%Y-%m-%d")),
        subscribed: true,
    };
    let targets = Targets::read(conn, team, key)?;
    let in_network = targets
        .matches(&contact)
        .iter()
        .any(|(target, _)| matches!(target, Target::Creator(_)));
    store_page(conn, source.id, team, &[contact], &targets, now)?;
    sources::record_counts(conn, source.id, now)?;
    let source = sources::find(conn, source.id)?.ok_or_else(|| ApiError::not_found("source"))?;
    Ok(ImportedInfluencer {
        source: view_one(conn, &source)?,
        influencer_id: influencer.id,
        created,
        in_network,
    })
}
