//! Webhooks: a team's endpoints, and each event's delivery to each endpoint, queued in the
//! transaction of the change it tells (an outbox: no change without its deliveries, none
//! without the change).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rapport_domain::activity::ActivityKind;
use rapport_domain::webhooks::{DeliveryStatus, WebhookEvent};
use rapport_domain::{BoardId, CardId, InfluencerId, TeamId, UserId, WebhookDeliveryId, WebhookId};

use crate::jobs::{self, kinds, JobRow};
use crate::schema::{boards, cards, influencers, webhook_deliveries, webhook_endpoints};
use crate::time::utc;
use crate::{new_id, DbConnection};

/// A stored endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = webhook_endpoints)]
pub struct EndpointRow {
    /// UUIDv7.
    pub id: WebhookId,
    /// Its team.
    pub team_id: TeamId,
    /// Where events go.
    pub url: String,
    /// The events, comma-separated.
    pub events: String,
    /// The signing secret (`whsec_…`), sealed.
    pub secret: String,
    /// The data key that sealed it.
    pub secret_key_id: String,
    /// Who registered it.
    pub created_by: Option<UserId>,
    /// Registered.
    pub created_at: NaiveDateTime,
    /// Since when its deliveries fail.
    pub failing_since: Option<NaiveDateTime>,
    /// Disabled (after failing for days).
    pub disabled_at: Option<NaiveDateTime>,
}

/// A stored delivery.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = webhook_deliveries)]
pub struct DeliveryRow {
    /// UUIDv7 (the `webhook-id`).
    pub id: WebhookDeliveryId,
    /// The endpoint.
    pub endpoint_id: WebhookId,
    /// The event's spelling.
    pub event: String,
    /// The JSON body sent.
    pub payload: String,
    /// `pending`, `delivered`, `failed`.
    pub status: String,
    /// Tries so far.
    pub attempts: i32,
    /// The last answer's status.
    pub response_status: Option<i32>,
    /// What went wrong last.
    pub last_error: Option<String>,
    /// When the event happened.
    pub created_at: NaiveDateTime,
    /// When it was delivered.
    pub delivered_at: Option<NaiveDateTime>,
}

