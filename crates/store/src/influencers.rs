//! Influencers and their platform accounts.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rapport_domain::analytics::StatsSource;
use rapport_domain::influencers::{
    AccountSummary, Influencer, InfluencerChanges, PlatformAccount, ShippingAddress,
};
use rapport_domain::profiles::{profile_url, Platform};
use rapport_domain::{AccountId, InfluencerId, TeamId};

use crate::schema::{influencers, platform_accounts};
use crate::time::utc;
use crate::{like_pattern, lower, DbConnection, StoreError};

/// A stored influencer.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = influencers)]
pub struct InfluencerRow {
    /// UUIDv7.
    pub id: InfluencerId,
    /// The team whose record it is.
    pub team_id: TeamId,
    /// Name shown.
    pub display_name: String,
    /// Contact e-mail.
    pub email: Option<String>,
    /// Contact phone.
    pub phone: Option<String>,
    /// Shipping: recipient.
    pub ship_name: Option<String>,
    /// Shipping: first line.
    pub ship_line1: Option<String>,
    /// Shipping: second line.
    pub ship_line2: Option<String>,
    /// Shipping: city.
    pub ship_city: Option<String>,
    /// Shipping: region.
    pub ship_region: Option<String>,
    /// Shipping: postal code.
    pub ship_postal_code: Option<String>,
    /// Shipping: ISO country code.
    pub ship_country: Option<String>,
    /// Tags, a JSON array of strings.
    pub tags: String,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Last changed.
    pub updated_at: NaiveDateTime,
}

impl InfluencerRow {
    /// A new influencer with only a name.
    pub fn new(team: TeamId, display_name: &str, now: NaiveDateTime) -> Self {
        Self {
            id: crate::new_id(),
            team_id: team,
            display_name: display_name.to_owned(),
            email: None,
            phone: None,
            ship_name: None,
            ship_line1: None,
            ship_line2: None,
            ship_city: None,
            ship_region: None,
            ship_postal_code: None,
            ship_country: None,
            tags: "[]".to_owned(),
            created_at: now,
            updated_at: now,
        }
    }

    /// The API view, with its accounts.
    pub fn to_influencer(&self, accounts: &[AccountRow]) -> Result<Influencer, StoreError> {
        Ok(Influencer {
            id: self.id,
            team_id: self.team_id,
            display_name: self.display_name.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            shipping_address: ShippingAddress {
                name: self.ship_name.clone(),
                line1: self.ship_line1.clone(),
                line2: self.ship_line2.clone(),
                city: self.ship_city.clone(),
                region: self.ship_region.clone(),
                postal_code: self.ship_postal_code.clone(),
                country: self.ship_country.clone(),
            },
            tags: serde_json::from_str(&self.tags)
                .map_err(|_| StoreError::Corrupt(format!("tags {:?}", self.tags)))?,
            accounts: accounts.iter().map(AccountRow::to_account).collect(),
            created_at: utc(self.created_at),
            updated_at: utc(self.updated_at),
        })
    }
}

/// A stored platform account.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = platform_accounts)]
pub struct AccountRow {
    /// UUIDv7.
    pub id: AccountId,
    /// The team (for the uniqueness of accounts within a team).
    pub team_id: TeamId,
    /// The influencer.
    pub influencer_id: InfluencerId,
    /// The platform.
    pub platform: Platform,
    /// Handle as shown.
    pub handle: String,
    /// Unique key within the platform.
    pub handle_key: String,
    /// Followers, when known.
    pub followers: Option<i64>,
    /// Posts, when known.
    pub posts: Option<i64>,
    /// Engagement rate, when known.
    pub engagement_rate: Option<f64>,
    /// When the stats were read.
    pub stats_updated_at: Option<NaiveDateTime>,
    /// Added.
    pub created_at: NaiveDateTime,
    /// Average likes of recent posts.
    pub avg_likes: Option<f64>,
    /// Average comments of recent posts.
    pub avg_comments: Option<f64>,
    /// Average views of recent posts.
    pub avg_views: Option<f64>,
    /// Where the stats were read.
    pub stats_source: Option<StatsSource>,
    /// What went wrong at the last refresh.
    pub stats_problem: Option<String>,
}

