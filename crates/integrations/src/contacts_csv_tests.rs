//! The reader over the shared fixtures (real exports' shapes) and awkward files built here.

use std::io::Read;

use super::*;

/// Reads a list whole: the summary and the contacts.
fn read(file: &[u8]) -> Result<(ReadSummary, Vec<ContactRow>), CsvError> {
    read_from(file)
}

/// Reads a list from any reader.
fn read_from(input: impl Read) -> Result<(ReadSummary, Vec<ContactRow>), CsvError> {
    let mut contacts = Vec::new();
    let summary = read_contacts(input, |contact| {
        contacts.push(contact);
        Ok::<(), std::convert::Infallible>(())
    })
    .map_err(|error| match error {
        ReadError::Csv(error) => error,
        ReadError::Stop(never) => match never {},
    })?;
    Ok((summary, contacts))
}

/// Reads a list that must be readable.
fn read_ok(file: &[u8]) -> (ReadSummary, Vec<ContactRow>) {
    let read = read(file).unwrap_or_else(|error| panic!("unreadable: {error}"));
    // The same file trickled a byte at a time reads the same: nothing depends on where reads end.
    assert_eq!(read_from(Trickle(file)).unwrap(), read);
    read
}

/// A reader that hands out one byte per read.
struct Trickle<'a>(&'a [u8]);

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match (self.0.split_first(), buf.first_mut()) {
            (Some((&byte, rest)), Some(slot)) => {
                *slot = byte;
                self.0 = rest;
                Ok(1)
            }
            _ => Ok(0),
        }
    }
}

/// The contacts' lines and addresses.
fn emails(contacts: &[ContactRow]) -> Vec<(u64, &str)> {
    contacts
        .iter()
        .map(|contact| (contact.line, contact.email.as_str()))
        .collect()
}

/// Rows, valid, duplicates, invalid.
fn counts(summary: &ReadSummary) -> (u64, u64, u64, u64) {
    (
        summary.rows,
        summary.valid,
        summary.duplicates,
        summary.invalid,
    )
}

/// The invalid rows' lines and reasons.
fn invalid(summary: &ReadSummary) -> Vec<(u64, &str)> {
    summary
        .first_invalid
        .iter()
        .map(|row| (row.line, row.reason.as_str()))
        .collect()
}

/// `text` in UTF-16, little- or big-endian, with or without a byte order mark.
fn utf16(text: &str, little: bool, bom: bool) -> Vec<u8> {
    let units = bom.then_some(0xfeff).into_iter().chain(text.encode_utf16());
    units
        .flat_map(|unit| {
            if little {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            }
        })
        .collect()
}

#[test]
fn a_mailchimp_export_with_quoted_quotes_and_newlines() {
    let (summary, contacts) = read_ok(include_bytes!("../tests/fixtures/csv/mailchimp-export.csv"));
    assert_eq!(summary.email_column, "Email Address");
    assert_eq!((summary.encoding, summary.delimiter), ("UTF-8", ','));
    assert_eq!(counts(&summary), (2, 2, 0, 0));
    assert_eq!(
        emails(&contacts),
        [(2, "mia.lens@example.com"), (3, "noah.trails@example.org")]
    );
}

#[test]
fn a_plain_list_with_spaces_case_duplicates_and_junk() {
    let (summary, contacts) = read_ok(include_bytes!("../tests/fixtures/csv/plain-emails.csv"));
    assert_eq!(summary.email_column, "email");
    assert_eq!(counts(&summary), (5, 3, 1, 1));
    assert_eq!(
        emails(&contacts),
        [
            (2, "zoe.paints@example.com"),
            (4, "sam.codes@example.com"),
            (7, "kai.cooks@example.com")
        ]
    );
    assert_eq!(
        invalid(&summary),
        [(3, "\"not-an-email\" is not an e-mail address")]
    );
}

#[test]
fn a_shopify_export_with_bom_semicolons_and_crlf() {
    let (summary, contacts) = read_ok(include_bytes!(
        "../tests/fixtures/csv/shopify-customers-semicolon-bom.csv"
    ));
    assert_eq!(summary.email_column, "Email");
    assert_eq!(summary.delimiter, ';');
    assert_eq!(counts(&summary), (4, 2, 1, 1));
    assert_eq!(
        emails(&contacts),
        [(2, "ava.bakes@example.com"), (3, "leo.runs@example.com")]
    );
    assert_eq!(invalid(&summary), [(4, "no e-mail address")]);
}