/// Stores an endpoint.
pub fn insert_endpoint(conn: &mut DbConnection, row: &EndpointRow) -> QueryResult<()> {
    diesel::insert_into(webhook_endpoints::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// The team's endpoints, newest first.
pub fn endpoints_of(conn: &mut DbConnection, team: TeamId) -> QueryResult<Vec<EndpointRow>> {
    webhook_endpoints::table
        .filter(webhook_endpoints::team_id.eq(team))
        .order(webhook_endpoints::id.desc())
        .select(EndpointRow::as_select())
        .load(conn)
}

/// An endpoint.
pub fn find_endpoint(conn: &mut DbConnection, id: WebhookId) -> QueryResult<Option<EndpointRow>> {
    webhook_endpoints::table
        .find(id)
        .select(EndpointRow::as_select())
        .first(conn)
        .optional()
}

/// Deletes one of the team's endpoints (and its deliveries); whether there was one.
pub fn delete_endpoint(conn: &mut DbConnection, team: TeamId, id: WebhookId) -> QueryResult<bool> {
    diesel::delete(
        webhook_endpoints::table
            .filter(webhook_endpoints::id.eq(id))
            .filter(webhook_endpoints::team_id.eq(team)),
    )
    .execute(conn)
    .map(|deleted| deleted == 1)
}

/// Queues `event` with `payload` for one endpoint: its delivery row and its job.
pub fn queue_delivery(
    conn: &mut DbConnection,
    endpoint: WebhookId,
    event: WebhookEvent,
    payload: &str,
    now: NaiveDateTime,
) -> QueryResult<WebhookDeliveryId> {
    let row = DeliveryRow {
        id: new_id(),
        endpoint_id: endpoint,
        event: event.as_str().to_owned(),
        payload: payload.to_owned(),
        status: DeliveryStatus::Pending.as_str().to_owned(),
        attempts: 0,
        response_status: None,
        last_error: None,
        created_at: now,
        delivered_at: None,
    };
    diesel::insert_into(webhook_deliveries::table)
        .values(&row)
        .execute(conn)?;
    jobs::enqueue(
        conn,
        &JobRow::new(kinds::WEBHOOK_DELIVERY, &row.id.to_string(), now, now),
    )?;
    Ok(row.id)
}

/// The team's live endpoints that receive `event`.
fn receivers(
    conn: &mut DbConnection,
    team: TeamId,
    event: WebhookEvent,
) -> QueryResult<Vec<WebhookId>> {
    let rows: Vec<(WebhookId, String)> = webhook_endpoints::table
        .filter(webhook_endpoints::team_id.eq(team))
        .filter(webhook_endpoints::disabled_at.is_null())
        .select((webhook_endpoints::id, webhook_endpoints::events))
        .load(conn)?;
    Ok(receiving(rows, event))
}

fn receiving(rows: Vec<(WebhookId, String)>, event: WebhookEvent) -> Vec<WebhookId> {
    rows.into_iter()
        .filter(|(_, events)| WebhookEvent::split(events).contains(&event))
        .map(|(id, _)| id)
        .collect()
}

/// The live endpoints that receive `event` of the team an influencer or a board is in, with
/// that team: one query (on every change to an influencer or a card, and most teams have no
/// endpoint).
fn receivers_of(
    conn: &mut DbConnection,
    influencer: Option<InfluencerId>,
    board: Option<BoardId>,
    event: WebhookEvent,
) -> QueryResult<Option<(TeamId, Vec<WebhookId>)>> {
    let live = webhook_endpoints::table.filter(webhook_endpoints::disabled_at.is_null());
    let columns = (
        webhook_endpoints::team_id,
        webhook_endpoints::id,
        webhook_endpoints::events,
    );
    let rows: Vec<(TeamId, WebhookId, String)> = match (influencer, board) {
        (Some(influencer), _) => live
            .filter(
                webhook_endpoints::team_id.eq_any(
                    influencers::table
                        .filter(influencers::id.eq(influencer))
                        .select(influencers::team_id),
                ),
            )
            .select(columns)
            .load(conn)?,
        (None, Some(board)) => live
            .filter(
                webhook_endpoints::team_id.eq_any(
                    boards::table
                        .filter(boards::id.eq(board))
                        .select(boards::team_id),
                ),
            )
            .select(columns)
            .load(conn)?,
        (None, None) => Vec::new(),
    };
    let Some(team) = rows.first().map(|(team, _, _)| *team) else {
        return Ok(None);
    };
    let endpoints = receiving(
        rows.into_iter()
            .map(|(_, id, events)| (id, events))
            .collect(),
        event,
    );
    Ok((!endpoints.is_empty()).then_some((team, endpoints)))
}

/// Queues the deliveries of an activity's change to the team's endpoints that receive it
/// (called by the activity's record, in the change's transaction).
pub fn on_activity(
    conn: &mut DbConnection,
    influencer: Option<InfluencerId>,
    board: Option<BoardId>,
    actor: UserId,
    (kind, data): (ActivityKind, &serde_json::Value),
    now: NaiveDateTime,
) -> QueryResult<()> {
    let Some(event) = WebhookEvent::of_activity(kind) else {
        return Ok(());
    };
    let Some((team, endpoints)) = receivers_of(conn, influencer, board, event)? else {
        return Ok(());
    };
    // The card a card event is about (gone when it was removed: then `null`).
    let card: Option<CardId> = match (influencer, board) {
        (Some(influencer), Some(board)) => cards::table
            .filter(cards::board_id.eq(board))
            .filter(cards::influencer_id.eq(influencer))
            .select(cards::id)
            .first(conn)
            .optional()?,
        _ => None,
    };
    let mut data = serde_json::json!({
        "team_id": team,
        "influencer_id": influencer,
        "board_id": board,
        "actor_id": actor,
        "change": data,
    });
    if board.is_some() {
        data["card_id"] = serde_json::json!(card);
    }
    queue(conn, &endpoints, event, data, now)
}

/// Queues `event` with `data` to the team's live endpoints that receive it (in the transaction
/// of what it tells).
pub fn emit(
    conn: &mut DbConnection,
    team: TeamId,
    event: WebhookEvent,
    data: serde_json::Value,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let endpoints = receivers(conn, team, event)?;
    queue(conn, &endpoints, event, data, now)
}

fn queue(
    conn: &mut DbConnection,
    endpoints: &[WebhookId],
    event: WebhookEvent,
    data: serde_json::Value,
    now: NaiveDateTime,
) -> QueryResult<()> {
    if endpoints.is_empty() {
        return Ok(());
    }
    let payload = serde_json::json!({
        "type": event.as_str(),
        "timestamp": utc(now),
        "data": data,
    })
    .to_string();
    for endpoint in endpoints {
        queue_delivery(conn, *endpoint, event, &payload, now)?;
    }
    Ok(())
}

/// A delivery with its endpoint.
pub fn find_delivery(
    conn: &mut DbConnection,
    id: WebhookDeliveryId,
) -> QueryResult<Option<(DeliveryRow, EndpointRow)>> {
    webhook_deliveries::table
        .inner_join(webhook_endpoints::table)
        .filter(webhook_deliveries::id.eq(id))
        .select((DeliveryRow::as_select(), EndpointRow::as_select()))
        .first(conn)
        .optional()
}

/// Records a try: its answer's status or what went wrong, and where the delivery stands. A
/// delivered try ends the endpoint's failing; a failed one starts it (if it was not already).
pub fn record_try(
    conn: &mut DbConnection,
    delivery: &DeliveryRow,
    status: DeliveryStatus,
    response_status: Option<i32>,
    error: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(webhook_deliveries::table.find(delivery.id))
        .set((
            webhook_deliveries::status.eq(status.as_str()),
            webhook_deliveries::attempts.eq(delivery.attempts + 1),
            webhook_deliveries::response_status.eq(response_status),
            webhook_deliveries::last_error.eq(error),
            webhook_deliveries::delivered_at
                .eq((status == DeliveryStatus::Delivered).then_some(now)),
        ))
        .execute(conn)?;
    let endpoint = webhook_endpoints::table.find(delivery.endpoint_id);
    if status == DeliveryStatus::Delivered {
        diesel::update(endpoint)
            .set(webhook_endpoints::failing_since.eq(None::<NaiveDateTime>))
            .execute(conn)?;
    } else {
        diesel::update(endpoint.filter(webhook_endpoints::failing_since.is_null()))
            .set(webhook_endpoints::failing_since.eq(now))
            .execute(conn)?;
    }
    Ok(())
}

/// Disables an endpoint at `now`; whether it was live.
pub fn disable(conn: &mut DbConnection, id: WebhookId, now: NaiveDateTime) -> QueryResult<bool> {
    diesel::update(
        webhook_endpoints::table
            .filter(webhook_endpoints::id.eq(id))
            .filter(webhook_endpoints::disabled_at.is_null()),
    )
    .set(webhook_endpoints::disabled_at.eq(now))
    .execute(conn)
    .map(|changed| changed == 1)
}

/// An endpoint's newest deliveries.
pub fn deliveries_of(
    conn: &mut DbConnection,
    endpoint: WebhookId,
    limit: i64,
) -> QueryResult<Vec<DeliveryRow>> {
    webhook_deliveries::table
        .filter(webhook_deliveries::endpoint_id.eq(endpoint))
        .order(webhook_deliveries::id.desc())
        .limit(limit)
        .select(DeliveryRow::as_select())
        .load(conn)
}
