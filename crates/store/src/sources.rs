//! Data sources, their contacts (keyed hashes only) and the matches they yield.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rapport_domain::{CreatorId, InfluencerId, SourceId, SourceMatchId, TeamId, UserId};

use crate::schema::{contacts, source_matches, source_numbers, sources};
use crate::DbConnection;

/// A stored source.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = sources)]
pub struct SourceRow {
    /// UUIDv7.
    pub id: SourceId,
    /// The team.
    pub team_id: TeamId,
    /// `csv`, `mailchimp`, `klaviyo`, `instagram`, `facebook` or `manual`.
    pub kind: String,
    /// Its name (unique per team and kind).
    pub name: String,
    /// `new`, `syncing`, `synced` or `failed`.
    pub state: String,
    /// Why the last sync failed.
    pub error: Option<String>,
    /// Distinct contacts.
    pub contacts: i64,
    /// Contacts matched.
    pub matches: i64,
    /// The provider's settings (JSON: lists picked...).
    pub settings: Option<String>,
    /// An encrypted secret (API key, token).
    pub secret: Option<String>,
    /// The id of the key that encrypted it.
    pub secret_key_id: Option<String>,
    /// Who connected it.
    pub created_by: Option<UserId>,
    /// The last successful sync.
    pub synced_at: Option<NaiveDateTime>,
    /// Connected.
    pub created_at: NaiveDateTime,
    /// Last changed.
    pub updated_at: NaiveDateTime,
    /// Contacts who unsubscribed, bounced or were archived (among `contacts`).
    pub former_subscribers: i64,
}

impl SourceRow {
    /// A source just connected by `actor`: state `new`, nothing counted, no secret yet.
    pub fn new(team: TeamId, kind: &str, name: &str, actor: UserId, now: NaiveDateTime) -> Self {
        Self {
            id: crate::new_id(),
            team_id: team,
            kind: kind.to_owned(),
            name: name.to_owned(),
            state: rapport_domain::sources::SourceState::New
                .as_str()
                .to_owned(),
            error: None,
            contacts: 0,
            matches: 0,
            settings: None,
            secret: None,
            secret_key_id: None,
            created_by: Some(actor),
            synced_at: None,
            created_at: now,
            updated_at: now,
            former_subscribers: 0,
        }
    }
}

/// A stored contact: hashes and the source's words, nothing readable.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = contacts)]
pub struct ContactRow {
    /// The source's number.
    pub source_number: i64,
    /// The keyed hash of the normalised e-mail address.
    pub email_hash: String,
    /// The keyed hash of an Instagram handle.
    pub instagram_hash: Option<String>,
    /// The keyed hash of a TikTok handle.
    pub tiktok_hash: Option<String>,
    /// The keyed hash of a YouTube handle.
    pub youtube_hash: Option<String>,
    /// The source's words about it ("subscriber since 2024-03-01"; an uploaded list's: "line
    /// 1,234", its name being the source's).
    pub detail: String,
    /// Subscribed (a former subscriber is kept apart).
    pub subscribed: bool,
}

/// A contact found among every team's, with what its source is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundContact {
    /// The contact.
    pub contact: ContactRow,
    /// Its source.
    pub source_id: SourceId,
    /// Its source's team.
    pub team_id: TeamId,
    /// Its source's kind.
    pub source_kind: String,
    /// Its source's name.
    pub source_name: String,
}

/// A stored match.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = source_matches)]
#[diesel(treat_none_as_default_value = false)]
pub struct MatchRow {
    /// UUIDv7.
    pub id: SourceMatchId,
    /// The team.
    pub team_id: TeamId,
    /// The source.
    pub source_id: SourceId,
    /// The contact (its e-mail hash).
    pub email_hash: String,
    /// The network creator matched.
    pub creator_id: Option<CreatorId>,
    /// The team's influencer matched.
    pub influencer_id: Option<InfluencerId>,
    /// `email`, `instagram`, `tiktok` or `youtube`.
    pub matched_by: String,
    /// The source's words about the contact.
    pub detail: String,
    /// Dismissed by the team.
    pub dismissed: bool,
    /// Found.
    pub created_at: NaiveDateTime,
    /// The post it is about (an Instagram fan's tag or comment).
    pub link: Option<String>,
}

