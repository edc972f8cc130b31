//! Contacts of data sources: how an e-mail address is normalised before it is hashed and
//! compared.

/// The address as contacts and creators are compared, or `None` when it is not an address:
/// surrounding spaces (non-breaking ones too), quotes, angle brackets (`"Mia" <mia@x.com>`) and a
/// `mailto:` are dropped, and the whole address is lower-cased. Mail providers treat addresses
/// case-insensitively in practice, so `Mia@X.com` and `mia@x.com` are one person. Dots and
/// `+tags` in the local part are kept: only some providers ignore them, and dropping them would
/// merge different people elsewhere.
pub fn normalize_email(raw: &str) -> Option<String> {
    let mut text = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if let (Some(open), Some(close)) = (text.rfind('<'), text.rfind('>')) {
        if open < close {
            text = &text[open + 1..close];
        }
    }
    let text =
        text.trim_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>'));
    let text = text
        .get(..7)
        .filter(|prefix| prefix.eq_ignore_ascii_case("mailto:"))
        .map_or(text, |_| &text[7..]);
    let address = text.to_lowercase();
    is_address(&address).then_some(address)
}

/// A pragmatic shape check: one `@`; a local part of 1 to 64 visible characters; a domain of
/// dot-separated labels of letters, digits and hyphens (any script); at most 254 in all.
fn is_address(address: &str) -> bool {
    if address.len() > 254 {
        return false;
    }
    let Some((local, domain)) = address.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.chars().all(|c| {
            !c.is_whitespace()
                && !c.is_control()
                && !matches!(
                    c,
                    '@' | '<' | '>' | '(' | ')' | ',' | ';' | ':' | '\\' | '"' | '[' | ']'
                )
        });
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels.last().is_some_and(|tld| {
            tld.chars().count() >= 2 && !tld.chars().all(|c| c.is_ascii_digit())
        });
    local_ok && domain_ok
}

#[cfg(test)]
#[path = "contacts_tests.rs"]
mod tests;
