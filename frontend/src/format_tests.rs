//! Unit tests of `format`. They run natively (`cargo test`) and as wasm (`make test-web-unit`,
//! through wasm-bindgen-test).

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;

#[test]
fn initials_and_counts_read_well() {
    assert_eq!(initials("Mia Lens"), "ML");
    assert_eq!(initials("mia.lens"), "ML");
    assert_eq!(initials("@KaiRuns"), "K");
    assert_eq!(compact(950), "950");
    assert_eq!(compact(12_345), "12.3K");
    assert_eq!(compact(4_100_000), "4.1M");
}

#[test]
fn thresholds_read_with_their_thousands_apart() {
    assert_eq!(grouped(0), "0");
    assert_eq!(grouped(950), "950");
    assert_eq!(grouped(1_000), "1,000");
    assert_eq!(grouped(48_210), "48,210");
    assert_eq!(grouped(100_000_000), "100,000,000");
    assert_eq!(grouped(-1_234), "-1,234");
}
