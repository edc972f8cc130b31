//! What a team member is sent by e-mail, per team: the daily digest of data source matches, a
//! mail when a reminder assigned to them falls due, and the daily digest of their overdue
//! reminders. In-app notifications always come.

use rapport_domain::notifications::{NotificationSettings, UpdateNotificationSettings};
use rapport_domain::{TeamId, UserId};
use rapport_store::memberships::{self, MailSettingsChanges};
use rapport_store::DbConnection;

use crate::access::role_in;
use crate::error::{ApiError, ApiResult};

/// The member's settings in the team.
pub fn get(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
) -> ApiResult<NotificationSettings> {
    role_in(conn, team, actor)?;
    let settings = memberships::mail_settings(conn, team, actor)?
        .ok_or_else(|| ApiError::not_found("team"))?;
    Ok(NotificationSettings {
        match_digest: settings.match_digest,
        reminder_email: settings.reminder_email,
        overdue_digest: settings.overdue_digest,
    })
}

/// Changes the member's settings in the team: those given; the others keep their values.
pub fn set(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
    changes: UpdateNotificationSettings,
) -> ApiResult<NotificationSettings> {
    role_in(conn, team, actor)?;
    memberships::set_mail_settings(
        conn,
        team,
        actor,
        &MailSettingsChanges {
            match_digest: changes.match_digest,
            reminder_email: changes.reminder_email,
            overdue_digest: changes.overdue_digest,
        },
    )?;
    get(conn, actor, team)
}
