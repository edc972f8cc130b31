//! The reader over the shared fixtures (real exports' shapes) and awkward files.

use super::*;

/// Reads a list whole: the summary and the contacts.
fn read(file: &[u8]) -> Result<(Summary, Vec<Contact>), CsvError> {
    let mut contacts = Vec::new();
    match read_contacts(file, |contact| {
        contacts.push(contact);
        Ok::<(), ()>(())
    }) {
        Ok(summary) => Ok((summary, contacts)),
        Err(ReadError::Csv(error)) => Err(error),
        Err(ReadError::Stop(())) => unreachable!("the test's callback never stops"),
    }
}

fn emails(contacts: &[Contact]) -> Vec<(u64, &str)> {
    contacts
        .iter()
        .map(|c| (c.line, c.email.as_str()))
        .collect()
}

fn counts(summary: &Summary) -> (u64, u64, u64, u64) {
    (
        summary.rows,
        summary.valid,
        summary.duplicates,
        summary.invalid,
    )
}

#[test]
fn a_mailchimp_export_with_quoted_newlines() {
    let (summary, contacts) =
        read(include_bytes!("../tests/fixtures/csv/mailchimp-export.csv")).unwrap();
    assert_eq!(summary.email_column, "Email Address");
    assert_eq!(
        emails(&contacts)[..2],
        [(2, "mia.lens@example.com"), (3, "noah.trails@example.org")]
    );
    assert_eq!(summary.invalid, 0, "{:?}", summary.first_invalid);
}

#[test]
fn a_plain_list_with_spaces_case_duplicates_and_junk() {
    let (summary, contacts) =
        read(include_bytes!("../tests/fixtures/csv/plain-emails.csv")).unwrap();
    assert_eq!(summary.email_column, "email");
    assert_eq!(
        emails(&contacts),
        [
            (2, "zoe.paints@example.com"),
            (4, "sam.codes@example.com"),
            (7, "kai.cooks@example.com")
        ]
    );
    assert_eq!(counts(&summary), (5, 3, 1, 1));
    assert_eq!(
        summary.first_invalid,
        [InvalidLine {
            line: 3,
            reason: "\"not-an-email\" is not an e-mail address".into()
        }]
    );
}

#[test]
fn a_shopify_export_with_semicolons_bom_and_crlf() {
    let (summary, contacts) = read(include_bytes!(
        "../tests/fixtures/csv/shopify-customers-semicolon-bom.csv"
    ))
    .unwrap();
    assert_eq!(summary.email_column, "Email");
    assert_eq!(
        emails(&contacts),
        [(2, "ava.bakes@example.com"), (3, "leo.runs@example.com")]
    );
    assert_eq!(counts(&summary), (4, 2, 1, 1));
    assert_eq!(summary.first_invalid[0].reason, "no e-mail address");
    assert_eq!(summary.first_invalid[0].line, 4);
}

#[test]
fn semicolons_after_a_bom_with_a_german_header() {
    let file = "\u{feff}Name;E-Mail-Adresse;Stadt\nJürgen;juergen@example.de;Köln\nAnna;ANNA@example.de;Berlin\n";
    let (summary, contacts) = read(file.as_bytes()).unwrap();
    assert_eq!(summary.email_column, "E-Mail-Adresse");
    assert_eq!(
        emails(&contacts),
        [(2, "juergen@example.de"), (3, "anna@example.de")]
    );
}

#[test]
fn windows_1252_names_are_read() {
    let file =
        b"Nom,Courriel\nJos\xe9 Garc\xeda,jose@example.es\nFran\xe7ois,francois@example.fr\n";
    let (summary, contacts) = read(file).unwrap();
    assert_eq!(summary.email_column, "Courriel");
    assert_eq!(contacts.len(), 2);
}

#[test]
fn utf16_with_a_bom_both_ways() {
    let text = "Email\tName\nmia@example.com\tMia\nnoah@example.org\tNoah\n";
    let mut le = vec![0xff, 0xfe];
    let mut be = vec![0xfe, 0xff];
    for unit in text.encode_utf16() {
        le.extend_from_slice(&unit.to_le_bytes());
        be.extend_from_slice(&unit.to_be_bytes());
    }
    for file in [le, be] {
        let (summary, contacts) = read(&file).unwrap();
        assert_eq!(
            emails(&contacts),
            [(2, "mia@example.com"), (3, "noah@example.org")]
        );
        assert_eq!(summary.email_column, "Email");
    }
}

#[test]
fn quoted_fields_with_delimiters_and_newlines_keep_line_numbers() {
    let file = "email,note\nmia@example.com,\"likes, commas\"\nnoah@example.org,\"two\nlines\"\nava@example.net,plain\n";
    let (_, contacts) = read(file.as_bytes()).unwrap();
    assert_eq!(
        emails(&contacts),
        [
            (2, "mia@example.com"),
            (3, "noah@example.org"),
            (5, "ava@example.net")
        ]
    );
}

#[test]
fn a_list_without_a_header() {
    let file = "mia@example.com,Mia\nnoah@example.org,Noah\n";
    let (summary, contacts) = read(file.as_bytes()).unwrap();
    assert_eq!(summary.email_column, "column 1");
    assert_eq!(
        emails(&contacts),
        [(1, "mia@example.com"), (2, "noah@example.org")]
    );
}

