//! Creators: their profiles, the categories and languages they are filed under, and the platform
//! accounts they claimed.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rapport_domain::creators::{
    Category, CreatorAccount, CreatorChanges, CreatorProfile, PublicProfile,
};
use rapport_domain::network::{NetworkCreator, TeamMarks};
use rapport_domain::profiles::{profile_url, Platform};
use rapport_domain::{CreatorAccountId, CreatorId, UserId};

use crate::schema::{
    creator_accounts, creator_categories, creator_languages, creators, network_revision,
};
use crate::time::utc;
use crate::{DbConnection, StoreError};

/// A stored creator profile.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = creators)]
pub struct CreatorRow {
    /// UUIDv7.
    pub id: CreatorId,
    /// The user whose profile it is (one a user).
    pub user_id: UserId,
    /// The name brands see.
    pub display_name: String,
    /// About the creator.
    pub bio: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    /// The city.
    pub city: Option<String>,
    /// Whether brands find the profile.
    pub discoverable: bool,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Last changed.
    pub updated_at: NaiveDateTime,
}

/// A stored claimed account.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = creator_accounts)]
pub struct CreatorAccountRow {
    /// UUIDv7.
    pub id: CreatorAccountId,
    /// The creator.
    pub creator_id: CreatorId,
    /// The platform.
    pub platform: Platform,
    /// Handle as shown.
    pub handle: String,
    /// Unique key within the platform (an account is claimed once in the network).
    pub handle_key: String,
    /// Followers, when known.
    pub followers: Option<i64>,
    /// Whether `followers` is the creator's own figure.
    pub self_reported: bool,
    /// Engagement rate, when read from the platform.
    pub engagement_rate: Option<f64>,
    /// Claimed.
    pub created_at: NaiveDateTime,
    /// When the creator verified it by logging in on its platform.
    pub verified_at: Option<NaiveDateTime>,
}

impl CreatorAccountRow {
    /// The API view.
    pub fn to_account(&self) -> CreatorAccount {
        CreatorAccount {
            id: self.id,
            platform: self.platform,
            url: profile_url(self.platform, &self.handle),
            handle: self.handle.clone(),
            followers: self.followers,
            self_reported: self.self_reported,
            engagement_rate: self.engagement_rate,
            verified: self.verified_at.is_some(),
            login: None,
        }
    }
}

/// A creator's profile with everything it lists.
pub struct StoredCreator {
    /// The profile.
    pub row: CreatorRow,
    /// Categories, in the creator's order.
    pub categories: Vec<Category>,
    /// Languages, in the creator's order.
    pub languages: Vec<String>,
    /// Claimed accounts, oldest first.
    pub accounts: Vec<CreatorAccountRow>,
}

impl StoredCreator {
    /// What anyone who may see the creator sees.
    pub fn to_public(&self) -> PublicProfile {
        PublicProfile {
            id: self.row.id,
            display_name: self.row.display_name.clone(),
            bio: self.row.bio.clone(),
            country: self.row.country.clone(),
            city: self.row.city.clone(),
            languages: self.languages.clone(),
            categories: self.categories.clone(),
            accounts: self
                .accounts
                .iter()
                .map(CreatorAccountRow::to_account)
                .collect(),
            created_at: utc(self.row.created_at),
        }
    }

    /// The view brands have, with where the team asking stands with them.
    pub fn to_network(&self, marks: TeamMarks) -> NetworkCreator {
        NetworkCreator {
            profile: self.to_public(),
            favourite: marks.favourite,
            invite_id: marks.invite_id,
            connection_id: marks.connection_id,
        }
    }

    /// The owner's view.
    pub fn to_profile(&self) -> CreatorProfile {
        CreatorProfile {
            public: self.to_public(),
            discoverable: self.row.discoverable,
            updated_at: utc(self.row.updated_at),
        }
    }
}

/// Stores a new profile; a user who has one already is a unique violation.
pub fn insert(conn: &mut DbConnection, row: &CreatorRow) -> QueryResult<()> {
    diesel::insert_into(creators::table)
        .values(row)
        .execute(conn)?;
    mark_changed(conn, row.id, row.updated_at)
}

/// The profile of `user`, if they have one.
pub fn find_by_user(conn: &mut DbConnection, user: UserId) -> QueryResult<Option<CreatorRow>> {
    creators::table
        .filter(creators::user_id.eq(user))
        .select(CreatorRow::as_select())
        .first(conn)
        .optional()
}

