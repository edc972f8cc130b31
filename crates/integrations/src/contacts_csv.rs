//! Reading an uploaded contact list: any common CSV export (Shopify, Mailchimp, Klaviyo, HubSpot,
//! Excel's "CSV UTF-8" and plain "CSV"), streamed, so a list of a million rows is read in well
//! under a second without being held in memory.
//!
//! - The encoding is sniffed from the first 64 KiB: a byte order mark says UTF-8 or UTF-16 (LE or
//!   BE; decoded by `encoding_rs_io`); UTF-16 without one is recognised by its NUL bytes; other
//!   text is UTF-8 when it is valid UTF-8, else Windows-1252 (what Excel writes on Windows).
//!   Workbooks (`.xlsx`, `.xls`) and binary files are refused up front.
//! - The delimiter (`,` `;` tab `|`) is the one the first lines agree on, counted outside quotes
//!   (or the one an Excel `sep=;` line names). Fields are split by `csv-core` (the parser of the
//!   `csv` crate): quoted fields with delimiters, quotes and line breaks in them, rows of any
//!   width. Blank lines (and rows of empty fields) are skipped.
//! - The e-mail column is found by its header, in the usual languages (see [`EMAIL_HEADERS`]),
//!   in the first row or below title lines, or else by its content: the column where most of the
//!   first 50 rows hold addresses (the file may have no header at all). Columns headed Instagram,
//!   TikTok or YouTube (handles or links) are read too.
//! - Addresses are normalised with [`normalize_email`]; rows whose address came earlier are
//!   counted as duplicates; rows without a valid address are counted and the first 20 reported
//!   with their line (the physical line the row starts on; the header is line 1).

use std::borrow::Cow;
use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{self, BufRead, BufReader, Cursor, Read};

use csv_core::ReadRecordResult;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use encoding_rs_io::DecodeReaderBytesBuilder;
use rapport_domain::contacts::normalize_email;
use rapport_domain::profiles::{parse_profile, Platform};
use rapport_domain::sources::INVALID_ROWS_SHOWN;

/// Bytes read ahead to sniff the encoding and the delimiter.
const HEAD_BYTES: usize = 64 * 1024;
/// Bytes looked at to tell text from binary.
const BINARY_SNIFF_BYTES: usize = 8 * 1024;
/// Rows (after a header) looked at to find the e-mail column by its content.
const SAMPLE_ROWS: usize = 50;
/// Rows looked at for the header: the first, or one below title lines.
const HEADER_ROWS: usize = 10;
/// Lines looked at to sniff the delimiter.
const SNIFF_LINES: usize = 50;
/// Bytes read from the file at a time.
const BUFFER_BYTES: usize = 64 * 1024;
/// Bytes of one row, at most: more is a quote left open that swallows the rest of the file.
pub const ROW_MAX_BYTES: usize = 1024 * 1024;
/// Fields of one row, at most.
pub const ROW_MAX_FIELDS: usize = 65_536;
/// Characters of a refused value quoted back in its reason.
const QUOTED_MAX: usize = 60;
/// The delimiters sniffed, in the order that wins a tie (a tab is never in a value; `;` files
/// often hold decimal commas).
const DELIMITERS: [u8; 4] = [b'\t', b';', b',', b'|'];

