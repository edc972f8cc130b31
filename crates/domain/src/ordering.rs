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
#[path = "ordering_tests.rs"]
mod tests;
