//! Telling people what happened (in the network, in their conversations, on their reminders): a
//! notification for one user, or one for every member of a team (and the team's webhooks).

use chrono::NaiveDateTime;
use rapport_domain::notifications::NotificationKind;
use rapport_domain::webhooks::WebhookEvent;
use rapport_domain::{ConnectionInviteId, ConversationId, CreatorId, InfluencerId, TeamId, UserId};
use rapport_store::notifications::{self, NotificationRow};
use rapport_store::{memberships, new_id, webhooks, DbConnection};

use crate::error::ApiResult;

/// What happened, and to whom it relates.
pub struct Event<'a> {
    /// What about.
    pub kind: NotificationKind,
    /// One line saying it.
    pub text: &'a str,
    /// The team concerned.
    pub team: TeamId,
    /// The creator concerned, when one is.
    pub creator: Option<CreatorId>,
    /// The invitation concerned.
    pub invite: Option<ConnectionInviteId>,
    /// The conversation concerned.
    pub conversation: Option<ConversationId>,
    /// The team's influencer concerned (the notification opens their page).
    pub influencer: Option<InfluencerId>,
}

fn row(user: UserId, event: &Event<'_>, now: NaiveDateTime) -> NotificationRow {
    NotificationRow {
        id: new_id(),
        user_id: user,
        kind: event.kind,
        text: event.text.to_owned(),
        team_id: Some(event.team),
        creator_id: event.creator,
        invite_id: event.invite,
        created_at: now,
        read_at: None,
        conversation_id: event.conversation,
        influencer_id: event.influencer,
    }
}

/// Tells one user (a creator, a reminder's assignee).
pub fn user(
    conn: &mut DbConnection,
    user: UserId,
    event: &Event<'_>,
    now: NaiveDateTime,
) -> ApiResult<()> {
    notifications::insert(conn, &[row(user, event, now)])?;
    Ok(())
}

/// Tells every member of the event's team, and the team's webhook endpoints that receive it.
pub fn team(conn: &mut DbConnection, event: &Event<'_>, now: NaiveDateTime) -> ApiResult<()> {
    let members = memberships::user_ids(conn, event.team)?;
    let rows: Vec<NotificationRow> = members
        .into_iter()
        .map(|member| row(member, event, now))
        .collect();
    notifications::insert(conn, &rows)?;
    to_webhooks(conn, event, now)
}

/// Queues the event for the team's webhook endpoints that receive it (a connection accepted, a
/// message, a match, a reminder due), in the transaction of what it tells.
pub fn to_webhooks(
    conn: &mut DbConnection,
    event: &Event<'_>,
    now: NaiveDateTime,
) -> ApiResult<()> {
    let Some(kind) = WebhookEvent::of_notification(event.kind) else {
        return Ok(());
    };
    let data = serde_json::json!({
        "team_id": event.team,
        "text": event.text,
        "creator_id": event.creator,
        "influencer_id": event.influencer,
        "conversation_id": event.conversation,
        "invite_id": event.invite,
    });
    webhooks::emit(conn, event.team, kind, data, now)?;
    Ok(())
}
