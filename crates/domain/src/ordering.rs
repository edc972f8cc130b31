//! Order of columns and cards: fractional index keys (hex strings that compare bytewise), so a
//! move writes one row whatever the list's size: the new key sits between its neighbours' keys.

use fractional_index::FractionalIndex;

/// A key between two neighbours; `None` for a missing neighbour (start or end of the list).
/// Fails only when the neighbours are not in order (or not keys this module made).
pub fn key_between(before: Option<&str>, after: Option<&str>) -> Result<String, OrderError> {
    let parse = |key: &str| FractionalIndex::from_string(key).map_err(|_| OrderError::Corrupt);
    let before = before.map(parse).transpose()?;
    let after = after.map(parse).transpose()?;
    FractionalIndex::new(before.as_ref(), after.as_ref())
        .map(|key| key.to_string())
        .ok_or(OrderError::OutOfOrder)
}

/// `count` keys in order, after `last` (the current end of the list, if any).
pub fn keys_after(last: Option<&str>, count: usize) -> Result<Vec<String>, OrderError> {
    let mut keys = Vec::with_capacity(count);
    let mut previous = last.map(str::to_owned);
    for _ in 0..count {
        let key = key_between(previous.as_deref(), None)?;
        previous = Some(key.clone());
        keys.push(key);
    }
    Ok(keys)
}

/// Why no key could be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderError {
    /// The neighbours are equal or reversed.
    OutOfOrder,
    /// A stored key is not a fractional index.
    Corrupt,
}

#[cfg(test)]
mod tests {
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
}
