//! Reading an uploaded contact list: any common CSV export (Shopify, Mailchimp, Klaviyo, HubSpot,
//! Excel "CSV UTF-8" and plain Excel CSV). The text is decoded (UTF-8 with or without BOM,
//! UTF-16 with BOM, else Windows-1252); the delimiter (`,` `;` tab `|`) is sniffed from the first
//! lines; fields are read by the `csv` crate (quotes, embedded delimiters and newlines). The
//! e-mail column is found by its header, in the usual languages, or else by its content (the
//! column where most of the first rows hold addresses; a file may have no header at all). Columns
//! of Instagram, TikTok or YouTube handles or links are read too. Blank lines are skipped,
//! duplicates (by normalised address) counted, invalid rows reported with their line.

use std::borrow::Cow;
use std::collections::HashSet;
use std::hash::{Hash, Hasher};

use rapport_domain::contacts::normalize_email;
use rapport_domain::profiles::{parse_profile, Platform};

/// Invalid rows reported in detail, at most.
const INVALID_SHOWN: usize = 20;
/// Rows looked at to find the e-mail column by content.
const SNIFF_ROWS: usize = 50;
/// Characters of a refused value quoted back.
const QUOTED_MAX: usize = 60;

/// One contact of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// The line the row starts on (the header is line 1).
    pub line: u64,
    /// The normalised e-mail address.
    pub email: String,
    /// An Instagram handle's key, when the row has one.
    pub instagram: Option<String>,
    /// A TikTok handle's key.
    pub tiktok: Option<String>,
    /// A YouTube handle's key.
    pub youtube: Option<String>,
}

/// A row left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidLine {
    /// Its line.
    pub line: u64,
    /// Why.
    pub reason: String,
}

/// What a list held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The e-mail column: its header, or "column 3".
    pub email_column: String,
    /// Rows read (the header and blank lines aside).
    pub rows: u64,
    /// Rows with a valid address seen for the first time.
    pub valid: u64,
    /// Rows with an address seen before.
    pub duplicates: u64,
    /// Rows without a valid address.
    pub invalid: u64,
    /// The first invalid rows (at most 20).
    pub first_invalid: Vec<InvalidLine>,
}

/// Why a list cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CsvError {
    /// Nothing in it.
    #[error("The file is empty: export the list again, with its rows.")]
    Empty,
    /// Not text.
    #[error("The file is not a CSV text file (it looks binary): export the list as CSV.")]
    Binary,
    /// No column holds e-mail addresses.
    #[error("No column of e-mail addresses was found: the list needs a column of addresses (headed \"Email\", for instance).")]
    NoEmailColumn,
    /// The CSV reader gave up.
    #[error("The file could not be read as CSV: {0}")]
    Malformed(String),
}

/// A failure while reading: the list's, or the caller's (which stops the reading).
#[derive(Debug)]
pub enum ReadError<E> {
    /// The list cannot be read.
    Csv(CsvError),
    /// The caller's `each` failed.
    Stop(E),
}

/// Decodes the file: UTF-8 (a BOM dropped), UTF-16 with a BOM, else Windows-1252.
fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, CsvError> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return Ok(text);
    }
    if looks_binary(bytes) {
        return Err(CsvError::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(_) => Ok(encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0),
    }
}

/// Whether the start of the file is mostly not text: NUL bytes, or control bytes other than
/// tabs and line ends.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8 * 1024)];
    if head.is_empty() {
        return false;
    }
    let odd = head
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)))
        .count();
    odd * 100 > head.len() || head.starts_with(b"\x89PNG") || head.starts_with(b"PK\x03\x04")
}

/// The delimiter the first lines agree on.
fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .take(20)
        .collect();
    let mut best = (b',', 0usize, 0usize);
    for candidate in [b',', b';', b'\t', b'|'] {
        let counts: Vec<usize> = lines
            .iter()
            .map(|line| outside_quotes(line, candidate))
            .collect();
        let most = counts.iter().copied().max().unwrap_or(0);
        if most == 0 {
            continue;
        }
        // The lines that have the usual count (the most frequent non-zero one).
        let usual = (1..=most)
            .max_by_key(|n| counts.iter().filter(|c| *c == n).count())
            .unwrap_or(0);
        let agreeing = counts.iter().filter(|c| **c == usual).count();
        if (agreeing, usual) > (best.1, best.2) {
            best = (candidate, agreeing, usual);
        }
    }
    best.0
}

fn outside_quotes(line: &str, delimiter: u8) -> usize {
    let mut quoted = false;
    let mut count = 0;
    for byte in line.bytes() {
        if byte == b'"' {
            quoted = !quoted;
        } else if byte == delimiter && !quoted {
            count += 1;
        }
    }
    count
}