#[test]
fn semicolons_with_a_bom_and_decimal_commas() {
    let file = "\u{feff}Name;E-mail;Spent\nMia;mia@example.com;12,50\nLeo;leo@example.com;3,00\n\
                Ava;ava@example.com;0\n";
    let (summary, contacts) = read_ok(file.as_bytes());
    assert_eq!(
        (summary.delimiter, summary.email_column.as_str()),
        (';', "E-mail")
    );
    assert_eq!(counts(&summary), (3, 3, 0, 0));
    assert_eq!(emails(&contacts)[2], (4, "ava@example.com"));
}

#[test]
fn windows_1252_names_and_headers() {
    let file = b"Nombre;Correo electr\xf3nico\r\nJos\xe9 Garc\xeda;jos\xe9@example.es\r\n\
                 Zo\xeb;\x93zoe@example.com\x94\r\n";
    let (summary, contacts) = read_ok(file);
    assert_eq!(summary.encoding, "windows-1252");
    assert_eq!(summary.email_column, "Correo electrónico");
    assert_eq!(
        emails(&contacts),
        [(2, "josé@example.es"), (3, "zoe@example.com")]
    );
}

#[test]
fn a_windows_1252_byte_after_the_first_64_kib_is_read_as_such() {
    let mut file = String::from("email,name\n");
    for i in 0..3_000 {
        file.push_str(&format!("person{i}@example.com,Person {i}\n"));
    }
    assert!(file.len() > HEAD_BYTES);
    let mut file = file.into_bytes();
    file.extend_from_slice(b"jos\xe9@example.es,Jos\xe9\n");
    let (summary, contacts) = read_ok(&file);
    assert_eq!(summary.encoding, "UTF-8");
    assert_eq!(counts(&summary), (3_001, 3_001, 0, 0));
    assert_eq!(
        contacts.last().map(|c| (c.line, c.email.as_str())),
        Some((3_002, "josé@example.es"))
    );
}

#[test]
fn utf16_little_and_big_endian_with_and_without_bom() {
    // Excel's "Unicode Text": UTF-16LE with a BOM, tab-delimited.
    let text = "Name\tEmail\r\nJürgen\tjürgen@bücher.de\r\n\r\nZoë\tZOE@example.com\r\nZoë\tzoe@example.com\r\n";
    for (little, bom, encoding) in [
        (true, true, "UTF-16LE"),
        (false, true, "UTF-16BE"),
        (true, false, "UTF-16LE"),
        (false, false, "UTF-16BE"),
    ] {
        let (summary, contacts) = read_ok(&utf16(text, little, bom));
        assert_eq!(summary.encoding, encoding, "{little} {bom}");
        assert_eq!(
            (summary.delimiter, summary.email_column.as_str()),
            ('\t', "Email")
        );
        assert_eq!(counts(&summary), (3, 2, 1, 0));
        assert_eq!(
            emails(&contacts),
            [(2, "jürgen@bücher.de"), (4, "zoe@example.com")]
        );
    }
}

#[test]
fn quoted_newlines_and_delimiters_keep_the_lines_right() {
    let file = "email,note\n\"mia@example.com\",\"one,\ntwo\r\nthree\"\nleo@example.com,plain\n\
                \"bad\naddress\",x\nava@example.com,\"\"\"quoted\"\"\"\n";
    let (summary, contacts) = read_ok(file.as_bytes());
    assert_eq!(
        emails(&contacts),
        [
            (2, "mia@example.com"),
            (5, "leo@example.com"),
            (8, "ava@example.com")
        ]
    );
    assert_eq!(
        invalid(&summary),
        [(6, "\"bad\u{fffd}address\" is not an e-mail address")]
    );
}

#[test]
fn no_header_and_the_address_in_the_third_column() {
    let file = "1,Mia,mia@example.com,Tallinn\n2,Leo,leo@example.com,Riga\n3,Ava,,Tartu\n";
    let (summary, contacts) = read_ok(file.as_bytes());
    assert_eq!(summary.email_column, "column 3");
    assert_eq!(counts(&summary), (3, 2, 0, 1));
    assert_eq!(
        emails(&contacts),
        [(1, "mia@example.com"), (2, "leo@example.com")]
    );
    assert_eq!(invalid(&summary), [(3, "no e-mail address")]);
}

#[test]
fn an_unknown_header_is_found_by_its_content() {
    let file = "Id,Kontakt,Notiz\n1,mia@example.com,a\n2,not an address,b\n3,leo@example.com,c\n";
    let (summary, contacts) = read_ok(file.as_bytes());
    assert_eq!(summary.email_column, "Kontakt");
    assert_eq!(counts(&summary), (3, 2, 0, 1));
    assert_eq!(emails(&contacts)[1], (4, "leo@example.com"));
}