/// Headers that name the e-mail column, compared lower-case, without accents, and with letters
/// and digits only: "E-Mail-Adresse" is `emailadresse`, "Email (Primary)" is
/// `emailprimary`, "Correo electrónico" is `correoelectronico`.
pub const EMAIL_HEADERS: &[&str] = &[
    // English, and the exports of Mailchimp, Shopify, Klaviyo ("$email"), HubSpot, Google and
    // Outlook contacts.
    "email",
    "emailaddress",
    "emails",
    "mail",
    "mailaddress",
    "emailprimary",
    "primaryemail",
    "primaryemailaddress",
    "email1",
    "email1value",
    "emailaddress1",
    "customeremail",
    "subscriberemail",
    "contactemail",
    "useremail",
    "memberemail",
    // German, Dutch.
    "emailadresse",
    "mailadresse",
    "emailadres",
    "mailadres",
    // French.
    "courriel",
    "adressecourriel",
    "adressedecourriel",
    "adresseemail",
    "adressemail",
    "adresseelectronique",
    "mel",
    // Spanish, Portuguese, Italian.
    "correo",
    "correoelectronico",
    "direcciondecorreo",
    "direcciondecorreoelectronico",
    "enderecodeemail",
    "correioeletronico",
    "indirizzoemail",
    "postaelettronica",
    "indirizzodipostaelettronica",
    // Nordic and Baltic languages.
    "epost",
    "epostadress",
    "epostadresse",
    "mejl",
    "mejladress",
    "sahkoposti",
    "sahkopostiosoite",
    "epostiaadress",
    "meiliaadress",
    "epasts",
    "elpastas",
    // Central and Eastern Europe, Turkish.
    "adresemail",
    "emailcim",
    "eposta",
    "epostaadresi",
    "электроннаяпочта",
    "адресэлектроннойпочты",
    "почта",
    // Asian languages.
    "メールアドレス",
    "メール",
    "电子邮件",
    "电子邮箱",
    "邮箱",
    "電子郵件",
    "이메일",
];

/// How the name of a handle column starts ("Instagram", "IG", "YouTube"...).
const HANDLE_PREFIXES: [(&str, Platform); 6] = [
    ("instagram", Platform::Instagram),
    ("insta", Platform::Instagram),
    ("ig", Platform::Instagram),
    ("tiktok", Platform::Tiktok),
    ("youtube", Platform::Youtube),
    ("yt", Platform::Youtube),
];
/// What may follow the platform in the name of a handle column ("Instagram handle", "YouTube
/// channel URL"); "Instagram followers" is not one.
const HANDLE_SUFFIXES: [&str; 15] = [
    "",
    "handle",
    "username",
    "user",
    "account",
    "profile",
    "url",
    "link",
    "profileurl",
    "profilelink",
    "page",
    "channel",
    "channelurl",
    "channellink",
    "channelhandle",
];

/// One contact of the list: a row with a valid address not seen before in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactRow {
    /// The line the row starts on (the header is line 1).
    pub line: u64,
    /// The address, normalised ([`normalize_email`]).
    pub email: String,
    /// The key of the row's Instagram handle ([`parse_profile`]), when it has a readable one.
    pub instagram: Option<String>,
    /// The key of the row's TikTok handle.
    pub tiktok: Option<String>,
    /// The key of the row's YouTube handle or channel.
    pub youtube: Option<String>,
}

/// A row left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidRow {
    /// The line the row starts on (the header is line 1).
    pub line: u64,
    /// Why, in a few English words: `no e-mail address`, `"x" is not an e-mail address`.
    pub reason: String,
}

/// What a list held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadSummary {
    /// The column the addresses were read from: its header, or "column 3" without one.
    pub email_column: String,
    /// Rows read (the header and blank lines aside): `valid + duplicates + invalid`.
    pub rows: u64,
    /// Rows with a valid address not seen before in the file (each handed to the caller).
    pub valid: u64,
    /// Rows whose address (normalised) came earlier in the file.
    pub duplicates: u64,
    /// Rows without a valid address.
    pub invalid: u64,
    /// The first rows left out (at most [`INVALID_ROWS_SHOWN`]), with why.
    pub first_invalid: Vec<InvalidRow>,
    /// The encoding the file was read in: `UTF-8`, `UTF-16LE`, `UTF-16BE` or `windows-1252`.
    pub encoding: &'static str,
    /// The delimiter between fields.
    pub delimiter: char,
}

