//! Unit tests of `ordering`.

use super::*;

#[test]
fn keys_sort_between_their_neighbours() {
    let first = key_between(None, None).unwrap();
    let after = key_between(Some(&first), None).unwrap();
    let before = key_between(None, Some(&first)).unwrap();
    let middle = key_between(Some(&first), Some(&after)).unwrap();
    let mut keys = vec![after.clone(), middle.clone(), first.clone(), before.clone()];
    keys.sort();
    assert_eq!(keys, [before, first, middle, after]);
}

#[test]
fn repeated_inserts_at_one_spot_stay_ordered_and_short() {
    let low = key_between(None, None).unwrap();
    let mut high = key_between(Some(&low), None).unwrap();
    for _ in 0..200 {
        let next = key_between(Some(&low), Some(&high)).unwrap();
        assert!(low < next && next < high);
        high = next;
    }
    assert!(high.len() < 120, "{} characters", high.len());
}

#[test]
fn appended_keys_ascend() {
    let keys = keys_after(None, 1000).unwrap();
    assert!(keys.windows(2).all(|pair| pair[0] < pair[1]));
}

#[test]
fn bad_neighbours_are_refused() {
    let a = key_between(None, None).unwrap();
    assert_eq!(key_between(Some(&a), Some(&a)), Err(OrderError::OutOfOrder));
    assert_eq!(key_between(Some("zz"), None), Err(OrderError::Corrupt));
}
