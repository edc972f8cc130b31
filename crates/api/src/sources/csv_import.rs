//! Uploading a list (CSV): the file is read (any common export: see
//! `rapport_integrations::contacts_csv`), each address and handle hashed with the server's key,
//! matched, and stored, in one transaction: a list uploaded again under the same name replaces the
//! old one at once, and a file that cannot be read stores nothing. Nothing readable of a contact
//! is kept: hashes, and the line it was on.

use chrono::NaiveDateTime;
use rapport_domain::profiles::Platform;
use rapport_domain::sources::{CsvImport, InvalidRow, SourceKind};
use rapport_domain::{TeamId, UserId};
use rapport_integrations::contacts_csv::{self, CsvError};
use rapport_store::sources::{self, ContactRow, MatchRow, SourceRow};
use rapport_store::{new_id, DbConnection};

use crate::access::role_in;
use crate::data_key::DataKey;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::sources::listing::view;
use crate::sources::matching::Targets;

/// Contacts written at a time.
const BATCH: usize = 5_000;

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

/// The team's list `name`, made or replaced from `file`.
pub fn import(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
    name: &str,
    file: &[u8],
    key: &DataKey,
    now: NaiveDateTime,
) -> ApiResult<CsvImport> {
    role_in(conn, team, actor)?;
    let targets = Targets::read(conn, team, key)?;
    let source = match sources::find_named(conn, team, SourceKind::Csv.as_str(), name)? {
        Some(existing) => {
            sources::clear(conn, existing.id)?;
            existing
        }
        None => {
            let row = SourceRow::new(team, SourceKind::Csv.as_str(), name, actor, now);
            sources::insert(conn, &row)?;
            row
        }
    };
    let mut batch: Vec<ContactRow> = Vec::with_capacity(BATCH);
    let mut found: Vec<MatchRow> = Vec::new();
    let mut stored: i64 = 0;
    // Where the time goes (logged): reading and hashing, writing contacts, writing matches.
    let started = std::time::Instant::now();
    let mut writing = std::time::Duration::ZERO;
    let summary = contacts_csv::read_contacts(file, |contact| {
        let row = ContactRow {
            source_id: source.id,
            email_hash: key.email_hash(&contact.email),
            team_id: team,
            instagram_hash: contact
                .instagram
                .as_deref()
                .map(|handle| key.handle_hash(Platform::Instagram, handle)),
            tiktok_hash: contact
                .tiktok
                .as_deref()
                .map(|handle| key.handle_hash(Platform::Tiktok, handle)),
            youtube_hash: contact
                .youtube
                .as_deref()
                .map(|handle| key.handle_hash(Platform::Youtube, handle)),
            detail: format!("in {name}, line {}", grouped(contact.line)),
            subscribed: true,
        };
        for (target, by) in targets.matches(&row) {
            let (creator_id, influencer_id) = match target {
                super::matching::Target::Creator(id) => (Some(id), None),
                super::matching::Target::Influencer(id) => (None, Some(id)),
            };
            found.push(MatchRow {
                id: new_id(),
                team_id: team,
                source_id: source.id,
                email_hash: row.email_hash.clone(),
                creator_id,
                influencer_id,
                matched_by: by.as_str().to_owned(),
                detail: row.detail.clone(),
                dismissed: false,
                created_at: now,
                link: None,
            });
        }
        batch.push(row);
        if batch.len() == BATCH {
            let at = std::time::Instant::now();
            sources::insert_contacts(conn, &batch)?;
            writing += at.elapsed();
            stored += BATCH as i64;
            batch.clear();
        }
        Ok::<(), ApiError>(())
    })
    .map_err(|error| match error {
        contacts_csv::ReadError::Csv(error) => unreadable(error),
        contacts_csv::ReadError::Stop(error) => error,
    })?;
    if summary.rows == 0 {
        // A header and nothing below: refused whole (the transaction stores nothing).
        return Err(ApiError::new(
            ErrorCode::UnreadableList,
            format!(
                "The list has a header (the e-mail addresses would be in \"{}\") but no rows \
                 below it.",
                summary.email_column
            ),
        ));
    }
    let at = std::time::Instant::now();
    sources::insert_contacts(conn, &batch)?;
    writing += at.elapsed();
    stored += batch.len() as i64;
    let read_and_hashed = started.elapsed().saturating_sub(writing);
    let at = std::time::Instant::now();
    sources::insert_matches(conn, &found)?;
    tracing::info!(
        source = %source.id,
        contacts = stored,
        matches = found.len(),
        read_and_hash_ms = read_and_hashed.as_millis() as u64,
        write_contacts_ms = writing.as_millis() as u64,
        write_matches_ms = at.elapsed().as_millis() as u64,
        "list imported"
    );
    let matches = found.len() as i64;
    sources::record_sync(conn, source.id, stored, matches, now)?;
    let source = sources::find(conn, source.id)?.ok_or_else(|| ApiError::not_found("source"))?;
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