/// Why a list cannot be read. The messages are for the people who uploaded it (a 422).
#[derive(Debug, thiserror::Error)]
pub enum CsvError {
    /// Nothing in it but blank lines.
    #[error("The file is empty: export the list again, with its rows.")]
    Empty,
    /// Not text: an image, a PDF, an archive.
    #[error(
        "The file is binary, not text: export the list as CSV (comma-separated values) and upload that."
    )]
    Binary,
    /// A spreadsheet workbook (`.xlsx`, `.xls`, `.ods`, `.numbers`) or a ZIP archive.
    #[error(
        "The file is a spreadsheet workbook or a ZIP archive, not CSV text: in Excel, choose File > Save As > \"CSV UTF-8\" and upload that."
    )]
    Workbook,
    /// No column holds e-mail addresses.
    #[error(
        "No column of e-mail addresses was found: head the column of addresses \"Email\", or check that the file holds them."
    )]
    NoEmailColumn,
    /// A row longer than [`ROW_MAX_BYTES`] or wider than [`ROW_MAX_FIELDS`]: a quote left open.
    #[error(
        "The row on line {line} runs on for more than 1 MiB (or 65,536 fields): a quote (\") in it is probably not closed. Fix that row and upload the file again."
    )]
    RowTooLong {
        /// The line the row starts on.
        line: u64,
    },
    /// Reading the input failed.
    #[error("The file could not be read to its end.")]
    Io(#[from] io::Error),
}