#[test]
fn title_lines_above_the_header_are_skipped() {
    let file =
        "Customers\n\"Exported 2025-03-01, 10:00\"\nName,Email,Channel\nMia,mia@example.com,Mail\n";
    let (summary, contacts) = read_ok(file.as_bytes());
    assert_eq!((summary.email_column.as_str(), summary.rows), ("Email", 1));
    assert_eq!(emails(&contacts), [(4, "mia@example.com")]);
    // A cell that reads like a header in the data does not make its row one.
    let file = "Name,Contact,Channel\nMia,mia@example.com,Mail\nLeo,leo@example.com,Phone\n";
    let (summary, contacts) = read_ok(file.as_bytes());
    assert_eq!(
        (summary.email_column.as_str(), summary.rows),
        ("Contact", 2)
    );
    assert_eq!(
        emails(&contacts),
        [(2, "mia@example.com"), (3, "leo@example.com")]
    );
}

#[test]
fn blank_lines_and_rows_of_empty_fields_are_skipped() {
    let file = "\n\nemail;name\n\nmia@example.com;Mia\n;;\n  \nleo@example.com;Leo\n\n\n;\n\n";
    let (summary, contacts) = read_ok(file.as_bytes());
    assert_eq!(counts(&summary), (2, 2, 0, 0));
    assert_eq!(
        emails(&contacts),
        [(5, "mia@example.com"), (8, "leo@example.com")]
    );
}

#[test]
fn crlf_and_old_mac_line_ends() {
    let crlf = "email,name\r\nmia@example.com,Mia\r\n\r\nbad,Bad\r\nleo@example.com,Leo";
    let (summary, contacts) = read_ok(crlf.as_bytes());
    assert_eq!(
        emails(&contacts),
        [(2, "mia@example.com"), (5, "leo@example.com")]
    );
    assert_eq!(invalid(&summary), [(4, "\"bad\" is not an e-mail address")]);
    let (summary, contacts) = read_ok(crlf.replace("\r\n", "\r").as_bytes());
    assert_eq!(
        emails(&contacts),
        [(2, "mia@example.com"), (5, "leo@example.com")]
    );
    assert_eq!(invalid(&summary), [(4, "\"bad\" is not an e-mail address")]);
}

#[test]
fn a_long_field_and_a_long_bad_address() {
    let note = "x".repeat(5_000);
    let file =
        format!("email,note\nmia@example.com,\"{note}\"\n{note},x\nleo@example.com,{note}\n");
    let (summary, contacts) = read_ok(file.as_bytes());
    assert_eq!(counts(&summary), (3, 2, 0, 1));
    assert_eq!(emails(&contacts)[1], (4, "leo@example.com"));
    let shown = format!("\"{}…\" is not an e-mail address", "x".repeat(QUOTED_MAX));
    assert_eq!(invalid(&summary), [(3, shown.as_str())]);
}