/// The profile with this id.
pub fn find(conn: &mut DbConnection, id: CreatorId) -> QueryResult<Option<CreatorRow>> {
    creators::table
        .find(id)
        .select(CreatorRow::as_select())
        .first(conn)
        .optional()
}

/// The discoverable profiles among `ids`, in the order given.
pub fn find_many(conn: &mut DbConnection, ids: &[CreatorId]) -> QueryResult<Vec<CreatorRow>> {
    let mut rows: HashMap<CreatorId, CreatorRow> = creators::table
        .filter(creators::id.eq_any(ids))
        .filter(creators::discoverable.eq(true))
        .select(CreatorRow::as_select())
        .load(conn)?
        .into_iter()
        .map(|row| (row.id, row))
        .collect();
    Ok(ids.iter().filter_map(|id| rows.remove(id)).collect())
}

/// The profiles with these ids, discoverable or not (those that exist).
pub fn find_any_of(conn: &mut DbConnection, ids: &[CreatorId]) -> QueryResult<Vec<CreatorRow>> {
    creators::table
        .filter(creators::id.eq_any(ids))
        .select(CreatorRow::as_select())
        .load(conn)
}

/// Several profiles with everything they list, in the order given (three queries in all).
pub fn load_many(
    conn: &mut DbConnection,
    rows: Vec<CreatorRow>,
) -> Result<Vec<StoredCreator>, StoreError> {
    let ids: Vec<CreatorId> = rows.iter().map(|row| row.id).collect();
    let categories: Vec<(CreatorId, String)> = creator_categories::table
        .filter(creator_categories::creator_id.eq_any(&ids))
        .order((creator_categories::creator_id, creator_categories::position))
        .select((creator_categories::creator_id, creator_categories::category))
        .load(conn)?;
    let languages: Vec<(CreatorId, String)> = creator_languages::table
        .filter(creator_languages::creator_id.eq_any(&ids))
        .order((creator_languages::creator_id, creator_languages::position))
        .select((creator_languages::creator_id, creator_languages::language))
        .load(conn)?;
    let accounts: Vec<CreatorAccountRow> = creator_accounts::table
        .filter(creator_accounts::creator_id.eq_any(&ids))
        .order((creator_accounts::created_at, creator_accounts::id))
        .select(CreatorAccountRow::as_select())
        .load(conn)?;
    assemble(rows, categories, languages, accounts)
}

/// Every profile changed after `revision` (all of them for a revision below 0), discoverable or
/// not, with everything they list; four queries whatever their number.
pub fn changed_since(
    conn: &mut DbConnection,
    revision: i64,
) -> Result<Vec<StoredCreator>, StoreError> {
    let changed = || {
        creators::table
            .filter(creators::revision.gt(revision))
            .select(creators::id)
    };
    let rows: Vec<CreatorRow> = creators::table
        .filter(creators::revision.gt(revision))
        .select(CreatorRow::as_select())
        .load(conn)?;
    let categories: Vec<(CreatorId, String)> = creator_categories::table
        .filter(creator_categories::creator_id.eq_any(changed()))
        .order((creator_categories::creator_id, creator_categories::position))
        .select((creator_categories::creator_id, creator_categories::category))
        .load(conn)?;
    let languages: Vec<(CreatorId, String)> = creator_languages::table
        .filter(creator_languages::creator_id.eq_any(changed()))
        .order((creator_languages::creator_id, creator_languages::position))
        .select((creator_languages::creator_id, creator_languages::language))
        .load(conn)?;
    let accounts: Vec<CreatorAccountRow> = creator_accounts::table
        .filter(creator_accounts::creator_id.eq_any(changed()))
        .order((creator_accounts::created_at, creator_accounts::id))
        .select(CreatorAccountRow::as_select())
        .load(conn)?;
    assemble(rows, categories, languages, accounts)
}