/// A failure while reading: the list's, or the caller's, which stops the reading.
#[derive(Debug, thiserror::Error)]
pub enum ReadError<E> {
    /// The list cannot be read.
    #[error(transparent)]
    Csv(#[from] CsvError),
    /// The caller's `each` failed: its error, as it was.
    #[error("the contacts' receiver stopped the reading: {0}")]
    Stop(E),
}

/// Reads a contact list from `input`, handing each contact to `each` in the file's order (a row
/// whose address came earlier is counted, not handed on), and says what the list held.
///
/// The input is streamed: what is held is 64 KiB read ahead, one row, the first 50 rows and a
/// 64-bit hash of each address seen (to count duplicates: 16 MiB or so for a million addresses;
/// two addresses sharing a hash, about one chance in 10^7 for a million, would count as one).
///
/// # Errors
///
/// [`ReadError::Csv`] when the list cannot be read (the message says why and what to do);
/// [`ReadError::Stop`] with `each`'s error, which ends the reading.
pub fn read_contacts<R: Read, E>(
    mut input: R,
    each: impl FnMut(ContactRow) -> Result<(), E>,
) -> Result<ReadSummary, ReadError<E>> {
    let mut head = Vec::with_capacity(HEAD_BYTES);
    input
        .by_ref()
        .take(HEAD_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(CsvError::Io)?;
    let whole = head.len() < HEAD_BYTES;
    let (encoding, bom) = sniff_encoding(&head, whole)?;
    let dialect = if encoding == UTF_8 || encoding == WINDOWS_1252 {
        sniff_dialect(&head[bom..], whole)
    } else {
        let (sample, _) = encoding.decode_without_bom_handling(&head[bom..]);
        sniff_dialect(sample.as_bytes(), whole)
    };
    let mut ahead = Cursor::new(head);
    if encoding == UTF_8 || encoding == WINDOWS_1252 {
        ahead.set_position(bom as u64);
        let source = BufReader::with_capacity(BUFFER_BYTES, ahead.chain(input));
        read_records(source, encoding, dialect, each)
    } else {
        // UTF-16: transcoded to UTF-8 as it streams (the byte order mark dropped).
        let decoded = DecodeReaderBytesBuilder::new()
            .encoding(Some(encoding))
            .bom_override(true)
            .strip_bom(true)
            .build(ahead.chain(input));
        let source = BufReader::with_capacity(BUFFER_BYTES, decoded);
        read_records(source, encoding, dialect, each)
    }
}

/// The encoding of the file and the length of its byte order mark, from its first bytes; an
/// error for a workbook or a binary file.
fn sniff_encoding(head: &[u8], whole: bool) -> Result<(&'static Encoding, usize), CsvError> {
    const WORKBOOKS: [&[u8]; 2] = [b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"];
    const BINARIES: [&[u8]; 8] = [
        b"\x89PNG",
        b"\xff\xd8\xff",
        b"GIF8",
        b"%PDF",
        b"\x1f\x8b",
        b"7z\xbc\xaf",
        b"Rar!",
        b"\x7fELF",
    ];
    if WORKBOOKS.iter().any(|magic| head.starts_with(magic)) {
        return Err(CsvError::Workbook);
    }
    if BINARIES.iter().any(|magic| head.starts_with(magic)) {
        return Err(CsvError::Binary);
    }
    if let Some((encoding, bom)) = Encoding::for_bom(head) {
        if encoding == UTF_8 && looks_binary(&head[bom..]) {
            return Err(CsvError::Binary);
        }
        return Ok((encoding, bom));
    }
    if let Some(encoding) = utf16_without_bom(head) {
        return Ok((encoding, 0));
    }
    if looks_binary(head) {
        return Err(CsvError::Binary);
    }
    match std::str::from_utf8(head) {
        Ok(_) => Ok((UTF_8, 0)),
        // Cut in the middle of a character by the 64 KiB read ahead.
        Err(error) if error.error_len().is_none() && !whole => Ok((UTF_8, 0)),
        Err(_) => Ok((WINDOWS_1252, 0)),
    }
}

/// Whether a byte is a control character text does not hold (tabs, line and form feeds do).
fn is_control(byte: u8) -> bool {
    (byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r' | 0x0c)) || byte == 0x7f
}

/// Whether the start of the file is not text: more than one byte in 20 a control character (a
/// NUL or two in a text file's fields are read as they are).
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = bytes.get(..BINARY_SNIFF_BYTES).unwrap_or(bytes);
    let controls = sample.iter().filter(|&&byte| is_control(byte)).count();
    controls >= 4 && controls * 20 > sample.len()
}

/// UTF-16 without a byte order mark: a NUL in one byte of most pairs (the ASCII characters) and
/// in almost none of the other.
fn utf16_without_bom(head: &[u8]) -> Option<&'static Encoding> {
    let sample = head.get(..BINARY_SNIFF_BYTES).unwrap_or(head);
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut first, mut second) = (0, 0);
    for pair in sample.chunks_exact(2) {
        first += usize::from(pair[0] == 0);
        second += usize::from(pair[1] == 0);
    }
    if second * 2 >= pairs && first * 50 <= pairs {
        Some(UTF_16LE)
    } else if first * 2 >= pairs && second * 50 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// How the fields are separated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Dialect {
    /// The delimiter.
    delimiter: u8,
    /// Whether the file opens with Excel's `sep=;` line (not a row).
    sep_line: bool,
}

/// The delimiter of `sample` (the start of the file, as UTF-8 or an ASCII-compatible encoding):
/// the one that most lines hold the same number of times, outside quotes (more of it on a tie).
fn sniff_dialect(sample: &[u8], whole: bool) -> Dialect {
    if let Some(delimiter) = sep_line(sample) {
        return Dialect {
            delimiter,
            sep_line: true,
        };
    }
    let lines = delimiter_counts(sample, whole);
    let mut best = (b',', 0, 0);
    for (index, &delimiter) in DELIMITERS.iter().enumerate() {
        let mut usual = (0, 0);
        for line in &lines {
            let count = line[index];
            if count == 0 {
                continue;
            }
            let agreeing = lines.iter().filter(|other| other[index] == count).count();
            usual = usual.max((agreeing, count));
        }
        if usual > (best.1, best.2) {
            best = (delimiter, usual.0, usual.1);
        }
    }
    Dialect {
        delimiter: best.0,
        sep_line: false,
    }
}

/// The delimiter an Excel `sep=;` first line names.
fn sep_line(sample: &[u8]) -> Option<u8> {
    let prefix = sample.get(..4)?;
    let delimiter = *sample.get(4)?;
    let ends = matches!(sample.get(5), None | Some(b'\r' | b'\n'));
    (prefix.eq_ignore_ascii_case(b"sep=") && ends && !matches!(delimiter, b'"' | b'\r' | b'\n'))
        .then_some(delimiter)
}

/// How many times each of [`DELIMITERS`] appears outside quotes on each of the first lines that
/// are not blank (a quoted line break continues the line; a last line cut short is left out).
fn delimiter_counts(sample: &[u8], whole: bool) -> Vec<[usize; 4]> {
    let mut lines = Vec::with_capacity(SNIFF_LINES);
    let mut quoted = false;
    let mut counts = [0; 4];
    let mut content = false;
    for &byte in sample {
        if lines.len() == SNIFF_LINES {
            return lines;
        }
        if byte == b'"' {
            quoted = !quoted;
            content = true;
        } else if quoted {
            continue;
        } else if byte == b'\n' || byte == b'\r' {
            if content {
                lines.push(counts);
            }
            counts = [0; 4];
            content = false;
        } else {
            if let Some(index) = DELIMITERS.iter().position(|&d| d == byte) {
                counts[index] += 1;
            }
            content |= !byte.is_ascii_whitespace();
        }
    }
    if whole && content && !quoted {
        lines.push(counts);
    }
    lines
}

/// One row as `csv-core` left it: its fields' bytes end to end, and where each field ends.
#[derive(Debug, Clone, Default)]
struct Record {
    /// The line the row starts on.
    line: u64,
    /// The fields' bytes (the buffer is longer than the row).
    bytes: Vec<u8>,
    /// Where each field ends in `bytes` (the buffer is longer than the row).
    ends: Vec<usize>,
    /// Bytes of the row.
    used: usize,
    /// Fields of the row.
    fields: usize,
}

impl Record {
    /// Field `index` (empty past the row's end).
    fn field(&self, index: usize) -> &[u8] {
        if index >= self.fields {
            return &[];
        }
        let start = match index {
            0 => 0,
            _ => self.ends.get(index - 1).copied().unwrap_or(0),
        };
        let end = self.ends.get(index).copied().unwrap_or(start);
        self.bytes.get(start..end).unwrap_or_default()
    }