/// A header as compared: lower-case, accents dropped, spaces and punctuation removed.
fn header_key(header: &str) -> String {
    header
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '"')
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            other => other,
        })
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Headers that name the e-mail column, as [`header_key`] makes them.
const EMAIL_HEADERS: &[&str] = &[
    "email",
    "emailaddress",
    "emailadress",
    "emails",
    "mail",
    "mailaddress",
    "emailprimary",
    "primaryemail",
    "customeremail",
    "subscriberemail",
    "contactemail",
    "emailadresse",
    "mailadresse",
    "courriel",
    "adressecourriel",
    "adresseemail",
    "adressemail",
    "correo",
    "correoelectronico",
    "direcciondecorreo",
    "direcciondecorreoelectronico",
    "epost",
    "epostadress",
    "epostadresse",
    "sahkoposti",
    "sahkopostiosoite",
    "emailadres",
    "indirizzoemail",
    "posta",
    "postaelettronica",
    "eposta",
    "adresemail",
    "epasts",
    "elpastas",
    "epostiaadress",
];

/// Words that make a header about e-mail something else than the address.
const NOT_ADDRESS: &[&str] = &[
    "marketing",
    "consent",
    "optin",
    "status",
    "verified",
    "bounce",
    "subscribed",
    "accepts",
    "opened",
    "clicked",
    "format",
    "type",
    "domain",
    "permission",
];

fn is_email_header(key: &str) -> bool {
    EMAIL_HEADERS.contains(&key)
}

fn is_loose_email_header(key: &str) -> bool {
    (key.contains("email") || key.contains("mail")) && !NOT_ADDRESS.iter().any(|w| key.contains(w))
}

fn handle_platform(key: &str) -> Option<Platform> {
    let is = |names: &[&str]| {
        names
            .iter()
            .any(|name| key == *name || key.starts_with(name))
    };
    if is(&["instagram", "ig", "insta"]) && !key.contains("followers") {
        Some(Platform::Instagram)
    } else if is(&["tiktok"]) && !key.contains("followers") {
        Some(Platform::Tiktok)
    } else if is(&["youtube", "yt"]) && !key.contains("subscribers") {
        Some(Platform::Youtube)
    } else {
        None
    }
}

/// Where things are in the rows.
struct Layout {
    header: bool,
    email: usize,
    email_name: String,
    handles: Vec<(usize, Platform)>,
}

fn quoted(value: &str) -> String {
    let value = value.trim();
    if value.chars().count() > QUOTED_MAX {
        format!(
            "\"{}…\"",
            value.chars().take(QUOTED_MAX).collect::<String>()
        )
    } else {
        format!("\"{value}\"")
    }
}

/// The column where most of `rows` hold addresses (at least half of the non-blank cells).
fn email_column_by_content(rows: &[csv::StringRecord]) -> Option<usize> {
    let width = rows.iter().map(csv::StringRecord::len).max().unwrap_or(0);
    (0..width)
        .map(|column| {
            let cells: Vec<&str> = rows
                .iter()
                .filter_map(|row| row.get(column))
                .filter(|cell| !cell.trim().is_empty())
                .collect();
            let valid = cells
                .iter()
                .filter(|cell| normalize_email(cell).is_some())
                .count();
            (column, valid, cells.len())
        })
        .filter(|(_, valid, cells)| *valid > 0 && valid * 2 >= *cells)
        .max_by_key(|(column, valid, _)| (*valid, std::cmp::Reverse(*column)))
        .map(|(column, _, _)| column)
}

fn layout(first: &csv::StringRecord, sample: &[csv::StringRecord]) -> Result<Layout, CsvError> {
    let keys: Vec<String> = first.iter().map(header_key).collect();
    let first_has_address = first.iter().any(|cell| normalize_email(cell).is_some());
    let by_name = keys
        .iter()
        .position(|key| is_email_header(key))
        .or_else(|| keys.iter().position(|key| is_loose_email_header(key)));
    if let (Some(email), false) = (by_name, first_has_address) {
        let handles = keys
            .iter()
            .enumerate()
            .filter(|(column, _)| *column != email)
            .filter_map(|(column, key)| handle_platform(key).map(|p| (column, p)))
            .collect();
        return Ok(Layout {
            header: true,
            email,
            email_name: first
                .get(email)
                .unwrap_or_default()
                .trim()
                .trim_start_matches('\u{feff}')
                .to_owned(),
            handles,
        });
    }
    // No header naming the column: find it by content, with the first row among the data when
    // it holds an address itself.
    let mut rows: Vec<csv::StringRecord> = Vec::with_capacity(sample.len() + 1);
    if first_has_address {
        rows.push(first.clone());
    }
    rows.extend(sample.iter().cloned());
    let email = email_column_by_content(&rows).ok_or(CsvError::NoEmailColumn)?;
    let header = !first_has_address;
    let email_name = match first.get(email) {
        Some(name) if header && !name.trim().is_empty() => name.trim().to_owned(),
        _ => format!("column {}", email + 1),
    };
    let handles = if header {
        keys.iter()
            .enumerate()
            .filter(|(column, _)| *column != email)
            .filter_map(|(column, key)| handle_platform(key).map(|p| (column, p)))
            .collect()
    } else {
        Vec::new()
    };
    Ok(Layout {
        header,
        email,
        email_name,
        handles,
    })
}

