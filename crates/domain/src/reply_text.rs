//! The new part of a mail reply: what the person wrote, without the history their mail client
//! quoted under it or their signature. Handles the common clients: Gmail and Apple Mail ("On …
//! wrote:", wrapped over lines, then `>` lines), Outlook (a line of underscores and a "From: …
//! Sent: …" block, or "-----Original Message-----"), and signatures after "-- ".

/// Words that open an attribution line ("On …, … wrote:") in the languages clients write it in.
const ATTRIBUTION_OPENINGS: [&str; 5] = ["On ", "Le ", "Am ", "El ", "Il "];
/// Words an attribution line holds before it ends with a colon ("schrieb Name:" in German).
const ATTRIBUTION_VERBS: [&str; 5] = ["wrote", "écrit", "schrieb", "escribió", "scritto"];
/// Lines an attribution may be wrapped over.
const ATTRIBUTION_LINES: usize = 3;

/// The reply without quoted history and signature, trimmed; line endings become `\n`.
pub fn strip_reply(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let lines: Vec<&str> = text.split('\n').collect();
    let end = (0..lines.len())
        .find(|&at| starts_history(&lines, at))
        .unwrap_or(lines.len());
    lines[..end].join("\n").trim().to_owned()
}

/// Whether the history (or the signature) starts at line `at`.
fn starts_history(lines: &[&str], at: usize) -> bool {
    let line = lines[at];
    let trimmed = line.trim();
    line == "-- "
        || trimmed == "--"
        || trimmed.starts_with('>')
        || trimmed.starts_with("-----Original Message-----")
        || (trimmed.len() >= 10 && trimmed.chars().all(|c| c == '_'))
        || outlook_header(lines, at)
        || attribution(lines, at)
}

/// "From: …" followed within a few lines by "Sent:" or "Date:": Outlook's quoted header.
fn outlook_header(lines: &[&str], at: usize) -> bool {
    lines[at].trim_start().starts_with("From:")
        && lines[at + 1..].iter().take(3).any(|line| {
            let line = line.trim_start();
            line.starts_with("Sent:") || line.starts_with("Date:")
        })
}

/// "On <date>, <someone> wrote:", possibly wrapped over a few lines.
fn attribution(lines: &[&str], at: usize) -> bool {
    let first = lines[at].trim_start();
    if !ATTRIBUTION_OPENINGS
        .iter()
        .any(|opening| first.starts_with(opening))
    {
        return false;
    }
    let end = (at + ATTRIBUTION_LINES).min(lines.len());
    lines[at..end].iter().any(|line| {
        let line = line.trim_end();
        line.ends_with(':') && ATTRIBUTION_VERBS.iter().any(|verb| line.contains(verb))
    })
}

#[cfg(test)]
#[path = "reply_text_tests.rs"]
mod tests;