    /// Whether every field is empty or white space (a blank line, `;;;;`).
    fn is_blank(&self) -> bool {
        self.bytes
            .get(..self.used)
            .unwrap_or_default()
            .iter()
            .all(u8::is_ascii_whitespace)
    }

    /// The row alone, without the buffer's spare room.
    fn to_owned_row(&self) -> Record {
        Record {
            line: self.line,
            bytes: self.bytes.get(..self.used).unwrap_or_default().to_vec(),
            ends: self.ends.get(..self.fields).unwrap_or_default().to_vec(),
            used: self.used,
            fields: self.fields,
        }
    }
}

/// The rows of a file, with the line each starts on. `csv-core` splits the rows; the lines are
/// counted here (the `csv` crate's positions are where the previous row ended, before the blank
/// lines skipped and the `\n` of a `\r\n`).
struct Records<B> {
    /// The file.
    input: B,
    /// The parser.
    parser: csv_core::Reader,
    /// The line of the next byte.
    line: u64,
    /// Whether the last byte counted was a `\r` (a `\n` after it ends no other line).
    after_cr: bool,
}

impl<B: BufRead> Records<B> {
    /// Rows of `input`, split at `delimiter`.
    fn new(input: B, delimiter: u8) -> Self {
        Self {
            input,
            parser: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            line: 1,
            after_cr: false,
        }
    }