impl AccountRow {
    /// The API view.
    pub fn to_account(&self) -> PlatformAccount {
        PlatformAccount {
            id: self.id,
            platform: self.platform,
            url: profile_url(self.platform, &self.handle),
            handle: self.handle.clone(),
            followers: self.followers,
            posts: self.posts,
            engagement_rate: self.engagement_rate,
            stats_updated_at: self.stats_updated_at.map(utc),
        }
    }

    /// The short view shown on cards.
    pub fn to_summary(&self) -> AccountSummary {
        AccountSummary {
            platform: self.platform,
            handle: self.handle.clone(),
            followers: self.followers,
        }
    }
}

/// The display names of these influencers, by id.
pub fn names(
    conn: &mut DbConnection,
    ids: &[InfluencerId],
) -> QueryResult<std::collections::HashMap<InfluencerId, String>> {
    Ok(influencers::table
        .filter(influencers::id.eq_any(ids))
        .select((influencers::id, influencers::display_name))
        .load::<(InfluencerId, String)>(conn)?
        .into_iter()
        .collect())
}

/// Stores a new influencer.
pub fn insert(conn: &mut DbConnection, row: &InfluencerRow) -> QueryResult<()> {
    diesel::insert_into(influencers::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// Stores a new account; an account the team already has is a unique violation. The team's data
/// sources are searched for it (a `matching` job).
pub fn insert_account(conn: &mut DbConnection, row: &AccountRow) -> QueryResult<()> {
    diesel::insert_into(platform_accounts::table)
        .values(row)
        .execute(conn)?;
    mark_for_matching(conn, row.team_id, row.influencer_id, row.created_at)
}

/// The subject of the `matching` job that searches a team's data sources for its influencer.
pub fn matching_subject(id: InfluencerId) -> String {
    format!("influencer:{id}")
}

/// Queues the search of the team's data sources for its influencer (a new account or address).
fn mark_for_matching(
    conn: &mut DbConnection,
    team: TeamId,
    id: InfluencerId,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let job = crate::jobs::JobRow::new(
        crate::jobs::kinds::MATCHING,
        &matching_subject(id),
        now,
        now,
    )
    .for_team(team);
    crate::jobs::enqueue(conn, &job).map(drop)
}

/// The influencer with this id.
pub fn find(conn: &mut DbConnection, id: InfluencerId) -> QueryResult<Option<InfluencerRow>> {
    influencers::table
        .find(id)
        .select(InfluencerRow::as_select())
        .first(conn)
        .optional()
}

/// The influencer's accounts, oldest first.
pub fn accounts_of(conn: &mut DbConnection, id: InfluencerId) -> QueryResult<Vec<AccountRow>> {
    platform_accounts::table
        .filter(platform_accounts::influencer_id.eq(id))
        .select(AccountRow::as_select())
        .order((platform_accounts::created_at, platform_accounts::id))
        .load(conn)
}

/// The accounts of several influencers, oldest first.
pub fn accounts_of_many(
    conn: &mut DbConnection,
    ids: &[InfluencerId],
) -> QueryResult<Vec<AccountRow>> {
    platform_accounts::table
        .filter(platform_accounts::influencer_id.eq_any(ids))
        .select(AccountRow::as_select())
        .order((platform_accounts::created_at, platform_accounts::id))
        .load(conn)
}

/// The team's account on `platform` with this key, if it has one.
pub fn find_account(
    conn: &mut DbConnection,
    team: TeamId,
    platform: Platform,
    key: &str,
) -> QueryResult<Option<AccountRow>> {
    platform_accounts::table
        .filter(platform_accounts::team_id.eq(team))
        .filter(platform_accounts::platform.eq(platform))
        .filter(platform_accounts::handle_key.eq(key))
        .select(AccountRow::as_select())
        .first(conn)
        .optional()
}

/// The account with this id.
pub fn find_account_by_id(
    conn: &mut DbConnection,
    account: AccountId,
) -> QueryResult<Option<AccountRow>> {
    platform_accounts::table
        .find(account)
        .select(AccountRow::as_select())
        .first(conn)
        .optional()
}

/// The account with this id, if it belongs to the influencer.
pub fn find_account_of(
    conn: &mut DbConnection,
    influencer: InfluencerId,
    account: AccountId,
) -> QueryResult<Option<AccountRow>> {
    platform_accounts::table
        .filter(platform_accounts::id.eq(account))
        .filter(platform_accounts::influencer_id.eq(influencer))
        .select(AccountRow::as_select())
        .first(conn)
        .optional()
}

/// Removes an account.
pub fn delete_account(conn: &mut DbConnection, id: AccountId) -> QueryResult<usize> {
    diesel::delete(platform_accounts::table.find(id)).execute(conn)
}

/// The team's influencers, oldest first, after the cursor, optionally only those whose name or a
/// handle contains `q` (any case).
pub fn list(
    conn: &mut DbConnection,
    team: TeamId,
    q: Option<&str>,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<InfluencerRow>> {
    let mut query = influencers::table
        .filter(influencers::team_id.eq(team))
        .select(InfluencerRow::as_select())
        .order(influencers::id)
        .limit(limit)
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(influencers::id.gt(after.to_owned()));
    }
    if let Some(q) = q {
        let pattern = like_pattern(q);
        let by_handle = platform_accounts::table
            .filter(platform_accounts::team_id.eq(team))
            .filter(
                lower(platform_accounts::handle)
                    .like(pattern.clone())
                    .escape('\\'),
            )
            .select(platform_accounts::influencer_id);
        query = query.filter(
            lower(influencers::display_name)
                .like(pattern)
                .escape('\\')
                .or(influencers::id.eq_any(by_handle)),
        );
    }
    query.load(conn)
}

#[derive(AsChangeset)]
#[diesel(table_name = influencers)]
struct Changeset<'a> {
    display_name: Option<&'a str>,
    email: Option<Option<&'a str>>,
    phone: Option<Option<&'a str>>,
    ship_name: Option<Option<&'a str>>,
    ship_line1: Option<Option<&'a str>>,
    ship_line2: Option<Option<&'a str>>,
    ship_city: Option<Option<&'a str>>,
    ship_region: Option<Option<&'a str>>,
    ship_postal_code: Option<Option<&'a str>>,
    ship_country: Option<Option<&'a str>>,
    tags: Option<String>,
    updated_at: NaiveDateTime,
}

/// Applies the changes.
pub fn update(
    conn: &mut DbConnection,
    id: InfluencerId,
    changes: &InfluencerChanges,
    now: NaiveDateTime,
) -> Result<usize, StoreError> {
    let address = changes.shipping_address.as_ref();
    let line = |pick: fn(&ShippingAddress) -> &Option<String>| address.map(|a| pick(a).as_deref());
    let tags = changes
        .tags
        .as_ref()
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    if matches!(changes.email, Some(Some(_))) {
        if let Some(team) = influencers::table
            .find(id)
            .select(influencers::team_id)
            .first::<TeamId>(conn)
            .optional()?
        {
            mark_for_matching(conn, team, id, now)?;
        }
    }
    Ok(diesel::update(influencers::table.find(id))
        .set(Changeset {
            display_name: changes.display_name.as_deref(),
            email: changes.email.as_ref().map(Option::as_deref),
            phone: changes.phone.as_ref().map(Option::as_deref),
            ship_name: line(|a| &a.name),
            ship_line1: line(|a| &a.line1),
            ship_line2: line(|a| &a.line2),
            ship_city: line(|a| &a.city),
            ship_region: line(|a| &a.region),
            ship_postal_code: line(|a| &a.postal_code),
            ship_country: line(|a| &a.country),
            tags,
            updated_at: now,
        })
        .execute(conn)?)
}

/// Deletes an influencer with everything attached (accounts, cards, notes, reminders, history).
pub fn delete(conn: &mut DbConnection, id: InfluencerId) -> QueryResult<usize> {
    diesel::delete(influencers::table.find(id)).execute(conn)
}

/// Records follower counts read from a platform for every account of the influencer.
pub fn set_stats(
    conn: &mut DbConnection,
    influencer: InfluencerId,
    followers: i64,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(platform_accounts::table.filter(platform_accounts::influencer_id.eq(influencer)))
        .set((
            platform_accounts::followers.eq(Some(followers)),
            platform_accounts::stats_updated_at.eq(Some(now)),
        ))
        .execute(conn)
}
