//! Unit tests of `chart`. They run natively (`cargo test`) and as wasm (`make test-web-unit`).

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

#[test]
fn a_series_spans_the_box_by_day_and_value() {
    let found = plot(
        &[
            (day("2026-11-03"), 150.0),
            (day("2026-11-01"), 100.0),
            (day("2026-11-05"), 200.0),
        ],
        400.0,
        100.0,
    )
    .unwrap();
    assert_eq!(found.first, day("2026-11-01"));
    assert_eq!(found.last, day("2026-11-05"));
    // 8 % of room: 92 to 208.
    assert!((found.low - 92.0).abs() < 1e-9 && (found.high - 208.0).abs() < 1e-9);
    // Sorted by day; x by day, y from the top.
    assert_eq!(found.dots[0].0, 0.0);
    assert_eq!(found.dots[1].0, 200.0);
    assert_eq!(found.dots[2].0, 400.0);
    assert!(found.dots[0].1 > found.dots[1].1 && found.dots[1].1 > found.dots[2].1);
    assert!(found.line.starts_with("M0 ") && found.line.matches(" L").count() == 2);
    assert!(found.area.ends_with(" L400 100 L0 100 Z"), "{}", found.area);
}

#[test]
fn one_reading_or_a_flat_series_sits_level() {
    let one = plot(&[(day("2026-11-01"), 5_000.0)], 300.0, 100.0).unwrap();
    assert_eq!(one.line, "M0 50 L300 50");
    let flat = plot(
        &[(day("2026-11-01"), 10.0), (day("2026-11-02"), 10.0)],
        300.0,
        100.0,
    )
    .unwrap();
    assert_eq!(flat.dots[0].1, 50.0);
    assert!(plot(&[], 300.0, 100.0).is_none());
    assert!(plot(&[(day("2026-11-01"), f64::NAN)], 300.0, 100.0).is_none());
}

#[test]
fn growth_reads_as_a_signed_percentage() {
    assert_eq!(
        change_percent(120_000.0, 128_000.0).as_deref(),
        Some("+6.7 %")
    );
    assert_eq!(change_percent(100.0, 98.0).as_deref(), Some("−2.0 %"));
    assert_eq!(change_percent(0.0, 5.0), None);
}
