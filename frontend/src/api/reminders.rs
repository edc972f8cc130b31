//! Reminders: `/influencers/{influencer_id}/reminders`, `/reminders/{reminder_id}` and
//! `/teams/{team_id}/reminders`.

use gloo_net::http::Method;
use rapport_domain::page::{Page, TimePageQuery};
use rapport_domain::reminders::{
    CreateReminder, Reminder, ReminderStatus, TeamRemindersQuery, UpdateReminder,
};
use rapport_domain::{InfluencerId, ReminderId, TeamId};

use super::{get, query, send_json, ApiError};

/// `GET /influencers/{influencer_id}/reminders`: by due time.
pub async fn list_reminders(
    influencer: InfluencerId,
    page: &TimePageQuery,
) -> Result<Page<Reminder>, ApiError> {
    let query = query(&[
        ("limit", page.limit.map(|l| l.to_string())),
        ("cursor", page.cursor.clone()),
    ]);
    get(&format!("/influencers/{influencer}/reminders{query}")).await
}

/// `POST /influencers/{influencer_id}/reminders`.
pub async fn create_reminder(
    influencer: InfluencerId,
    request: &CreateReminder,
) -> Result<Reminder, ApiError> {
    send_json(
        Method::POST,
        &format!("/influencers/{influencer}/reminders"),
        request,
    )
    .await
}

/// `PATCH /reminders/{reminder_id}`: marks done (or open), or changes it.
pub async fn update_reminder(
    reminder: ReminderId,
    request: &UpdateReminder,
) -> Result<Reminder, ApiError> {
    send_json(Method::PATCH, &format!("/reminders/{reminder}"), request).await
}

/// `GET /teams/{team_id}/reminders`: the team's reminders (`mine`: yours), by due time.
pub async fn list_team_reminders(
    team: TeamId,
    filter: &TeamRemindersQuery,
) -> Result<Page<Reminder>, ApiError> {
    let status = filter.status.map(|s| {
        match s {
            ReminderStatus::Open => "open",
            ReminderStatus::Done => "done",
            ReminderStatus::All => "all",
        }
        .to_owned()
    });
    let query = query(&[
        ("mine", filter.mine.map(|m| m.to_string())),
        ("status", status),
        ("limit", filter.limit.map(|l| l.to_string())),
        ("cursor", filter.cursor.clone()),
    ]);
    get(&format!("/teams/{team}/reminders{query}")).await
}
