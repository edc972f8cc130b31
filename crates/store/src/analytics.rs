//! Account analytics: an account's current figures (on its `platform_accounts` row), its daily
//! snapshots (`account_snapshots`: one row per account per day, keyed by the day's number, thinned
//! with age), the posts its figures were read from (`posts`), and the keys a team stores for the
//! platforms' APIs (`team_integrations`, sealed by the caller).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use rapport_domain::analytics::{Post, SnapshotPoint, StatsSource};
use rapport_domain::profiles::Platform;
use rapport_domain::{AccountId, BoardId, InfluencerId, PostId, TeamId, UserId};

use crate::influencers::AccountRow;
use crate::schema::{
    account_snapshots, board_posts, cards, platform_accounts, posts, team_integrations,
};
use crate::time::utc;
use crate::DbConnection;

/// 1970-01-01, day 0 of the snapshots' day numbers.
fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()
}

/// The number of a day (days since 1970-01-01).
pub fn day_number(day: NaiveDate) -> i32 {
    i32::try_from((day - epoch()).num_days()).unwrap_or(i32::MAX)
}

/// The day of a number.
pub fn day_of(number: i32) -> NaiveDate {
    epoch() + chrono::Duration::days(i64::from(number))
}

/// One day's figures of an account.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = account_snapshots)]
pub struct SnapshotRow {
    /// The account.
    pub account_id: AccountId,
    /// The day's number ([`day_number`]).
    pub day: i32,
    /// Followers.
    pub followers: Option<i64>,
    /// Posts.
    pub posts: Option<i64>,
    /// Engagement rate.
    pub engagement_rate: Option<f64>,
    /// Where the figures come from.
    pub source: StatsSource,
}

impl SnapshotRow {
    /// The API view.
    pub fn to_point(&self) -> SnapshotPoint {
        SnapshotPoint {
            day: day_of(self.day),
            followers: self.followers,
            posts: self.posts,
            engagement_rate: self.engagement_rate,
            source: self.source,
        }
    }
}

/// An account's figures as read (or typed in).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figures {
    /// Followers.
    pub followers: Option<i64>,
    /// Posts.
    pub posts: Option<i64>,
    /// Average likes of recent posts.
    pub avg_likes: Option<f64>,
    /// Average comments of recent posts.
    pub avg_comments: Option<f64>,
    /// Average views of recent posts.
    pub avg_views: Option<f64>,
    /// Engagement rate.
    pub engagement_rate: Option<f64>,
    /// Where they were read.
    pub source: StatsSource,
}

/// Records an account's figures read at `at`: its row's current figures (the problem cleared)
/// and the day's snapshot (replacing one taken earlier that day).
pub fn record_figures(
    conn: &mut DbConnection,
    account: AccountId,
    figures: &Figures,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(platform_accounts::table.find(account))
        .set((
            platform_accounts::followers.eq(figures.followers),
            platform_accounts::posts.eq(figures.posts),
            platform_accounts::avg_likes.eq(figures.avg_likes),
            platform_accounts::avg_comments.eq(figures.avg_comments),
            platform_accounts::avg_views.eq(figures.avg_views),
            platform_accounts::engagement_rate.eq(figures.engagement_rate),
            platform_accounts::stats_source.eq(Some(figures.source)),
            platform_accounts::stats_problem.eq(None::<String>),
            platform_accounts::stats_updated_at.eq(Some(at)),
        ))
        .execute(conn)?;
    put_snapshot(
        conn,
        &SnapshotRow {
            account_id: account,
            day: day_number(at.date()),
            followers: figures.followers,
            posts: figures.posts,
            engagement_rate: figures.engagement_rate,
            source: figures.source,
        },
    )
}

/// Records what went wrong reading an account (`None` clears it); its figures stay.
pub fn set_problem(
    conn: &mut DbConnection,
    account: AccountId,
    problem: Option<&str>,
) -> QueryResult<usize> {
    diesel::update(platform_accounts::table.find(account))
        .set(platform_accounts::stats_problem.eq(problem))
        .execute(conn)
}