/// Profiles with their lists, each list already in order.
fn assemble(
    rows: Vec<CreatorRow>,
    categories: Vec<(CreatorId, String)>,
    languages: Vec<(CreatorId, String)>,
    accounts: Vec<CreatorAccountRow>,
) -> Result<Vec<StoredCreator>, StoreError> {
    let mut by_creator: HashMap<CreatorId, StoredCreator> = HashMap::with_capacity(rows.len());
    let order: Vec<CreatorId> = rows.iter().map(|row| row.id).collect();
    for row in rows {
        by_creator.insert(
            row.id,
            StoredCreator {
                row,
                categories: Vec::new(),
                languages: Vec::new(),
                accounts: Vec::new(),
            },
        );
    }
    for (id, spelling) in categories {
        let category = Category::parse(&spelling)
            .ok_or_else(|| StoreError::Corrupt(format!("category {spelling:?}")))?;
        if let Some(creator) = by_creator.get_mut(&id) {
            creator.categories.push(category);
        }
    }
    for (id, language) in languages {
        if let Some(creator) = by_creator.get_mut(&id) {
            creator.languages.push(language);
        }
    }
    for account in accounts {
        if let Some(creator) = by_creator.get_mut(&account.creator_id) {
            creator.accounts.push(account);
        }
    }
    Ok(order
        .into_iter()
        .filter_map(|id| by_creator.remove(&id))
        .collect())
}

/// The network's revision: raised by every change to a creator.
pub fn network_revision(conn: &mut DbConnection) -> QueryResult<i64> {
    network_revision::table
        .select(network_revision::revision)
        .first(conn)
}

/// Gives the creator `id` the next network revision. Call it in the transaction that changes
/// them: the counter's row stays locked until commit, so revisions commit in order.
/// Records that a creator changed: the network's revision moves (the search index catches up)
/// and their contacts in teams' data sources are looked for again (a `matching` job).
fn mark_changed(conn: &mut DbConnection, id: CreatorId, now: NaiveDateTime) -> QueryResult<()> {
    let job = crate::jobs::JobRow::new(crate::jobs::kinds::MATCHING, &id.to_string(), now, now);
    crate::jobs::enqueue(conn, &job)?;
    diesel::update(network_revision::table)
        .set(network_revision::revision.eq(network_revision::revision + 1))
        .execute(conn)?;
    let revision = network_revision(conn)?;
    diesel::update(creators::table.find(id))
        .set(creators::revision.eq(revision))
        .execute(conn)
        .map(drop)
}

/// The profile with everything it lists.
pub fn load(conn: &mut DbConnection, row: CreatorRow) -> Result<StoredCreator, StoreError> {
    let categories: Vec<Category> = creator_categories::table
        .filter(creator_categories::creator_id.eq(row.id))
        .order(creator_categories::position)
        .select(creator_categories::category)
        .load::<String>(conn)?
        .into_iter()
        .map(|spelling| {
            Category::parse(&spelling)
                .ok_or_else(|| StoreError::Corrupt(format!("category {spelling:?}")))
        })
        .collect::<Result<_, _>>()?;
    let languages = creator_languages::table
        .filter(creator_languages::creator_id.eq(row.id))
        .order(creator_languages::position)
        .select(creator_languages::language)
        .load::<String>(conn)?;
    let accounts = creator_accounts::table
        .filter(creator_accounts::creator_id.eq(row.id))
        .order((creator_accounts::created_at, creator_accounts::id))
        .select(CreatorAccountRow::as_select())
        .load(conn)?;
    Ok(StoredCreator {
        row,
        categories,
        languages,
        accounts,
    })
}

#[derive(AsChangeset)]
#[diesel(table_name = creators)]
struct Changeset<'a> {
    display_name: Option<&'a str>,
    bio: Option<Option<&'a str>>,
    country: Option<Option<&'a str>>,
    city: Option<Option<&'a str>>,
    discoverable: Option<bool>,
    updated_at: NaiveDateTime,
}

/// Applies `changes` to the profile `id` at `now` (lists are replaced whole).
pub fn update(
    conn: &mut DbConnection,
    id: CreatorId,
    changes: &CreatorChanges,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(creators::table.find(id))
        .set(Changeset {
            display_name: changes.display_name.as_deref(),
            bio: changes.bio.as_ref().map(Option::as_deref),
            country: changes.country.as_ref().map(Option::as_deref),
            city: changes.city.as_ref().map(Option::as_deref),
            discoverable: changes.discoverable,
            updated_at: now,
        })
        .execute(conn)?;
    if let Some(categories) = &changes.categories {
        diesel::delete(creator_categories::table.filter(creator_categories::creator_id.eq(id)))
            .execute(conn)?;
        for (position, category) in (0..).zip(categories) {
            diesel::insert_into(creator_categories::table)
                .values((
                    creator_categories::creator_id.eq(id),
                    creator_categories::category.eq(category.as_str()),
                    creator_categories::position.eq(position),
                ))
                .execute(conn)?;
        }
    }
    if let Some(languages) = &changes.languages {
        diesel::delete(creator_languages::table.filter(creator_languages::creator_id.eq(id)))
            .execute(conn)?;
        for (position, language) in (0..).zip(languages) {
            diesel::insert_into(creator_languages::table)
                .values((
                    creator_languages::creator_id.eq(id),
                    creator_languages::language.eq(language),
                    creator_languages::position.eq(position),
                ))
                .execute(conn)?;
        }
    }
    mark_changed(conn, id, now)
}

