//! The texts of the mails Rapport sends.

use chrono::{DateTime, Utc};
use rapport_domain::teams::Role;

/// A mail's subject and plain-text body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailText {
    /// Subject line.
    pub subject: String,
    /// Body.
    pub text: String,
}

/// What an invitation mail says.
pub struct InviteMail<'a> {
    /// Who invites.
    pub inviter: &'a str,
    /// To which team.
    pub team: &'a str,
    /// With which role.
    pub role: Role,
    /// The invitee's address.
    pub email: &'a str,
    /// The link's secret.
    pub token: &'a str,
    /// Where Rapport is reached.
    pub public_url: &'a str,
    /// When the link stops working.
    pub expires_at: DateTime<Utc>,
}

/// The invitation mail. It carries the link for the web app and the API call that does the same.
pub fn invite(mail: &InviteMail<'_>) -> MailText {
    let InviteMail {
        inviter,
        team,
        role,
        email,
        token,
        public_url,
        expires_at,
    } = mail;
    let role = role.as_str();
    let expires = expires_at.format("%Y-%m-%d %H:%M UTC");
    MailText {
        subject: format!("{inviter} invited you to {team} on Rapport"),
        text: format!(
            "Hello,\n\n\
             {inviter} invited you to join the team \"{team}\" on Rapport as {role}.\n\n\
             Accept the invitation:\n{public_url}/invites/{token}\n\n\
             The link works once and expires on {expires}. Sign in (or sign up) with this \
             address, {email}, to accept it.\n\n\
             Using the API instead: POST {public_url}/api/v1/invites/{token}/accept \
             with your access token.\n\n\
             If you did not expect this invitation, you can ignore this mail.\n"
        ),
    }
}

/// What a connection invitation mail says.
pub struct ConnectionInviteMail<'a> {
    /// The team inviting.
    pub team: &'a str,
    /// Who in the team sent it.
    pub inviter: &'a str,
    /// The creator's name.
    pub creator: &'a str,
    /// Their message, if any.
    pub message: Option<&'a str>,
    /// The accept link's secret.
    pub accept_token: &'a str,
    /// The decline link's secret.
    pub decline_token: &'a str,
    /// Where Rapport is reached.
    pub public_url: &'a str,
    /// When the invitation expires.
    pub expires_at: DateTime<Utc>,
}

/// The mail telling a creator a team wants to connect: one link to accept, one to decline. Each
/// opens a page that asks to confirm (mail scanners follow links; a visit decides nothing).
pub fn connection_invite(mail: &ConnectionInviteMail<'_>) -> MailText {
    let ConnectionInviteMail {
        team,
        inviter,
        creator,
        message,
        accept_token,
        decline_token,
        public_url,
        expires_at,
    } = mail;
    let expires = expires_at.format("%Y-%m-%d");
    let message = message
        .map(|text| {
            let quoted: Vec<String> = text.lines().map(|line| format!("> {line}")).collect();
            format!("{inviter} wrote:\n{}\n\n", quoted.join("\n"))
        })
        .unwrap_or_default();
    MailText {
        subject: format!("{team} wants to connect with you on Rapport"),
        text: format!(
            "Hello {creator},\n\n\
             {inviter} of {team} invited you to connect on Rapport.\n\n\
             {message}\
             Accept (you will be asked to confirm; no sign-in needed):\n\
             {public_url}/connect/{accept_token}\n\n\
             Decline:\n{public_url}/connect/{decline_token}\n\n\
             Each link works once; the invitation expires on {expires}. You can also answer \
             in the app, under Invites.\n"
        ),
    }
}

#[cfg(test)]
#[path = "templates_tests.rs"]
mod tests;

/// One line of a digest: who, and where from in the source's words.
pub struct DigestLine<'a> {
    /// Their name.
    pub name: &'a str,
    /// The source's name.
    pub source: &'a str,
    /// The source's words ("Mailchimp subscriber since 2025-03-02").
    pub detail: &'a str,
}

/// Lines a digest lists, at most (the rest are counted).
pub const DIGEST_LINES: usize = 20;

