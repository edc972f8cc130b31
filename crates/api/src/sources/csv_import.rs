//! Uploading a list (CSV), in two steps. First, outside any transaction, the file is read (any
//! common export: see `rapport_integrations::contacts_csv`) and each address and handle hashed
//! with the server's key, into a compact list sorted by address hash ([`read_list`]). Then, in one
//! transaction ([`import`]), the list is matched and stored: a list uploaded again under the same
//! name replaces the old one at once, and a file that cannot be read stores nothing. Nothing
//! readable of a contact is kept: hashes, and the line it was on.
//!
//! Why sorted: a million contacts go into two indexes keyed by hash; in random order each insert
//! lands on a page of its own and SQLite and PostgreSQL take five times as long (see
//! docs/benchmarks.md). Why compact: a million of them are held at once (32 bytes each).

use std::collections::HashSet;
use std::io::Read;

use chrono::NaiveDateTime;
use rapport_domain::profiles::Platform;
use rapport_domain::sources::{contact_words, CsvImport, InvalidRow, SourceKind};
use rapport_domain::{TeamId, UserId};
use rapport_integrations::contacts_csv::{self, CsvError, ReadError, ReadSummary};
use rapport_store::sources::{self, ContactRow, MatchRow, SourceRow};
use rapport_store::{new_id, DbConnection};

use crate::access::role_in;
use crate::data_key::{DataKey, KeyedHash};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::sources::listing::view;
use crate::sources::matching::{ContactKeys, Target, Targets};

/// Contacts handed to the store at a time (one `COPY` on PostgreSQL).
const CHUNK: usize = 10_000;

fn unreadable(error: CsvError) -> ApiError {
    ApiError::new(ErrorCode::UnreadableList, error.to_string())
}

/// The number with thousands separators ("1,234").
fn grouped(number: u64) -> String {
    let digits = number.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// One contact of an uploaded list, as little as it takes: its hashes and its line.
#[derive(Debug)]
struct ListContact {
    email: KeyedHash,
    /// The line it starts on (a list is at most 256 MiB: its lines fit).
    line: u32,
    /// Its handles' hashes (Instagram, TikTok, YouTube): most contacts have none.
    handles: Option<Box<[Option<KeyedHash>; 3]>>,
}

impl ListContact {
    fn keys(&self) -> ContactKeys {
        ContactKeys {
            email: self.email,
            handles: self.handles.as_deref().copied().unwrap_or_default(),
        }
    }
}

/// A list read and hashed: what it held, and its contacts in address-hash order.
#[derive(Debug)]
pub struct HashedList {
    summary: ReadSummary,
    contacts: Vec<ListContact>,
}

/// Contacts handed from the reading thread to the hashing one at a time.
const HASH_BATCH: usize = 4_096;

/// Reads and hashes a list: the file is read on this thread while another hashes what it read
/// (each takes about half the time). A file that cannot be read, or with a header and no rows,
/// is refused (422 `unreadable_list`).
pub fn read_list(file: impl Read, key: &DataKey) -> ApiResult<HashedList> {
    let started = std::time::Instant::now();
    let (summary, contacts) = std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel::<Vec<contacts_csv::ContactRow>>(8);
        let hashing = scope.spawn(move || {
            let mut contacts = Vec::new();
            for batch in receive {
                contacts.extend(batch.iter().map(|contact| hash_contact(key, contact)));
            }
            contacts
        });
        let mut batch = Vec::with_capacity(HASH_BATCH);
        let summary = contacts_csv::read_contacts(file, |contact| {
            batch.push(contact);
            if batch.len() == HASH_BATCH {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(HASH_BATCH));
                // The hashing thread ends only when this one is done (or it panicked).
                send.send(full).map_err(ApiError::internal)?;
            }
            Ok::<(), ApiError>(())
        });
        let last = send.send(batch).map_err(ApiError::internal);
        drop(send);
        let contacts = hashing
            .join()
            .map_err(|_| ApiError::internal(anyhow::anyhow!("hashing a list failed")));
        (
            summary.and_then(|summary| last.map(|()| summary).map_err(ReadError::Stop)),
            contacts,
        )
    });
    let summary = summary.map_err(|error| match error {
        ReadError::Csv(error) => unreadable(error),
        ReadError::Stop(error) => error,
    })?;
    let mut contacts = contacts?;
    if summary.rows == 0 {
        return Err(ApiError::new(
            ErrorCode::UnreadableList,
            format!(
                "The list has a header (the e-mail addresses would be in \"{}\") but no rows \
                 below it.",
                summary.email_column
            ),
        ));
    }
    // The reader hands each address on once, so two contacts share a keyed hash only on a 128-bit
    // collision: kept once all the same, so a source never stores a key twice.
    contacts.sort_unstable_by_key(|contact| contact.email);
    contacts.dedup_by_key(|contact| contact.email);
    contacts.shrink_to_fit();
    tracing::info!(
        contacts = contacts.len(),
        read_and_hash_ms = started.elapsed().as_millis() as u64,
        "list read"
    );
    Ok(HashedList { summary, contacts })
}