fn fingerprint(email: &str) -> u64 {
    // SipHash with fixed keys: 64 bits keep a million addresses apart (a collision, counted as a
    // duplicate, has a chance of about 1 in 40 million) in an eighth of their memory.
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    email.hash(&mut hasher);
    hasher.finish()
}

/// Reads `file`, handing each new valid contact to `each`, in order.
pub fn read_contacts<E>(
    file: &[u8],
    mut each: impl FnMut(Contact) -> Result<(), E>,
) -> Result<Summary, ReadError<E>> {
    let text = decode(file).map_err(ReadError::Csv)?;
    if text
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .is_empty()
    {
        return Err(ReadError::Csv(CsvError::Empty));
    }
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut records = reader.records().filter(|record| {
        record
            .as_ref()
            .map_or(true, |r| r.iter().any(|cell| !cell.trim().is_empty()))
    });
    let malformed = |error: csv::Error| ReadError::Csv(CsvError::Malformed(error.to_string()));
    let Some(first) = records.next() else {
        return Err(ReadError::Csv(CsvError::Empty));
    };
    let first = first.map_err(malformed)?;
    let mut sample: Vec<csv::StringRecord> = Vec::with_capacity(SNIFF_ROWS);
    for record in records.by_ref().take(SNIFF_ROWS) {
        sample.push(record.map_err(malformed)?);
    }
    let layout = layout(&first, &sample).map_err(ReadError::Csv)?;
    let mut summary = Summary {
        email_column: layout.email_name.clone(),
        rows: 0,
        valid: 0,
        duplicates: 0,
        invalid: 0,
        first_invalid: Vec::new(),
    };
    let mut seen: HashSet<u64> = HashSet::new();
    // A record's line, counted from its byte offset: the csv crate's position is where the
    // previous record ended (blank lines it skipped, and the `\n` of a `\r\n`, come before the
    // record's first character) and its own line count slips on `\r\n`.
    let bytes = text.as_bytes();
    let mut counted = (0usize, 1u64);
    let mut line_of = |record: &csv::StringRecord| -> u64 {
        let mut at = record
            .position()
            .and_then(|p| usize::try_from(p.byte()).ok())
            .unwrap_or(counted.0)
            .max(counted.0);
        while bytes.get(at).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
            at += 1;
        }
        let newlines = bytes
            .get(counted.0..at)
            .map_or(0, |bytes| bytes.iter().filter(|&&b| b == b'\n').count());
        counted = (at, counted.1 + newlines as u64);
        counted.1
    };
    let mut take = |record: &csv::StringRecord| -> Result<(), ReadError<E>> {
        let line = line_of(record);
        summary.rows += 1;
        let cell = record.get(layout.email).unwrap_or_default();
        let Some(email) = normalize_email(cell) else {
            summary.invalid += 1;
            if summary.first_invalid.len() < INVALID_SHOWN {
                let reason = if cell.trim().is_empty() {
                    "no e-mail address".to_owned()
                } else {
                    format!("{} is not an e-mail address", quoted(cell))
                };
                summary.first_invalid.push(InvalidLine { line, reason });
            }
            return Ok(());
        };
        if !seen.insert(fingerprint(&email)) {
            summary.duplicates += 1;
            return Ok(());
        }
        summary.valid += 1;
        let mut contact = Contact {
            line,
            email,
            instagram: None,
            tiktok: None,
            youtube: None,
        };
        for (column, platform) in &layout.handles {
            let value = record.get(*column).unwrap_or_default().trim();
            if value.is_empty() {
                continue;
            }
            if let Ok(profile) = parse_profile(value, Some(*platform)) {
                let slot = match profile.platform {
                    Platform::Instagram => &mut contact.instagram,
                    Platform::Tiktok => &mut contact.tiktok,
                    Platform::Youtube => &mut contact.youtube,
                };
                slot.get_or_insert(profile.key);
            }
        }
        each(contact).map_err(ReadError::Stop)
    };
    if !layout.header {
        take(&first)?;
    }
    for record in &sample {
        take(record)?;
    }
    for record in records {
        take(&record.map_err(malformed)?)?;
    }
    Ok(summary)
}

#[cfg(test)]
#[path = "contacts_csv_tests.rs"]
mod tests;
