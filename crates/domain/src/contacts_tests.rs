use super::*;

#[test]
fn addresses_are_trimmed_unwrapped_and_lower_cased() {
    let cases = [
        ("mia@example.com", "mia@example.com"),
        ("  Mia.Lens@Example.COM ", "mia.lens@example.com"),
        ("\u{a0}sam@example.org\u{a0}", "sam@example.org"),
        ("\u{feff}sam@example.org\t\r\n", "sam@example.org"),
        ("\"Mia Lens\" <mia@example.com>", "mia@example.com"),
        ("Mia Lens <Mia@Example.com>", "mia@example.com"),
        ("<noah@example.org>", "noah@example.org"),
        ("\"noah@example.org\"", "noah@example.org"),
        ("'leo@example.com'", "leo@example.com"),
        ("\u{201c}leo@example.com\u{201d}", "leo@example.com"),
        ("«leo@example.com»", "leo@example.com"),
        ("mailto:ava@example.net", "ava@example.net"),
        ("MAILTO:Ava@Example.net", "ava@example.net"),
        ("<mailto:ava@example.net>", "ava@example.net"),
        ("mailto:ava@example.net?subject=Hi", "ava@example.net"),
        ("jürgen@bücher.de", "jürgen@bücher.de"),
        ("ÉLODIE@EXAMPLE.FR", "élodie@example.fr"),
        ("o'brien@example.ie", "o'brien@example.ie"),
        ("kai-cooks_1@mail.example", "kai-cooks_1@mail.example"),
    ];
    for (raw, normal) in cases {
        assert_eq!(normalize_email(raw).as_deref(), Some(normal), "{raw:?}");
    }
}

#[test]
fn dots_and_tags_are_kept_apart() {
    // Only some providers ignore them: merging them would merge different people elsewhere.
    assert_eq!(
        normalize_email("zoe+news@example.com").as_deref(),
        Some("zoe+news@example.com")
    );
    assert_eq!(
        normalize_email("z.o.e@example.com").as_deref(),
        Some("z.o.e@example.com")
    );
    assert_ne!(
        normalize_email("zoe+news@example.com"),
        normalize_email("zoe@example.com")
    );
}

#[test]
fn what_is_not_an_address_is_refused() {
    let long_local = format!("{}@example.com", "a".repeat(EMAIL_LOCAL_MAX + 1));
    let long_label = format!("mia@{}.com", "a".repeat(64));
    let long_total = format!("mia@{}.com", vec!["a".repeat(60); 5].join("."));
    let cases = [
        "",
        "   ",
        "\u{a0}",
        "not-an-email",
        "mia@",
        "@example.com",
        "mia@example",
        "mia@example.",
        "mia@.example.com",
        "mia@@example.com",
        "mia@x@example.com",
        "mia lens@example.com",
        "mia@exa mple.com",
        "mia@-example.com",
        "mia@example-.com",
        "mia@exa_mple.com",
        "mia@example.123",
        "mia@example.c",
        ".mia@example.com",
        "mia.@example.com",
        "mi..a@example.com",
        "mia@example..com",
        "mia,leo@example.com",
        "mia@example.com, leo@example.com",
        "mia\u{0}@example.com",
        "mailto:",
        long_local.as_str(),
        long_label.as_str(),
        long_total.as_str(),
    ];
    for raw in cases {
        assert_eq!(normalize_email(raw), None, "{raw:?}");
    }
}

#[test]
fn the_limits_are_inclusive() {
    let local = format!("{}@example.com", "a".repeat(EMAIL_LOCAL_MAX));
    assert_eq!(normalize_email(&local).as_deref(), Some(local.as_str()));
    // 4 labels of 61 and "com": 4 * 62 + 3 = 251, with "mi@" 254 bytes.
    let total = format!("mi@{}.com", vec!["a".repeat(61); 4].join("."));
    assert_eq!(total.len(), EMAIL_MAX);
    assert_eq!(normalize_email(&total).as_deref(), Some(total.as_str()));
}
