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

#[cfg(test)]
#[path = "templates_tests.rs"]
mod tests;