/// Stores a day's snapshot, replacing the one of that day.
pub fn put_snapshot(conn: &mut DbConnection, row: &SnapshotRow) -> QueryResult<()> {
    diesel::delete(account_snapshots::table.find((row.account_id, row.day))).execute(conn)?;
    diesel::insert_into(account_snapshots::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// Stores many snapshots at once (demo data, benchmarks); the days must be new.
pub fn insert_snapshots(conn: &mut DbConnection, rows: &[SnapshotRow]) -> QueryResult<()> {
    for chunk in rows.chunks(1_000) {
        crate::creators::execute_natively!(
            conn,
            diesel::insert_into(account_snapshots::table).values(chunk.to_vec())
        )?;
    }
    Ok(())
}

/// An account's snapshots from day `from` (all when `None`), oldest first.
pub fn snapshots(
    conn: &mut DbConnection,
    account: AccountId,
    from: Option<i32>,
) -> QueryResult<Vec<SnapshotRow>> {
    let mut query = account_snapshots::table
        .filter(account_snapshots::account_id.eq(account))
        .select(SnapshotRow::as_select())
        .order(account_snapshots::day.asc())
        .into_boxed();
    if let Some(from) = from {
        query = query.filter(account_snapshots::day.ge(from));
    }
    query.load(conn)
}

/// Snapshot keys older than day `before`, account by account from after `after`: the next
/// `accounts` accounts' old days, for thinning a batch at a time.
pub fn old_snapshot_days(
    conn: &mut DbConnection,
    before: i32,
    after: Option<AccountId>,
    accounts: i64,
) -> QueryResult<Vec<(AccountId, i32)>> {
    let mut next = account_snapshots::table
        .filter(account_snapshots::day.lt(before))
        .select(account_snapshots::account_id)
        .distinct()
        .order(account_snapshots::account_id.asc())
        .limit(accounts)
        .into_boxed();
    if let Some(after) = after {
        next = next.filter(account_snapshots::account_id.gt(after));
    }
    let ids: Vec<AccountId> = next.load(conn)?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    account_snapshots::table
        .filter(account_snapshots::account_id.eq_any(&ids))
        .filter(account_snapshots::day.lt(before))
        .select((account_snapshots::account_id, account_snapshots::day))
        .order((
            account_snapshots::account_id.asc(),
            account_snapshots::day.asc(),
        ))
        .load(conn)
}

/// Deletes these snapshots.
pub fn delete_snapshots(conn: &mut DbConnection, keys: &[(AccountId, i32)]) -> QueryResult<usize> {
    let mut deleted = 0;
    for (account, days) in group_days(keys) {
        for chunk in days.chunks(500) {
            deleted += diesel::delete(
                account_snapshots::table
                    .filter(account_snapshots::account_id.eq(account))
                    .filter(account_snapshots::day.eq_any(chunk)),
            )
            .execute(conn)?;
        }
    }
    Ok(deleted)
}

fn group_days(keys: &[(AccountId, i32)]) -> Vec<(AccountId, Vec<i32>)> {
    let mut groups: Vec<(AccountId, Vec<i32>)> = Vec::new();
    for (account, day) in keys {
        match groups.last_mut() {
            Some((last, days)) if last == account => days.push(*day),
            _ => groups.push((*account, vec![*day])),
        }
    }
    groups
}

/// Snapshots stored in all.
pub fn count_snapshots(conn: &mut DbConnection) -> QueryResult<i64> {
    account_snapshots::table.count().get_result(conn)
}

/// A stored post.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = posts)]
pub struct PostRow {
    /// UUIDv7.
    pub id: PostId,
    /// The team.
    pub team_id: TeamId,
    /// The account that posted it.
    pub account_id: AccountId,
    /// The platform's id of it (its link for a post added by hand).
    pub external_id: String,
    /// Its link.
    pub link: Option<String>,
    /// Its caption.
    pub caption: Option<String>,
    /// A picture of it.
    pub thumbnail_url: Option<String>,
    /// When it was posted.
    pub posted_at: Option<NaiveDateTime>,
    /// Likes.
    pub likes: Option<i64>,
    /// Comments.
    pub comments: Option<i64>,
    /// Views.
    pub views: Option<i64>,
    /// Where the figures come from.
    pub source: StatsSource,
    /// When the figures were read.
    pub read_at: NaiveDateTime,
    /// First stored.
    pub created_at: NaiveDateTime,
}

impl PostRow {
    /// The API view, for an account of `platform`.
    pub fn to_post(&self, platform: Platform) -> Post {
        Post {
            id: self.id,
            account_id: self.account_id,
            platform,
            link: self.link.clone(),
            caption: self.caption.clone(),
            thumbnail_url: self.thumbnail_url.clone(),
            posted_at: self.posted_at.map(utc),
            likes: self.likes,
            comments: self.comments,
            views: self.views,
            source: self.source,
            read_at: utc(self.read_at),
        }
    }
}

/// Stores posts read from a platform: a post seen before (same account and platform id) gets
/// its new figures, a new one is added.
pub fn upsert_posts(conn: &mut DbConnection, rows: &[PostRow]) -> QueryResult<()> {
    for row in rows {
        let updated = diesel::update(
            posts::table
                .filter(posts::account_id.eq(row.account_id))
                .filter(posts::external_id.eq(&row.external_id)),
        )
        .set((
            posts::link.eq(&row.link),
            posts::caption.eq(&row.caption),
            posts::thumbnail_url.eq(&row.thumbnail_url),
            posts::posted_at.eq(row.posted_at),
            posts::likes.eq(row.likes),
            posts::comments.eq(row.comments),
            posts::views.eq(row.views),
            posts::source.eq(row.source),
            posts::read_at.eq(row.read_at),
        ))
        .execute(conn)?;
        if updated == 0 {
            diesel::insert_into(posts::table)
                .values(row)
                .execute(conn)?;
        }
    }
    Ok(())
}

/// An account's newest `limit` posts, newest first.
pub fn recent_posts(
    conn: &mut DbConnection,
    account: AccountId,
    limit: i64,
) -> QueryResult<Vec<PostRow>> {
    posts::table
        .filter(posts::account_id.eq(account))
        .select(PostRow::as_select())
        .order((posts::posted_at.desc(), posts::id.desc()))
        .limit(limit)
        .load(conn)
}

/// An account's posts of these platform ids.
pub fn find_posts(
    conn: &mut DbConnection,
    account: AccountId,
    external_ids: &[String],
) -> QueryResult<Vec<PostRow>> {
    posts::table
        .filter(posts::account_id.eq(account))
        .filter(posts::external_id.eq_any(external_ids))
        .select(PostRow::as_select())
        .load(conn)
}

/// New figures of an account's post (read again while it is tracked).
pub fn update_figures(
    conn: &mut DbConnection,
    account: AccountId,
    external_id: &str,
    figures: (Option<i64>, Option<i64>, Option<i64>),
    read_at: NaiveDateTime,
) -> QueryResult<usize> {
    let (likes, comments, views) = figures;
    diesel::update(
        posts::table
            .filter(posts::account_id.eq(account))
            .filter(posts::external_id.eq(external_id)),
    )
    .set((
        posts::likes.eq(likes),
        posts::comments.eq(comments),
        posts::views.eq(views),
        posts::read_at.eq(read_at),
    ))
    .execute(conn)
}

/// Deletes the account's posts read from its platform that are older than its newest `keep`
/// (posts added by hand and posts on a board's Content tab stay).
pub fn trim_posts(conn: &mut DbConnection, account: AccountId, keep: i64) -> QueryResult<usize> {
    let kept: Vec<PostId> = posts::table
        .filter(posts::account_id.eq(account))
        .select(posts::id)
        .order((posts::posted_at.desc(), posts::id.desc()))
        .limit(keep)
        .load(conn)?;
    diesel::delete(
        posts::table
            .filter(posts::account_id.eq(account))
            .filter(posts::source.ne(StatsSource::Manual))
            .filter(posts::id.ne_all(kept))
            .filter(diesel::dsl::not(diesel::dsl::exists(
                board_posts::table.filter(board_posts::post_id.eq(posts::id)),
            ))),
    )
    .execute(conn)
}

/// Stores posts at once (demo data); they must be new.
pub fn insert_posts(conn: &mut DbConnection, rows: &[PostRow]) -> QueryResult<()> {
    for chunk in rows.chunks(500) {
        crate::creators::execute_natively!(
            conn,
            diesel::insert_into(posts::table).values(chunk.to_vec())
        )?;
    }
    Ok(())
}

/// Whose platform accounts: a team's, an influencer's, or those of the influencers with a card
/// on a board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountsOf {
    /// A team's.
    Team(TeamId),
    /// An influencer's.
    Influencer(InfluencerId),
    /// The influencers' on a board.
    Board(BoardId),
}

/// The platform accounts of `of` after `after` in id order, `limit` at most.
pub fn accounts_after(
    conn: &mut DbConnection,
    of: AccountsOf,
    after: Option<AccountId>,
    limit: i64,
) -> QueryResult<Vec<AccountRow>> {
    let mut query = platform_accounts::table
        .select(AccountRow::as_select())
        .order(platform_accounts::id.asc())
        .limit(limit)
        .into_boxed();
    query = match of {
        AccountsOf::Team(team) => query.filter(platform_accounts::team_id.eq(team)),
        AccountsOf::Influencer(influencer) => {
            query.filter(platform_accounts::influencer_id.eq(influencer))
        }
        AccountsOf::Board(board) => query.filter(diesel::dsl::exists(
            cards::table
                .filter(cards::board_id.eq(board))
                .filter(cards::influencer_id.eq(platform_accounts::influencer_id)),
        )),
    };
    if let Some(after) = after {
        query = query.filter(platform_accounts::id.gt(after));
    }
    query.load(conn)
}

/// The teams that have platform accounts.
pub fn teams_with_accounts(conn: &mut DbConnection) -> QueryResult<Vec<TeamId>> {
    platform_accounts::table
        .select(platform_accounts::team_id)
        .distinct()
        .order(platform_accounts::team_id.asc())
        .load(conn)
}

/// The team's accounts on `platform`.
pub fn count_team_accounts(
    conn: &mut DbConnection,
    team: TeamId,
    platform: Platform,
) -> QueryResult<i64> {
    platform_accounts::table
        .filter(platform_accounts::team_id.eq(team))
        .filter(platform_accounts::platform.eq(platform))
        .count()
        .get_result(conn)
}

/// A key a team stores for a platform's API.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = team_integrations)]
pub struct IntegrationRow {
    /// The team.
    pub team_id: TeamId,
    /// The platform's API (`youtube`).
    pub provider: String,
    /// The key, sealed with the data key.
    pub secret: String,
    /// The data key's id that sealed it.
    pub secret_key_id: String,
    /// The key's last characters.
    pub hint: String,
    /// Who stored it.
    pub created_by: Option<UserId>,
    /// Stored.
    pub created_at: NaiveDateTime,
    /// Last replaced.
    pub updated_at: NaiveDateTime,
}

/// The team's key for `provider`.
pub fn find_integration(
    conn: &mut DbConnection,
    team: TeamId,
    provider: &str,
) -> QueryResult<Option<IntegrationRow>> {
    team_integrations::table
        .find((team, provider))
        .select(IntegrationRow::as_select())
        .first(conn)
        .optional()
}

/// Stores the team's key for its provider, replacing the one stored.
pub fn put_integration(conn: &mut DbConnection, row: &IntegrationRow) -> QueryResult<()> {
    let replaced = diesel::update(team_integrations::table.find((row.team_id, &row.provider)))
        .set((
            team_integrations::secret.eq(&row.secret),
            team_integrations::secret_key_id.eq(&row.secret_key_id),
            team_integrations::hint.eq(&row.hint),
            team_integrations::created_by.eq(row.created_by),
            team_integrations::updated_at.eq(row.updated_at),
        ))
        .execute(conn)?;
    if replaced == 0 {
        diesel::insert_into(team_integrations::table)
            .values(row)
            .execute(conn)?;
    }
    Ok(())
}

/// Deletes the team's key for `provider`; returns whether there was one.
pub fn delete_integration(
    conn: &mut DbConnection,
    team: TeamId,
    provider: &str,
) -> QueryResult<bool> {
    Ok(diesel::delete(team_integrations::table.find((team, provider))).execute(conn)? > 0)
}