/// Stores a source, and its number (see [`number_of`]); answers it as stored.
pub fn insert(conn: &mut DbConnection, row: SourceRow) -> QueryResult<SourceRow> {
    diesel::insert_into(sources::table)
        .values(&row)
        .execute(conn)?;
    diesel::insert_into(source_numbers::table)
        .values(source_numbers::source_id.eq(row.id))
        .execute(conn)?;
    Ok(row)
}

/// The number of the source with this id: the compact key its contacts carry instead of its id
/// (8 bytes where the id takes 36, in each of a million rows and their index; given when the
/// source is stored, never reused). 0 for no source: no contact has it.
pub fn number_of(conn: &mut DbConnection, id: SourceId) -> QueryResult<i64> {
    Ok(source_numbers::table
        .filter(source_numbers::source_id.eq(id))
        .select(source_numbers::number)
        .first(conn)
        .optional()?
        .unwrap_or(0))
}

/// The source with this id.
pub fn find(conn: &mut DbConnection, id: SourceId) -> QueryResult<Option<SourceRow>> {
    sources::table
        .find(id)
        .select(SourceRow::as_select())
        .first(conn)
        .optional()
}

/// The source with this id and its number (see [`number_of`]), for a sync that stores its
/// contacts.
pub fn find_numbered(
    conn: &mut DbConnection,
    id: SourceId,
) -> QueryResult<Option<(SourceRow, i64)>> {
    let Some(source) = find(conn, id)? else {
        return Ok(None);
    };
    let number = number_of(conn, id)?;
    Ok(Some((source, number)))
}

/// The team's source of this kind and name.
pub fn find_named(
    conn: &mut DbConnection,
    team: TeamId,
    kind: &str,
    name: &str,
) -> QueryResult<Option<SourceRow>> {
    sources::table
        .filter(sources::team_id.eq(team))
        .filter(sources::kind.eq(kind))
        .filter(sources::name.eq(name))
        .select(SourceRow::as_select())
        .first(conn)
        .optional()
}

/// The team's sources, oldest first.
pub fn list(conn: &mut DbConnection, team: TeamId) -> QueryResult<Vec<SourceRow>> {
    sources::table
        .filter(sources::team_id.eq(team))
        .order((sources::created_at.asc(), sources::id.asc()))
        .select(SourceRow::as_select())
        .load(conn)
}