#[test]
fn a_quote_left_open_is_refused_with_its_line() {
    let file = format!(
        "email,note\nmia@example.com,ok\nleo@example.com,\"open\n{}",
        "more text\n".repeat(ROW_MAX_BYTES / 8)
    );
    match read(file.as_bytes()) {
        Err(CsvError::RowTooLong { line }) => assert_eq!(line, 3),
        other => panic!("{other:?}"),
    }
    let file = format!("email\nmia@example.com\n\n{}\n", ",".repeat(ROW_MAX_FIELDS));
    match read(file.as_bytes()) {
        Err(CsvError::RowTooLong { line }) => assert_eq!(line, 4),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_nul_byte_in_a_field_is_read() {
    let file = b"email,name\nmia@example.com,Mi\0a\nleo\0@example.com,Leo\nava@example.com,Ava\n";
    let (summary, contacts) = read_ok(file);
    assert_eq!(counts(&summary), (3, 2, 0, 1));
    assert_eq!(
        invalid(&summary),
        [(3, "\"leo\u{fffd}@example.com\" is not an e-mail address")]
    );
    assert_eq!(emails(&contacts)[1], (4, "ava@example.com"));
}

#[test]
fn tabs_and_pipes() {
    let tabs =
        "First name\tLast name\tEmail\nMia\tLens, Jr.\tmia@example.com\nLeo\t\tleo@example.com\n";
    let (summary, contacts) = read_ok(tabs.as_bytes());
    assert_eq!(summary.delimiter, '\t');
    assert_eq!(emails(&contacts)[1], (3, "leo@example.com"));
    let pipes =
        "id|email|city, country\n1|mia@example.com|Tallinn, EE\n2|leo@example.com|Riga, LV\n";
    let (summary, contacts) = read_ok(pipes.as_bytes());
    assert_eq!(summary.delimiter, '|');
    assert_eq!(summary.email_column, "email");
    assert_eq!(emails(&contacts)[1], (3, "leo@example.com"));
}

#[test]
fn an_excel_sep_line_names_the_delimiter() {
    let file = "sep=;\r\nemail;name\r\nmia@example.com;Lens, Mia\r\n";
    let (summary, contacts) = read_ok(file.as_bytes());
    assert_eq!((summary.delimiter, summary.rows), (';', 1));
    assert_eq!(emails(&contacts), [(3, "mia@example.com")]);
}

#[test]
fn hubspot_and_klaviyo_headers() {
    let hubspot = "\"Record ID\",\"First Name\",\"Last Name\",\"Email Domain\",\"Email\",\"Lifecycle Stage\"\n\
                   \"101\",\"Mia\",\"Lens\",\"example.com\",\"mia@example.com\",\"lead\"\n";
    let (summary, contacts) = read_ok(hubspot.as_bytes());
    assert_eq!(summary.email_column, "Email");
    assert_eq!(emails(&contacts), [(2, "mia@example.com")]);
    let klaviyo = "Email,Email Marketing Consent,First Name,Instagram\n\
                   Mia@Example.com,SUBSCRIBED,Mia,@Mia.Lens\nleo@example.com,NEVER_SUBSCRIBED,Leo,\n";
    let (summary, contacts) = read_ok(klaviyo.as_bytes());
    assert_eq!(summary.email_column, "Email");
    assert_eq!(counts(&summary), (2, 2, 0, 0));
    assert_eq!(contacts[0].instagram.as_deref(), Some("mia.lens"));
    assert_eq!(contacts[1].instagram, None);
}

#[test]
fn headers_in_the_usual_languages() {
    for header in [
        "E-Mail-Adresse",
        "Courriel",
        "Adresse e-mail",
        "Correo electrónico",
        "CORREO ELECTRONICO",
        "E-postadress",
        "Sähköposti",
        "e_mail",
        "Email (Primary)",
        "E-mail 1 - Value",
        "$email",
        " Mail ",
        "Indirizzo email",
        "電子郵件",
    ] {
        // A column of names comes first: the header, not the content, must pick the column.
        let file = format!("Name;{header}\nnot-an-email;mia@example.com\n");
        let (summary, contacts) = read_ok(file.as_bytes());
        assert_eq!(summary.email_column, header.trim(), "{header}");
        assert_eq!(emails(&contacts), [(2, "mia@example.com")], "{header}");
    }
}

#[test]
fn duplicates_differ_in_case_spaces_and_wrapping() {
    let file = "email\nmia@example.com\n  MIA@Example.COM \n\"Mia Lens\" <mia@example.com>\n\
                mailto:Mia@example.com\nmia+news@example.com\n";
    let (summary, contacts) = read_ok(file.as_bytes());
    assert_eq!(counts(&summary), (5, 2, 3, 0));
    assert_eq!(
        emails(&contacts),
        [(2, "mia@example.com"), (6, "mia+news@example.com")]
    );
}

#[test]
fn a_header_only_file_has_no_rows() {
    let (summary, contacts) = read_ok(b"Email,First Name,Last Name\r\n");
    assert_eq!(
        (summary.email_column.as_str(), counts(&summary)),
        ("Email", (0, 0, 0, 0))
    );
    assert!(contacts.is_empty());
    assert!(matches!(
        read(b"First Name,Last Name\n"),
        Err(CsvError::NoEmailColumn)
    ));
}

#[test]
fn binary_files_and_workbooks_are_refused() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let mut noise = Vec::new();
    let mut state: u32 = 7;
    for _ in 0..4_096 {
        state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        noise.push(state.to_be_bytes()[1]);
    }
    png.extend_from_slice(&noise);
    assert!(matches!(read(&png), Err(CsvError::Binary)));
    assert!(matches!(read(&noise), Err(CsvError::Binary)));
    assert!(matches!(
        read(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
        Err(CsvError::Binary)
    ));
    assert!(matches!(
        read(b"PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0"),
        Err(CsvError::Workbook)
    ));
    assert!(matches!(
        read(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0"),
        Err(CsvError::Workbook)
    ));
    let mut controls = b"email\n".to_vec();
    controls.extend_from_slice(&[1, 2, 3, 4, 5, 6, 0, 0, 0, 0, 0, 0]);
    assert!(matches!(read(&controls), Err(CsvError::Binary)));
}

#[test]
fn empty_files_are_refused() {
    for file in [
        &b""[..],
        b"\n\n\r\n",
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"  \n\t\n",
        b";;;\n;;;\n",
        b"sep=,\n",
    ] {
        assert!(matches!(read(file), Err(CsvError::Empty)), "{file:?}");
    }
}

#[test]
fn a_file_without_addresses_is_refused() {
    let file = "name,city\nMia,Tallinn\nLeo,Riga\n";
    assert!(matches!(
        read(file.as_bytes()),
        Err(CsvError::NoEmailColumn)
    ));
    // A stray address among other things does not make a column of addresses.
    let file = "name,contact\nMia,mia@example.com\nLeo,+372 5555 0100\nAva,Riga\n";
    assert!(matches!(
        read(file.as_bytes()),
        Err(CsvError::NoEmailColumn)
    ));
}

#[test]
fn handles_as_links_and_at_names() {
    let file = "Email,IG,TikTok handle,YouTube channel,Instagram followers\n\
                mia@example.com,https://www.instagram.com/Mia.Lens/?hl=en,@Mia.Lens,youtube.com/@MiaLens,12000\n\
                leo@example.com,@leo_runs,https://www.tiktok.com/@leo.runs?lang=en,https://www.youtube.com/channel/UC1234567890abcdefghijkl,900\n\
                ava@example.com,n/a,tiktok.com/t/ZT8abc,https://youtu.be/dQw4w9WgXcQ,\n\
                kai@example.com,tiktok.com/@kai,-,,\n";
    let (summary, contacts) = read_ok(file.as_bytes());
    assert_eq!(counts(&summary), (4, 4, 0, 0));
    let handles: Vec<[Option<&str>; 3]> = contacts
        .iter()
        .map(|c| {
            [
                c.instagram.as_deref(),
                c.tiktok.as_deref(),
                c.youtube.as_deref(),
            ]
        })
        .collect();
    assert_eq!(
        handles,
        [
            [Some("mia.lens"), Some("mia.lens"), Some("@mialens")],
            [
                Some("leo_runs"),
                Some("leo.runs"),
                Some("channel/UC1234567890abcdefghijkl")
            ],
            // Junk, a short link and a video are no handles.
            [None, None, None],
            // A TikTok link in the Instagram column is not an Instagram handle.
            [None, None, None],
        ]
    );
}

#[test]
fn the_receiver_can_stop_the_reading() {
    let file = "email\nmia@example.com\nleo@example.com\nava@example.com\n";
    let mut seen = Vec::new();
    let result = read_contacts(file.as_bytes(), |contact| {
        seen.push(contact.line);
        if contact.line == 3 {
            Err("full")
        } else {
            Ok(())
        }
    });
    assert!(matches!(result, Err(ReadError::Stop("full"))));
    assert_eq!(seen, [2, 3]);
}

#[test]
fn only_the_first_twenty_invalid_rows_are_listed() {
    let mut file = String::from("email\n");
    for i in 0..30 {
        file.push_str(&format!("bad{i}\n"));
    }
    let (summary, _) = read_ok(file.as_bytes());
    assert_eq!(counts(&summary), (30, 0, 0, 30));
    assert_eq!(summary.first_invalid.len(), INVALID_ROWS_SHOWN);
    assert_eq!(summary.first_invalid.last().map(|row| row.line), Some(21));
}

#[test]
fn the_messages_say_what_went_wrong() {
    assert!(CsvError::Empty.to_string().contains("empty"));
    assert!(CsvError::Binary.to_string().contains("binary"));
    assert!(CsvError::NoEmailColumn
        .to_string()
        .contains("No column of e-mail addresses"));
    assert!(CsvError::RowTooLong { line: 7 }
        .to_string()
        .contains("line 7"));
}

#[test]
#[ignore = "a throughput check to run by hand: see examples/read_contacts.rs"]
fn a_million_rows() {
    let mut file = String::from("Email Address,First Name,Last Name,NOTES\n");
    for i in 0..1_000_000 {
        file.push_str(&format!(
            "person.{i}@example.com,Person,Number {i},\"a, b\nc\"\n"
        ));
    }
    let started = std::time::Instant::now();
    let (summary, contacts) = read(file.as_bytes()).unwrap();
    eprintln!("{} MB in {:?}", file.len() / 1_000_000, started.elapsed());
    assert_eq!(counts(&summary), (1_000_000, 1_000_000, 0, 0));
    assert_eq!(contacts.last().map(|c| c.line), Some(2_000_000));
}