/// A contact read, hashed.
fn hash_contact(key: &DataKey, contact: &contacts_csv::ContactRow) -> ListContact {
    let handle = |handle: &Option<String>, platform| {
        handle
            .as_deref()
            .map(|handle| key.keyed_handle(platform, handle))
    };
    let handles = [
        handle(&contact.instagram, Platform::Instagram),
        handle(&contact.tiktok, Platform::Tiktok),
        handle(&contact.youtube, Platform::Youtube),
    ];
    ListContact {
        email: key.keyed_email(&contact.email),
        line: u32::try_from(contact.line).unwrap_or(u32::MAX),
        handles: handles
            .iter()
            .any(Option::is_some)
            .then(|| Box::new(handles)),
    }
}

/// The team's list `name`, made or replaced from a list read by [`read_list`]: `list` answers it
/// when it is ready (it may still be read while the team's targets are).
pub fn import(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
    name: &str,
    list: impl FnOnce() -> ApiResult<HashedList>,
    key: &DataKey,
    now: NaiveDateTime,
) -> ApiResult<CsvImport> {
    role_in(conn, team, actor)?;
    let started = std::time::Instant::now();
    let targets = Targets::read(conn, team, key)?;
    let read_targets = started.elapsed();
    let list = list()?;
    let waited = started.elapsed() - read_targets;
    // A list uploaded again keeps the team's dismissals: a contact dismissed as this creator or
    // influencer stays dismissed if the new list holds it.
    let mut dismissed = HashSet::new();
    let source = match sources::find_named(conn, team, SourceKind::Csv.as_str(), name)? {
        Some(existing) => {
            dismissed = sources::dismissed_matches(conn, existing.id)?
                .into_iter()
                .collect();
            sources::clear(conn, existing.id)?;
            existing
        }
        None => {
            let row = SourceRow::new(team, SourceKind::Csv.as_str(), name, actor, now);
            sources::insert(conn, row)?
        }
    };
    let number = sources::number_of(conn, source.id)?;
    let cleared = started.elapsed() - waited;
    let mut chunk: Vec<ContactRow> = Vec::with_capacity(CHUNK.min(list.contacts.len()));
    let mut found: Vec<MatchRow> = Vec::new();
    let hex = |hash: Option<KeyedHash>| hash.map(KeyedHash::to_hex);
    let mut inserting = std::time::Duration::ZERO;
    for contact in &list.contacts {
        let handles = contact.handles.as_deref().copied().unwrap_or_default();
        let row = ContactRow {
            source_number: number,
            email_hash: contact.email.to_hex(),
            instagram_hash: hex(handles[0]),
            tiktok_hash: hex(handles[1]),
            youtube_hash: hex(handles[2]),
            detail: format!("line {}", grouped(u64::from(contact.line))),
            subscribed: true,
        };
        for (target, by) in targets.matches_keys(&contact.keys()) {
            let (creator_id, influencer_id) = match target {
                Target::Creator(id) => (Some(id), None),
                Target::Influencer(id) => (None, Some(id)),
            };
            found.push(MatchRow {
                id: new_id(),
                team_id: team,
                source_id: source.id,
                email_hash: row.email_hash.clone(),
                creator_id,
                influencer_id,
                matched_by: by.as_str().to_owned(),
                detail: contact_words(SourceKind::Csv, name, &row.detail),
                dismissed: dismissed.contains(&(row.email_hash.clone(), creator_id, influencer_id)),
                created_at: now,
                link: None,
            });
        }
        chunk.push(row);
        if chunk.len() == CHUNK {
            let at = std::time::Instant::now();
            sources::insert_contacts(conn, &chunk)?;
            inserting += at.elapsed();
            chunk.clear();
        }
    }
    let at = std::time::Instant::now();
    sources::insert_contacts(conn, &chunk)?;
    inserting += at.elapsed();
    let stored = list.contacts.len() as i64;
    let written = started.elapsed() - waited;
    sources::insert_matches(conn, &found)?;
    // Where the time goes (logged): the targets, clearing a replaced list, the contacts (matched
    // and written), the matches.
    tracing::info!(
        source = %source.id,
        contacts = stored,
        matches = found.len(),
        read_targets_ms = read_targets.as_millis() as u64,
        then_waited_for_the_list_ms = waited.as_millis() as u64,
        clear_ms = (cleared - read_targets).as_millis() as u64,
        write_contacts_ms = (written - cleared).as_millis() as u64,
        of_which_database_ms = inserting.as_millis() as u64,
        write_matches_ms = (started.elapsed() - waited - written).as_millis() as u64,
        "list stored"
    );
    let matches = found.iter().filter(|found| !found.dismissed).count() as i64;
    sources::record_sync(conn, source.id, stored, matches, now)?;
    let source = sources::find(conn, source.id)?.ok_or_else(|| ApiError::not_found("source"))?;
    let summary = list.summary;
    Ok(CsvImport {
        source: view(&source),
        email_column: summary.email_column,
        rows: summary.rows,
        valid: summary.valid,
        duplicates: summary.duplicates,
        invalid: summary.invalid,
        first_invalid: summary
            .first_invalid
            .into_iter()
            .map(|row| InvalidRow {
                line: row.line,
                reason: row.reason,
            })
            .collect(),
        matches,
    })
}

#[cfg(test)]
mod tests {
    use super::grouped;

    #[test]
    fn numbers_read_in_groups() {
        assert_eq!(grouped(7), "7");
        assert_eq!(grouped(1_234), "1,234");
        assert_eq!(grouped(1_000_000), "1,000,000");
    }
}