/// The daily digest of the creators a team's data sources turned up.
pub fn match_digest(team: &str, lines: &[DigestLine<'_>], public_url: &str) -> MailText {
    let count = lines.len();
    let subject = match count {
        1 => format!("1 creator found in {team}'s data sources"),
        n => format!("{n} creators found in {team}'s data sources"),
    };
    let mut text = format!("Hello,\n\nSince the last digest, {team}'s data sources turned up:\n\n");
    for line in lines.iter().take(DIGEST_LINES) {
        text.push_str(&format!(
            "- {} ({}: {})\n",
            line.name, line.source, line.detail
        ));
    }
    if count > DIGEST_LINES {
        text.push_str(&format!("- and {} more\n", count - DIGEST_LINES));
    }
    text.push_str(&format!(
        "\nSee them, add them to a board or invite them to connect:\n{public_url}/sources?tab=influencers\n\n\
         You get this mail at most once a day. Turn it off on the Data sources page \
         (\"E-mail me a daily digest\").\n"
    ));
    MailText { subject, text }
}

/// What the mail of a due reminder says.
pub struct ReminderMail<'a> {
    /// The assignee's name.
    pub assignee: &'a str,
    /// The team.
    pub team: &'a str,
    /// The influencer's name.
    pub influencer: &'a str,
    /// The influencer's id (the link).
    pub influencer_id: &'a str,
    /// What to do.
    pub text: &'a str,
    /// When.
    pub due_at: DateTime<Utc>,
    /// Where Rapport is reached.
    pub public_url: &'a str,
}

/// The mail telling an assignee their reminder fell due, with a link to the influencer's page.
pub fn reminder_due(mail: &ReminderMail<'_>) -> MailText {
    let ReminderMail {
        assignee,
        team,
        influencer,
        influencer_id,
        text,
        due_at,
        public_url,
    } = mail;
    let line = rapport_domain::reminders::reminder_line(text);
    let due = due_at.format("%Y-%m-%d %H:%M UTC");
    let quoted: Vec<String> = text.lines().map(|line| format!("> {line}")).collect();
    MailText {
        subject: format!("Reminder: {line} — {influencer}"),
        text: format!(
            "Hello {assignee},\n\n\
             A reminder assigned to you in {team} is due ({due}), about {influencer}:\n\n\
             {}\n\n\
             Open {influencer}'s page:\n{public_url}/influencers/{influencer_id}\n\n\
             Mark it done there, or under My reminders. You get this mail when a reminder \
             assigned to you falls due; turn it off on the notifications page (\"E-mail me \
             when a reminder assigned to me falls due\").\n",
            quoted.join("\n")
        ),
    }
}

/// One line of the overdue digest: a reminder.
pub struct OverdueLine<'a> {
    /// The influencer's name.
    pub influencer: &'a str,
    /// The influencer's id (the link).
    pub influencer_id: &'a str,
    /// What to do.
    pub text: &'a str,
    /// When it was due.
    pub due_at: DateTime<Utc>,
}

/// The daily digest of a member's overdue reminders in one team, oldest first.
pub fn overdue_digest(team: &str, lines: &[OverdueLine<'_>], public_url: &str) -> MailText {
    let count = lines.len();
    let subject = match count {
        1 => format!("1 overdue reminder in {team}"),
        n => format!("{n} overdue reminders in {team}"),
    };
    let mut text = format!("Hello,\n\nThese reminders assigned to you in {team} are overdue:\n\n");
    for line in lines.iter().take(DIGEST_LINES) {
        text.push_str(&format!(
            "- {} · {}: {}\n  {public_url}/influencers/{}\n",
            line.due_at.format("%Y-%m-%d %H:%M UTC"),
            line.influencer,
            rapport_domain::reminders::reminder_line(line.text),
            line.influencer_id,
        ));
    }
    if count > DIGEST_LINES {
        text.push_str(&format!("- and {} more\n", count - DIGEST_LINES));
    }
    text.push_str(&format!(
        "\nAll your reminders:\n{public_url}/reminders\n\n\
         You get this mail at most once a day, when reminders of yours are overdue. Turn it off \
         on the notifications page (\"E-mail me a daily digest of my overdue reminders\").\n"
    ));
    MailText { subject, text }
}