#[test]
fn the_address_in_the_third_column_found_by_content() {
    let file = "id,name,contact,city\n1,Mia,mia@example.com,Tallinn\n2,Noah,noah@example.org,Riga\n3,Ava,,Tartu\n";
    let (summary, contacts) = read(file.as_bytes()).unwrap();
    assert_eq!(summary.email_column, "contact");
    assert_eq!(contacts.len(), 2);
    assert_eq!(counts(&summary), (3, 2, 0, 1));
}

#[test]
fn trailing_blank_lines_and_empty_rows_are_skipped() {
    let file = "email\r\nmia@example.com\r\n\r\n;;\r\n\r\nnoah@example.org\r\n\r\n\r\n";
    let (summary, contacts) = read(file.as_bytes()).unwrap();
    assert_eq!(summary.rows, 2);
    assert_eq!(
        emails(&contacts),
        [(2, "mia@example.com"), (6, "noah@example.org")]
    );
}

#[test]
fn a_long_field_and_a_nul_byte_are_tolerated() {
    let file = format!(
        "email,bio\nmia@example.com,{}\nnoah@example.org,nul\u{0}here\n",
        "x".repeat(5_000)
    );
    let (summary, contacts) = read(file.as_bytes()).unwrap();
    assert_eq!(contacts.len(), 2);
    assert_eq!(summary.invalid, 0);
}

#[test]
fn tabs_and_pipes_separate_fields() {
    for file in [
        "First Name\tEmail Address\nMia\tmia@example.com\n",
        "first_name|email|phone\nMia|mia@example.com|+372 555\n",
    ] {
        let (_, contacts) = read(file.as_bytes()).unwrap();
        assert_eq!(emails(&contacts), [(2, "mia@example.com")], "{file:?}");
    }
}

#[test]
fn hubspot_and_klaviyo_headers() {
    let hubspot = "Record ID,First Name,Last Name,Email,Marketing contact status\n101,Mia,Lens,mia@example.com,Marketing contact\n";
    let klaviyo = "Klaviyo ID,Email,Email Marketing Consent,Instagram\nk1,noah@example.org,SUBSCRIBED,@noah.trails\n";
    let (summary, _) = read(hubspot.as_bytes()).unwrap();
    assert_eq!(summary.email_column, "Email");
    let (summary, contacts) = read(klaviyo.as_bytes()).unwrap();
    assert_eq!(summary.email_column, "Email");
    assert_eq!(contacts[0].instagram.as_deref(), Some("noah.trails"));
}

#[test]
fn handles_as_links_and_as_at_names() {
    let file = "email,Instagram handle,TikTok,YouTube channel\n\
        mia@example.com,https://www.instagram.com/Mia.Lens/,tiktok.com/@mia.lens,youtube.com/@MiaLens\n\
        noah@example.org,@noah.trails,,not a handle at all!\n";
    let (_, contacts) = read(file.as_bytes()).unwrap();
    assert_eq!(contacts[0].instagram.as_deref(), Some("mia.lens"));
    assert_eq!(contacts[0].tiktok.as_deref(), Some("mia.lens"));
    assert!(contacts[0].youtube.is_some());
    assert_eq!(contacts[1].instagram.as_deref(), Some("noah.trails"));
    assert_eq!(contacts[1].tiktok, None);
    assert_eq!(contacts[1].youtube, None);
}

#[test]
fn duplicates_differ_only_in_case_and_spaces() {
    let file = "email\nMia@Example.com\n  mia@example.com \nMIA@EXAMPLE.COM\n";
    let (summary, contacts) = read(file.as_bytes()).unwrap();
    assert_eq!(counts(&summary), (3, 1, 2, 0));
    assert_eq!(emails(&contacts), [(2, "mia@example.com")]);
}

#[test]
fn at_most_twenty_invalid_rows_are_detailed() {
    let mut file = String::from("email\n");
    for n in 0..30 {
        file.push_str(&format!("broken-{n}\n"));
    }
    file.push_str("mia@example.com\n");
    let (summary, _) = read(file.as_bytes()).unwrap();
    assert_eq!(counts(&summary), (31, 1, 0, 30));
    assert_eq!(summary.first_invalid.len(), 20);
    assert_eq!(summary.first_invalid[19].line, 21);
}

#[test]
fn files_that_cannot_be_read() {
    assert_eq!(read(b"").unwrap_err(), CsvError::Empty);
    assert_eq!(read(b"\n\n  \r\n").unwrap_err(), CsvError::Empty);
    assert_eq!(read("\u{feff}".as_bytes()).unwrap_err(), CsvError::Empty);
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..4000u32).map(|n| (n.wrapping_mul(2_654_435_761) >> 24) as u8));
    assert_eq!(read(&png).unwrap_err(), CsvError::Binary);
    assert_eq!(
        read(b"name,city\nMia,Tallinn\nNoah,Riga\n").unwrap_err(),
        CsvError::NoEmailColumn
    );
    assert_eq!(read(b"email\n").map(|(s, _)| s.rows), Ok(0));
}

#[test]
fn the_caller_can_stop_the_reading() {
    let mut seen = 0;
    let result = read_contacts(b"email\na@example.com\nb@example.com\n", |_| {
        seen += 1;
        Err("full")
    });
    assert!(matches!(result, Err(ReadError::Stop("full"))));
    assert_eq!(seen, 1);
}