/// Stores a claimed account; one claimed already (by anyone) is a unique violation.
pub fn insert_account(conn: &mut DbConnection, row: &CreatorAccountRow) -> QueryResult<()> {
    diesel::insert_into(creator_accounts::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// Removes the account `id` of the creator `creator`; whether there was one.
pub fn delete_account(
    conn: &mut DbConnection,
    creator: CreatorId,
    id: CreatorAccountId,
) -> QueryResult<bool> {
    diesel::delete(
        creator_accounts::table
            .filter(creator_accounts::id.eq(id))
            .filter(creator_accounts::creator_id.eq(creator)),
    )
    .execute(conn)
    .map(|deleted| deleted > 0)
}

/// Marks the profile changed at `now`.
pub fn touch(conn: &mut DbConnection, id: CreatorId, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(creators::table.find(id))
        .set(creators::updated_at.eq(now))
        .execute(conn)?;
    mark_changed(conn, id, now)
}

/// A new creator with everything they list, for seeding many at once.
pub struct NewCreator {
    /// The profile.
    pub row: CreatorRow,
    /// Categories, in order.
    pub categories: Vec<Category>,
    /// Languages, in order.
    pub languages: Vec<&'static str>,
    /// Claimed accounts.
    pub accounts: Vec<CreatorAccountRow>,
}

/// Runs an insert on the backend's own connection: multi-row inserts need the backend's own SQL
/// dialect, which diesel's multi-backend connection does not offer.
macro_rules! execute_natively {
    ($conn:expr, $query:expr) => {
        match $conn {
            DbConnection::Sqlite(native) => $query.execute(native),
            DbConnection::Postgresql(native) => $query.execute(native),
        }
    };
}
pub(crate) use execute_natively;

/// Stores the creators (their users stored already) with one network revision for all: a few
/// multi-row statements per call, for seeding large networks.
pub fn insert_batch(conn: &mut DbConnection, batch: &[NewCreator]) -> QueryResult<()> {
    let rows: Vec<&CreatorRow> = batch.iter().map(|creator| &creator.row).collect();
    for chunk in rows.chunks(1_000) {
        execute_natively!(
            conn,
            diesel::insert_into(creators::table)
                .values(chunk.iter().copied().cloned().collect::<Vec<_>>())
        )?;
    }
    let categories: Vec<_> = batch
        .iter()
        .flat_map(|creator| {
            (0..).zip(&creator.categories).map(|(position, category)| {
                (
                    creator_categories::creator_id.eq(creator.row.id),
                    creator_categories::category.eq(category.as_str()),
                    creator_categories::position.eq(position),
                )
            })
        })
        .collect();
    for chunk in categories.chunks(2_000) {
        execute_natively!(
            conn,
            diesel::insert_into(creator_categories::table).values(chunk)
        )?;
    }
    let languages: Vec<_> = batch
        .iter()
        .flat_map(|creator| {
            (0..).zip(&creator.languages).map(|(position, language)| {
                (
                    creator_languages::creator_id.eq(creator.row.id),
                    creator_languages::language.eq(*language),
                    creator_languages::position.eq(position),
                )
            })
        })
        .collect();
    for chunk in languages.chunks(2_000) {
        execute_natively!(
            conn,
            diesel::insert_into(creator_languages::table).values(chunk)
        )?;
    }
    let accounts: Vec<&CreatorAccountRow> =
        batch.iter().flat_map(|creator| &creator.accounts).collect();
    for chunk in accounts.chunks(1_000) {
        execute_natively!(
            conn,
            diesel::insert_into(creator_accounts::table)
                .values(chunk.iter().copied().cloned().collect::<Vec<_>>())
        )?;
    }
    diesel::update(network_revision::table)
        .set(network_revision::revision.eq(network_revision::revision + 1))
        .execute(conn)?;
    let revision = network_revision(conn)?;
    let ids: Vec<CreatorId> = rows.iter().map(|row| row.id).collect();
    for chunk in ids.chunks(1_000) {
        diesel::update(creators::table.filter(creators::id.eq_any(chunk)))
            .set(creators::revision.eq(revision))
            .execute(conn)?;
    }
    Ok(())
}