    /// Reads the next row into `record`; `false` at the end of the file.
    fn read(&mut self, record: &mut Record) -> Result<bool, CsvError> {
        if record.bytes.is_empty() {
            record.bytes.resize(1024, 0);
        }
        if record.ends.is_empty() {
            record.ends.resize(64, 0);
        }
        let (mut used, mut fields) = (0, 0);
        let mut started = false;
        loop {
            let input = self.input.fill_buf()?;
            let (result, read, wrote, ended) = self.parser.read_record(
                input,
                record.bytes.get_mut(used..).unwrap_or_default(),
                record.ends.get_mut(fields..).unwrap_or_default(),
            );
            let mut consumed = input.get(..read).unwrap_or_default();
            if !started {
                // Line ends before the row are the previous row's, or blank lines.
                let lead = consumed
                    .iter()
                    .position(|&byte| byte != b'\r' && byte != b'\n')
                    .unwrap_or(consumed.len());
                self.line += line_ends(&consumed[..lead], &mut self.after_cr);
                if lead < consumed.len() {
                    started = true;
                    record.line = self.line;
                }
                consumed = &consumed[lead..];
            }
            self.line += line_ends(consumed, &mut self.after_cr);
            self.input.consume(read);
            used += wrote;
            fields += ended;
            match result {
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => {
                    if used >= ROW_MAX_BYTES {
                        return Err(CsvError::RowTooLong { line: record.line });
                    }
                    record.bytes.resize(record.bytes.len() * 2, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    if fields >= ROW_MAX_FIELDS {
                        return Err(CsvError::RowTooLong { line: record.line });
                    }
                    record.ends.resize(record.ends.len() * 2, 0);
                }
                ReadRecordResult::Record => {
                    record.used = used;
                    record.fields = fields;
                    return Ok(true);
                }
                ReadRecordResult::End => return Ok(false),
            }
        }
    }
}

/// Line ends in `bytes`: `\n`, `\r\n` and a lone `\r` (old Mac files), each once.
fn line_ends(bytes: &[u8], after_cr: &mut bool) -> u64 {
    let mut count = 0;
    for &byte in bytes {
        count += u64::from(byte == b'\r' || (byte == b'\n' && !*after_cr));
        *after_cr = byte == b'\r';
    }
    count
}

/// The text of a field: Windows-1252 in such a file; UTF-8 otherwise, or Windows-1252 when the
/// field is not valid UTF-8 (a file valid in its first 64 KiB only).
fn text<'a>(bytes: &'a [u8], encoding: &'static Encoding) -> Cow<'a, str> {
    if encoding != WINDOWS_1252 {
        if let Ok(text) = std::str::from_utf8(bytes) {
            return Cow::Borrowed(text);
        }
    }
    WINDOWS_1252.decode_without_bom_handling(bytes).0
}

/// A header as compared: lower-case, accents dropped, letters and digits only.
fn header_key(header: &str) -> String {
    let mut key = String::with_capacity(header.len());
    for c in header.chars().flat_map(char::to_lowercase) {
        match c {
            'ß' => key.push_str("ss"),
            'æ' => key.push_str("ae"),
            'œ' => key.push_str("oe"),
            c => {
                let base = unaccented(c);
                if base.is_alphanumeric() {
                    key.push(base);
                }
            }
        }
    }
    key
}

/// A lower-case Latin letter without its accent.
fn unaccented(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ğ' | 'ģ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
        'ķ' => 'k',
        'ĺ' | 'ľ' | 'ł' | 'ļ' => 'l',
        'ñ' | 'ń' | 'ň' | 'ņ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ŕ' | 'ř' => 'r',
        'ś' | 'š' | 'ş' | 'ș' => 's',
        'ť' | 'ţ' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        other => other,
    }
}

/// The platform whose handles a column with this header key holds.
fn handle_platform(key: &str) -> Option<Platform> {
    HANDLE_PREFIXES.iter().find_map(|&(prefix, platform)| {
        let suffix = key.strip_prefix(prefix)?;
        HANDLE_SUFFIXES.contains(&suffix).then_some(platform)
    })
}

/// Where things are in the rows.
#[derive(Debug)]
struct Layout {
    /// Rows of the sample before the first row of data: the header, and title lines above it.
    skip: usize,
    /// The e-mail column.
    email: usize,
    /// Its name: its header, or "column 3".
    email_column: String,
    /// Columns of handles (the first of each platform).
    handles: Vec<(usize, Platform)>,
}

impl Layout {
    /// The layout `sample` (the first rows, none blank) shows.
    ///
    /// The e-mail column is the first whose header names it, the header being the first row or
    /// one below title lines (lines of one cell, without an address: "Customers, exported
    /// 2025-03-01"). Else it is the column where most rows hold an address, and the first row is
    /// a header when its cell there is not one.
    fn find(sample: &[Record], encoding: &'static Encoding) -> Result<Self, CsvError> {
        let first = sample.first().ok_or(CsvError::Empty)?;
        let (header, email) = match named_email_column(sample, encoding) {
            Some((at, email)) => (sample.get(at).map(|row| (at, row)), email),
            None => {
                let email = email_column_by_content(sample, encoding)?;
                let data = normalize_email(&text(first.field(email), encoding)).is_some();
                ((!data).then_some((0, first)), email)
            }
        };
        let Some((at, header)) = header else {
            return Ok(Self {
                skip: 0,
                email,
                email_column: format!("column {}", email + 1),
                handles: Vec::new(),
            });
        };
        let name = text(header.field(email), encoding);
        let name = name.trim();
        let email_column = if name.is_empty() {
            format!("column {}", email + 1)
        } else {
            name.to_owned()
        };
        let mut handles: Vec<(usize, Platform)> = Vec::new();
        for (column, key) in header_keys(header, encoding).iter().enumerate() {
            if let Some(platform) = handle_platform(key) {
                if column != email && handles.iter().all(|&(_, seen)| seen != platform) {
                    handles.push((column, platform));
                }
            }
        }
        Ok(Self {
            skip: at + 1,
            email,
            email_column,
            handles,
        })
    }
}

/// The header keys ([`header_key`]) of a row.
fn header_keys(row: &Record, encoding: &'static Encoding) -> Vec<String> {
    (0..row.fields)
        .map(|column| header_key(&text(row.field(column), encoding)))
        .collect()
}

/// The row (among the first few) and the column of a header naming the e-mail column: the first
/// row, or one below title lines.
fn named_email_column(sample: &[Record], encoding: &'static Encoding) -> Option<(usize, usize)> {
    for (at, row) in sample.iter().take(HEADER_ROWS).enumerate() {
        let keys = header_keys(row, encoding);
        if let Some(email) = keys
            .iter()
            .position(|key| EMAIL_HEADERS.contains(&key.as_str()))
        {
            return Some((at, email));
        }
        let cells: Vec<Cow<'_, str>> = (0..row.fields)
            .map(|column| text(row.field(column), encoding))
            .filter(|cell| !cell.trim().is_empty())
            .collect();
        let title = cells.len() <= 1 && cells.iter().all(|cell| normalize_email(cell).is_none());
        if !title {
            return None;
        }
    }
    None
}

/// The column where most rows of `sample` hold an address, and at least half of its cells that
/// are not empty (the leftmost on a tie).
fn email_column_by_content(
    sample: &[Record],
    encoding: &'static Encoding,
) -> Result<usize, CsvError> {
    let width = sample.iter().map(|row| row.fields).max().unwrap_or(0);
    let mut best: Option<(usize, usize)> = None;
    for column in 0..width {
        let (mut valid, mut filled) = (0, 0);
        for row in sample {
            let cell = text(row.field(column), encoding);
            if cell.trim().is_empty() {
                continue;
            }
            filled += 1;
            valid += usize::from(normalize_email(&cell).is_some());
        }
        if valid > 0 && valid * 2 >= filled && best.is_none_or(|(_, most)| valid > most) {
            best = Some((column, valid));
        }
    }
    best.map(|(column, _)| column)
        .ok_or(CsvError::NoEmailColumn)
}

/// The rows of the file after its encoding and delimiter are known: the first ones sampled to
/// find the layout, then each counted and handed on.
fn read_records<B: BufRead, E>(
    input: B,
    encoding: &'static Encoding,
    dialect: Dialect,
    each: impl FnMut(ContactRow) -> Result<(), E>,
) -> Result<ReadSummary, ReadError<E>> {
    let mut records = Records::new(input, dialect.delimiter);
    let mut record = Record::default();
    if dialect.sep_line {
        records.read(&mut record)?;
    }
    let mut sample = Vec::with_capacity(SAMPLE_ROWS + 1);
    while sample.len() <= SAMPLE_ROWS && records.read(&mut record)? {
        if !record.is_blank() {
            sample.push(record.to_owned_row());
        }
    }
    let layout = Layout::find(&sample, encoding)?;
    let mut tally = Tally {
        summary: ReadSummary {
            email_column: layout.email_column.clone(),
            rows: 0,
            valid: 0,
            duplicates: 0,
            invalid: 0,
            first_invalid: Vec::new(),
            encoding: encoding.name(),
            delimiter: char::from(dialect.delimiter),
        },
        layout,
        encoding,
        seen: HashSet::new(),
        each,
    };
    for row in sample.iter().skip(tally.layout.skip) {
        tally.take(row)?;
    }
    drop(sample);
    while records.read(&mut record)? {
        if !record.is_blank() {
            tally.take(&record)?;
        }
    }
    Ok(tally.summary)
}

/// Counting the rows and handing on the contacts.
struct Tally<F> {
    /// What was counted so far.
    summary: ReadSummary,
    /// Where things are in the rows.
    layout: Layout,
    /// The file's encoding.
    encoding: &'static Encoding,
    /// Hashes of the addresses seen.
    seen: HashSet<u64>,
    /// The caller's receiver.
    each: F,
}

impl<F, E> Tally<F>
where
    F: FnMut(ContactRow) -> Result<(), E>,
{
    /// Counts one row (not blank), and hands it on when it is a new contact.
    fn take(&mut self, record: &Record) -> Result<(), ReadError<E>> {
        self.summary.rows += 1;
        let cell = text(record.field(self.layout.email), self.encoding);
        let Some(email) = normalize_email(&cell) else {
            self.summary.invalid += 1;
            if self.summary.first_invalid.len() < INVALID_ROWS_SHOWN {
                self.summary.first_invalid.push(InvalidRow {
                    line: record.line,
                    reason: invalid_reason(&cell),
                });
            }
            return Ok(());
        };
        if !self.seen.insert(fingerprint(&email)) {
            self.summary.duplicates += 1;
            return Ok(());
        }
        self.summary.valid += 1;
        let mut contact = ContactRow {
            line: record.line,
            email,
            instagram: None,
            tiktok: None,
            youtube: None,
        };
        for &(column, platform) in &self.layout.handles {
            let value = text(record.field(column), self.encoding);
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            let Ok(profile) = parse_profile(value, Some(platform)) else {
                continue;
            };
            let slot = match platform {
                Platform::Instagram => &mut contact.instagram,
                Platform::Tiktok => &mut contact.tiktok,
                Platform::Youtube => &mut contact.youtube,
            };
            *slot = Some(profile.key);
        }
        (self.each)(contact).map_err(ReadError::Stop)
    }
}

/// Why a cell is not an address, quoting it (cut at [`QUOTED_MAX`] characters).
fn invalid_reason(cell: &str) -> String {
    let cell = cell.trim();
    if cell.is_empty() {
        return "no e-mail address".to_owned();
    }
    let mut shown: String = cell
        .chars()
        .take(QUOTED_MAX)
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect();
    if cell.chars().nth(QUOTED_MAX).is_some() {
        shown.push('…');
    }
    format!("\"{shown}\" is not an e-mail address")
}

/// A 64-bit hash of an address: SipHash with fixed keys, the same throughout a reading.
fn fingerprint(email: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    email.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
#[path = "contacts_csv_tests.rs"]
mod tests;
