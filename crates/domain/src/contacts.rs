//! Contacts of data sources: how an e-mail address is normalised before contacts, creators and
//! influencers are hashed and compared.

/// Bytes of an address, at most (RFC 5321's path limit less the angle brackets).
pub const EMAIL_MAX: usize = 254;
/// Bytes of an address's local part (before the `@`), at most.
pub const EMAIL_LOCAL_MAX: usize = 64;
/// Bytes of one label of a domain, at most.
const LABEL_MAX: usize = 63;

/// The address as contacts and creators are compared, or `None` when it is not an address.
///
/// What people paste around an address is dropped: surrounding spaces (non-breaking ones and a
/// byte order mark too), quotes (typographic ones too), a display name with angle brackets
/// (`"Mia" <mia@x.com>` gives `mia@x.com`) and a `mailto:` (with any `?subject=…` after the
/// address).
///
/// The whole address is lower-cased, the local part too: RFC 5321 lets a server tell `Mia` from
/// `mia`, but mail providers treat addresses case-insensitively in practice, so `Mia@X.com` and
/// `mia@x.com` are one person. Dots and `+tags` in the local part are kept on purpose: only some
/// providers (Gmail) ignore them, and dropping them everywhere would merge different people.
///
/// The shape check is pragmatic rather than RFC 5322's full grammar: exactly one `@`; a local part
/// of 1 to 64 bytes without spaces, controls or the characters that only quoted local parts allow,
/// not starting or ending with a dot nor holding two in a row; a domain of at least two
/// dot-separated labels of letters (any script), digits and hyphens, no label starting or ending
/// with a hyphen, the last of at least two characters and not all digits; 254 bytes in all.
pub fn normalize_email(raw: &str) -> Option<String> {
    let mut text = raw.trim_matches(is_padding);
    if let (Some(open), Some(close)) = (text.rfind('<'), text.rfind('>')) {
        if open < close {
            text = &text[open + 1..close];
        }
    }
    let mut text = text.trim_matches(|c: char| {
        is_padding(c)
            || matches!(
                c,
                '"' | '\'' | '<' | '>' | '“' | '”' | '‘' | '’' | '«' | '»'
            )
    });
    if let Some(prefix) = text.get(..7) {
        if prefix.eq_ignore_ascii_case("mailto:") {
            let address = &text[7..];
            text = address
                .split('?')
                .next()
                .unwrap_or(address)
                .trim_matches(is_padding);
        }
    }
    let address = text.to_lowercase();
    is_address(&address).then_some(address)
}

/// Whether `c` is space around an address: white space of any kind, or a byte order mark.
fn is_padding(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// The shape check of [`normalize_email`], on a lower-cased address.
fn is_address(address: &str) -> bool {
    if address.len() > EMAIL_MAX {
        return false;
    }
    let Some((local, domain)) = address.split_once('@') else {
        return false;
    };
    is_local_part(local) && is_domain(domain)
}

/// A local part: 1 to 64 bytes, no dot first, last or twice in a row, nothing a quoted local part
/// would need (spaces, controls, `@ < > ( ) , ; : \ " [ ]`).
fn is_local_part(local: &str) -> bool {
    !local.is_empty()
        && local.len() <= EMAIL_LOCAL_MAX
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
        })
}

/// A domain: two labels or more of letters, digits and hyphens (no hyphen first or last), the last
/// of two characters or more and not all digits.
fn is_domain(domain: &str) -> bool {
    let mut labels = 0;
    let mut last = "";
    for label in domain.split('.') {
        let ok = !label.is_empty()
            && label.len() <= LABEL_MAX
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-');
        if !ok {
            return false;
        }
        labels += 1;
        last = label;
    }
    labels >= 2 && last.chars().count() >= 2 && !last.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
#[path = "contacts_tests.rs"]
mod tests;