/// Records a finished sync: the state, its counts and time.
pub fn record_sync(
    conn: &mut DbConnection,
    id: SourceId,
    contacts: i64,
    matches: i64,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(sources::table.find(id))
        .set((
            sources::state.eq("synced"),
            sources::error.eq(None::<String>),
            sources::contacts.eq(contacts),
            sources::matches.eq(matches),
            sources::synced_at.eq(now),
            sources::updated_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

/// Records the end of a list's sync: its counts recounted from its contacts and matches, its
/// time, its `settings` (where the next sync starts); answers the source's counts.
pub fn record_list_sync(
    conn: &mut DbConnection,
    id: SourceId,
    settings: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(sources::table.find(id))
        .set(sources::settings.eq(settings))
        .execute(conn)?;
    record_counts(conn, id, now)
}

/// Records that a source is up to date at `now`, its counts recounted from its contacts and
/// matches.
pub fn record_counts(conn: &mut DbConnection, id: SourceId, now: NaiveDateTime) -> QueryResult<()> {
    let number = number_of(conn, id)?;
    let all: i64 = contacts::table
        .filter(contacts::source_number.eq(number))
        .count()
        .get_result(conn)?;
    let former: i64 = contacts::table
        .filter(contacts::source_number.eq(number))
        .filter(contacts::subscribed.eq(false))
        .count()
        .get_result(conn)?;
    let matches = recount_matches(conn, id)?;
    diesel::update(sources::table.find(id))
        .set((
            sources::state.eq("synced"),
            sources::error.eq(None::<String>),
            sources::contacts.eq(all),
            sources::former_subscribers.eq(former),
            sources::matches.eq(matches),
            sources::synced_at.eq(now),
            sources::updated_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

/// Sets where a source stands, and why (`error`).
pub fn set_state(
    conn: &mut DbConnection,
    id: SourceId,
    state: &str,
    error: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(sources::table.find(id))
        .set((
            sources::state.eq(state),
            sources::error.eq(error),
            sources::updated_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

/// Sets a source's settings (JSON).
pub fn set_settings(
    conn: &mut DbConnection,
    id: SourceId,
    settings: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(sources::table.find(id))
        .set((sources::settings.eq(settings), sources::updated_at.eq(now)))
        .execute(conn)
        .map(drop)
}

/// Stores a source's encrypted secret with the id of the key that sealed it.
pub fn set_secret(
    conn: &mut DbConnection,
    id: SourceId,
    sealed: &str,
    key_id: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(sources::table.find(id))
        .set((
            sources::secret.eq(sealed),
            sources::secret_key_id.eq(key_id),
            sources::updated_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

/// Stores contacts read again (a list's page): each replaces its source's contact of the same
/// address, so a contact is never there twice however often its page is read.
pub fn upsert_contacts(conn: &mut DbConnection, rows: &[ContactRow]) -> QueryResult<()> {
    let mut numbers: Vec<i64> = rows.iter().map(|row| row.source_number).collect();
    numbers.sort_unstable();
    numbers.dedup();
    for number in numbers {
        let hashes: Vec<&str> = rows
            .iter()
            .filter(|row| row.source_number == number)
            .map(|row| row.email_hash.as_str())
            .collect();
        for batch in hashes.chunks(BATCH) {
            diesel::delete(
                contacts::table
                    .filter(contacts::source_number.eq(number))
                    .filter(contacts::email_hash.eq_any(batch)),
            )
            .execute(conn)?;
        }
    }
    insert_contacts(conn, rows)
}

/// Of these contact keys (e-mail hashes), those the source numbered `number` holds already.
pub fn known_contacts(
    conn: &mut DbConnection,
    number: i64,
    hashes: &[String],
) -> QueryResult<Vec<String>> {
    let mut found = Vec::new();
    for batch in hashes.chunks(BATCH) {
        found.extend(
            contacts::table
                .filter(contacts::source_number.eq(number))
                .filter(contacts::email_hash.eq_any(batch))
                .select(contacts::email_hash)
                .load::<String>(conn)?,
        );
    }
    Ok(found)
}

/// The source's matches of these contacts (by e-mail hash).
pub fn matches_of(
    conn: &mut DbConnection,
    id: SourceId,
    hashes: &[String],
) -> QueryResult<Vec<MatchRow>> {
    let mut found = Vec::new();
    for batch in hashes.chunks(BATCH) {
        found.extend(
            source_matches::table
                .filter(source_matches::source_id.eq(id))
                .filter(source_matches::email_hash.eq_any(batch))
                .select(MatchRow::as_select())
                .load(conn)?,
        );
    }
    Ok(found)
}

/// Sets the source's words on a match (the contact changed: it unsubscribed...).
pub fn set_match_detail(
    conn: &mut DbConnection,
    id: SourceMatchId,
    detail: &str,
    link: Option<&str>,
) -> QueryResult<()> {
    diesel::update(source_matches::table.find(id))
        .set((
            source_matches::detail.eq(detail),
            source_matches::link.eq(link),
        ))
        .execute(conn)
        .map(drop)
}

/// Recounts the source's matches (not dismissed).
pub fn recount_matches(conn: &mut DbConnection, id: SourceId) -> QueryResult<i64> {
    let count: i64 = source_matches::table
        .filter(source_matches::source_id.eq(id))
        .filter(source_matches::dismissed.eq(false))
        .count()
        .get_result(conn)?;
    diesel::update(sources::table.find(id))
        .set(sources::matches.eq(count))
        .execute(conn)?;
    Ok(count)
}

/// Deletes a source with its contacts and matches (its contacts are not tied to it by a foreign
/// key: deleted here).
pub fn delete(conn: &mut DbConnection, id: SourceId) -> QueryResult<usize> {
    delete_contacts(conn, id)?;
    diesel::delete(sources::table.find(id)).execute(conn)
}

/// Removes every contact and match of a source (before it is filled again).
pub fn clear(conn: &mut DbConnection, id: SourceId) -> QueryResult<()> {
    diesel::delete(source_matches::table.filter(source_matches::source_id.eq(id))).execute(conn)?;
    delete_contacts(conn, id)
}

/// Deletes a source's contacts. SQLite first gathers the keys of what one statement deletes in
/// memory (some 80 MiB for a million contacts), so there it goes in 256 slices by the hashes'
/// first two hex digits, then whatever is left.
fn delete_contacts(conn: &mut DbConnection, id: SourceId) -> QueryResult<()> {
    let number = number_of(conn, id)?;
    if let DbConnection::Sqlite(_) = conn {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let prefix = |n: usize| {
            let pair = [DIGITS[(n >> 4) & 0x0f], DIGITS[n & 0x0f]];
            String::from_utf8_lossy(&pair).into_owned()
        };
        for n in 0..256 {
            let from = prefix(n);
            let mut slice = diesel::delete(
                contacts::table
                    .filter(contacts::source_number.eq(number))
                    .filter(contacts::email_hash.ge(from)),
            )
            .into_boxed();
            if n < 255 {
                slice = slice.filter(contacts::email_hash.lt(prefix(n + 1)));
            }
            slice.execute(conn)?;
        }
    }
    diesel::delete(contacts::table.filter(contacts::source_number.eq(number))).execute(conn)?;
    Ok(())
}

/// Rows a statement inserts at once (SQLite allows 32,766 bound values; 8 columns a contact).
const BATCH: usize = 1_000;

/// Stores contacts: on SQLite in statements of [`BATCH`] rows, on PostgreSQL with one `COPY`.
/// Rows sorted by e-mail hash go into the indexes in order (a million random keys cost SQLite
/// and PostgreSQL five times as long).
pub fn insert_contacts(conn: &mut DbConnection, rows: &[ContactRow]) -> QueryResult<()> {
    match conn {
        DbConnection::Postgresql(pg) => {
            if !rows.is_empty() {
                copy_contacts(pg, rows)?;
            }
        }
        DbConnection::Sqlite(sqlite) => {
            for batch in rows.chunks(BATCH) {
                diesel::insert_into(contacts::table)
                    .values(batch)
                    .execute(sqlite)?;
            }
        }
    }
    Ok(())
}

/// `COPY contacts FROM STDIN` in PostgreSQL's text format (a row a line, fields apart by tabs,
/// `\N` for none).
fn copy_contacts(pg: &mut diesel::PgConnection, rows: &[ContactRow]) -> QueryResult<usize> {
    use std::io::Write;

    fn field(line: &mut Vec<u8>, value: Option<&str>) {
        match value {
            None => line.extend_from_slice(b"\\N"),
            Some(text) => {
                for byte in text.bytes() {
                    match byte {
                        b'\\' => line.extend_from_slice(b"\\\\"),
                        b'\t' => line.extend_from_slice(b"\\t"),
                        b'\n' => line.extend_from_slice(b"\\n"),
                        b'\r' => line.extend_from_slice(b"\\r"),
                        other => line.push(other),
                    }
                }
            }
        }
    }
    let target = (
        contacts::source_number,
        contacts::email_hash,
        contacts::instagram_hash,
        contacts::tiktok_hash,
        contacts::youtube_hash,
        contacts::detail,
        contacts::subscribed,
    );
    diesel::copy_from(contacts::table)
        .from_raw_data(target, |out: &mut dyn Write| {
            let mut line = Vec::with_capacity(256);
            for row in rows {
                line.clear();
                field(&mut line, Some(&row.source_number.to_string()));
                for value in [
                    Some(row.email_hash.as_str()),
                    row.instagram_hash.as_deref(),
                    row.tiktok_hash.as_deref(),
                    row.youtube_hash.as_deref(),
                    Some(row.detail.as_str()),
                ] {
                    line.push(b'\t');
                    field(&mut line, value);
                }
                line.extend_from_slice(if row.subscribed { b"\tt\n" } else { b"\tf\n" });
                out.write_all(&line)
                    .map_err(|error| diesel::result::Error::SerializationError(Box::new(error)))?;
            }
            Ok::<(), diesel::result::Error>(())
        })
        .execute(pg)
}

/// Stores matches, in batches (one statement each: on PostgreSQL a round trip per match made a
/// sync of 20,000 matches take half a minute).
pub fn insert_matches(conn: &mut DbConnection, rows: &[MatchRow]) -> QueryResult<()> {
    if let DbConnection::Postgresql(pg) = conn {
        if rows.len() > BATCH {
            // A list's thousands of matches: `COPY` (binary).
            diesel::copy_from(source_matches::table)
                .from_insertable(rows)
                .execute(pg)?;
            return Ok(());
        }
    }
    for batch in rows.chunks(BATCH) {
        match conn {
            DbConnection::Postgresql(pg) => {
                diesel::insert_into(source_matches::table)
                    .values(batch)
                    .execute(pg)?;
            }
            DbConnection::Sqlite(sqlite) => {
                diesel::insert_into(source_matches::table)
                    .values(batch)
                    .execute(sqlite)?;
            }
        }
    }
    Ok(())
}

/// Filters of the team's matches.
#[derive(Debug, Clone, Default)]
pub struct MatchFilter {
    /// Only this source's.
    pub source: Option<SourceId>,
    /// Dismissed ones too.
    pub with_dismissed: bool,
}

/// The team's matches, newest first.
pub fn list_matches(
    conn: &mut DbConnection,
    team: TeamId,
    filter: &MatchFilter,
) -> QueryResult<Vec<MatchRow>> {
    let mut query = source_matches::table
        .filter(source_matches::team_id.eq(team))
        .order((source_matches::created_at.desc(), source_matches::id.desc()))
        .select(MatchRow::as_select())
        .into_boxed();
    if let Some(source) = filter.source {
        query = query.filter(source_matches::source_id.eq(source));
    }
    if !filter.with_dismissed {
        query = query.filter(source_matches::dismissed.eq(false));
    }
    query.load(conn)
}

/// The match with this id.
pub fn find_match(conn: &mut DbConnection, id: SourceMatchId) -> QueryResult<Option<MatchRow>> {
    source_matches::table
        .find(id)
        .select(MatchRow::as_select())
        .first(conn)
        .optional()
}

/// A match without its id: the contact (its e-mail hash) and whom it is matched to.
pub type MatchKey = (String, Option<CreatorId>, Option<InfluencerId>);

/// The source's dismissed matches.
pub fn dismissed_matches(conn: &mut DbConnection, id: SourceId) -> QueryResult<Vec<MatchKey>> {
    source_matches::table
        .filter(source_matches::source_id.eq(id))
        .filter(source_matches::dismissed.eq(true))
        .select((
            source_matches::email_hash,
            source_matches::creator_id,
            source_matches::influencer_id,
        ))
        .load(conn)
}

/// Dismisses a match.
pub fn dismiss(conn: &mut DbConnection, id: SourceMatchId) -> QueryResult<usize> {
    diesel::update(source_matches::table.find(id))
        .set(source_matches::dismissed.eq(true))
        .execute(conn)
}

/// The e-mail addresses of the network's discoverable creators.
pub fn creator_emails(conn: &mut DbConnection) -> QueryResult<Vec<(CreatorId, String)>> {
    use crate::schema::{creators, users};
    creators::table
        .inner_join(users::table)
        .filter(creators::discoverable.eq(true))
        .select((creators::id, users::email))
        .load(conn)
}

/// The handles (platform, handle key) of the network's discoverable creators.
pub fn creator_handles(conn: &mut DbConnection) -> QueryResult<Vec<(CreatorId, String, String)>> {
    use crate::schema::{creator_accounts, creators};
    creator_accounts::table
        .inner_join(creators::table)
        .filter(creators::discoverable.eq(true))
        .select((
            creator_accounts::creator_id,
            creator_accounts::platform,
            creator_accounts::handle_key,
        ))
        .load(conn)
}

/// The contact e-mail addresses of the team's influencers.
pub fn influencer_emails(
    conn: &mut DbConnection,
    team: TeamId,
) -> QueryResult<Vec<(InfluencerId, String)>> {
    use crate::schema::influencers;
    influencers::table
        .filter(influencers::team_id.eq(team))
        .filter(influencers::email.is_not_null())
        .select((influencers::id, influencers::email.assume_not_null()))
        .load(conn)
}

/// The handles (platform, handle key) of the team's influencers.
pub fn influencer_handles(
    conn: &mut DbConnection,
    team: TeamId,
) -> QueryResult<Vec<(InfluencerId, String, String)>> {
    use crate::schema::platform_accounts;
    platform_accounts::table
        .filter(platform_accounts::team_id.eq(team))
        .select((
            platform_accounts::influencer_id,
            platform_accounts::platform,
            platform_accounts::handle_key,
        ))
        .load(conn)
}

/// The contacts (of every team) with this e-mail hash or one of these handle hashes, with their
/// sources' team, kind and name.
pub fn contacts_matching(
    conn: &mut DbConnection,
    email_hash: Option<&str>,
    instagram: &[String],
    tiktok: &[String],
    youtube: &[String],
) -> QueryResult<Vec<FoundContact>> {
    let mut query = contacts::table
        .inner_join(source_numbers::table.on(source_numbers::number.eq(contacts::source_number)))
        .inner_join(sources::table.on(sources::id.eq(source_numbers::source_id)))
        .select((
            ContactRow::as_select(),
            sources::id,
            sources::team_id,
            sources::kind,
            sources::name,
        ))
        .filter(contacts::email_hash.eq(email_hash.unwrap_or("")))
        .into_boxed();
    if !instagram.is_empty() {
        query = query.or_filter(contacts::instagram_hash.eq_any(instagram));
    }
    if !tiktok.is_empty() {
        query = query.or_filter(contacts::tiktok_hash.eq_any(tiktok));
    }
    if !youtube.is_empty() {
        query = query.or_filter(contacts::youtube_hash.eq_any(youtube));
    }
    Ok(query
        .load::<(ContactRow, SourceId, TeamId, String, String)>(conn)?
        .into_iter()
        .map(
            |(contact, source_id, team_id, source_kind, source_name)| FoundContact {
                contact,
                source_id,
                team_id,
                source_kind,
                source_name,
            },
        )
        .collect())
}

/// Whether the source's contact is matched to the creator already.
pub fn has_creator_match(
    conn: &mut DbConnection,
    source: SourceId,
    email_hash: &str,
    creator: CreatorId,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        source_matches::table
            .filter(source_matches::source_id.eq(source))
            .filter(source_matches::email_hash.eq(email_hash))
            .filter(source_matches::creator_id.eq(creator)),
    ))
    .get_result(conn)
}

/// Whether the source's contact is matched to the influencer already.
pub fn has_influencer_match(
    conn: &mut DbConnection,
    source: SourceId,
    email_hash: &str,
    influencer: InfluencerId,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        source_matches::table
            .filter(source_matches::source_id.eq(source))
            .filter(source_matches::email_hash.eq(email_hash))
            .filter(source_matches::influencer_id.eq(influencer)),
    ))
    .get_result(conn)
}

/// The matches found in `(after, until]`, not dismissed, oldest first.
pub fn matches_found(
    conn: &mut DbConnection,
    after: NaiveDateTime,
    until: NaiveDateTime,
) -> QueryResult<Vec<MatchRow>> {
    source_matches::table
        .filter(source_matches::created_at.gt(after))
        .filter(source_matches::created_at.le(until))
        .filter(source_matches::dismissed.eq(false))
        .order((source_matches::created_at.asc(), source_matches::id.asc()))
        .select(MatchRow::as_select())
        .load(conn)
}
