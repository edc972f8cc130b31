#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;

#[test]
fn addresses_are_trimmed_unwrapped_and_lower_cased() {
    let cases = [
        ("mia@example.com", "mia@example.com"),
        ("  Mia.Lens@Example.COM ", "mia.lens@example.com"),
        ("\u{a0}sam@example.org\u{a0}", "sam@example.org"),
        ("\"Mia Lens\" <mia@example.com>", "mia@example.com"),
        ("<noah@example.org>", "noah@example.org"),
        ("mailto:ava@example.net", "ava@example.net"),
        ("MAILTO:Ava@Example.net", "ava@example.net"),
        ("'leo@example.com'", "leo@example.com"),
        ("zoe+news@example.com", "zoe+news@example.com"),
        ("jürgen@bücher.de", "jürgen@bücher.de"),
    ];
    for (raw, normal) in cases {
        assert_eq!(normalize_email(raw).as_deref(), Some(normal), "{raw:?}");
    }
}

#[test]
fn what_is_not_an_address_is_refused() {
    let long_local = format!("{}@example.com", "a".repeat(65));
    let cases = [
        "",
        "   ",
        "not-an-email",
        "mia@",
        "@example.com",
        "mia@example",
        "mia@@example.com",
        "mia lens@example.com",
        "mia@exa mple.com",
        "mia@-example.com",
        "mia@example.123",
        ".mia@example.com",
        "mi..a@example.com",
        "mia@example..com",
        long_local.as_str(),
        "mia\u{0}@example.com",
    ];
    for raw in cases {
        assert_eq!(normalize_email(raw), None, "{raw:?}");
    }
}
