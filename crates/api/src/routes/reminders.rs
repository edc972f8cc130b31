//! Reminders: `/api/v1/influencers/{influencer_id}/reminders`, `/api/v1/reminders/{reminder_id}`,
//! and the team's list by due time, `/api/v1/teams/{team_id}/reminders`.

use actix_web::web::{Data, Json, Path, Query};
use actix_web::{delete, get, patch, post, HttpResponse};
use chrono::{NaiveDateTime, SubsecRound};
use rapport_domain::notes::{
    CreateReminder, DuePageQuery, Reminder, ReminderStatus, TeamRemindersQuery, UpdateReminder,
};
use rapport_domain::page::{Page, PageQuery};
use rapport_domain::{InfluencerId, ReminderId, TeamId, UserId, Validate};
use rapport_store::reminders::{self, ReminderChanges, ReminderFilter, ReminderRow};
use rapport_store::time::utc;
use rapport_store::{memberships, new_id, time, DbConnection};
use serde_json::json;

use crate::auth::AuthUser;
use crate::body::Body;
use crate::crm::activity;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::openapi::{
    BadRequest, NotFound, PayloadTooLarge, Unauthorized, Unprocessable, UnsupportedMediaType,
};
use crate::routes::access::{influencer_for, parse_stored, role_in, PageRequest};
use crate::state::AppState;

fn to_api((row, influencer_name): (ReminderRow, String)) -> ApiResult<Reminder> {
    Ok(Reminder {
        id: parse_stored(&row.id)?,
        influencer_id: parse_stored(&row.influencer_id)?,
        influencer_name,
        text: row.text,
        due_at: utc(row.due_at),
        assignee_id: parse_stored(&row.assignee_id)?,
        created_by: parse_stored(&row.created_by)?,
        done_at: row.done_at.map(utc),
        created_at: utc(row.created_at),
        updated_at: utc(row.updated_at),
    })
}

/// The assignee must be a member of the team (otherwise 404, like an unknown user).
fn check_assignee(conn: &mut DbConnection, team: TeamId, assignee: UserId) -> ApiResult<()> {
    memberships::role_of(conn, team, assignee)?
        .map(drop)
        .ok_or_else(|| ApiError::not_found("assignee (a member of this team)"))
}

fn stored_time(at: chrono::DateTime<chrono::Utc>) -> NaiveDateTime {
    at.naive_utc().trunc_subsecs(6)
}

/// The cursor of a due-ordered list: due time (microseconds since 1970) and id.
fn cursor_of(row: &ReminderRow) -> String {
    format!("{}_{}", row.due_at.and_utc().timestamp_micros(), row.id)
}

fn parse_cursor(cursor: &str) -> ApiResult<(NaiveDateTime, String)> {
    cursor
        .split_once('_')
        .and_then(|(due, id)| {
            let micros = due.parse::<i64>().ok()?;
            let due = chrono::DateTime::from_timestamp_micros(micros)?.naive_utc();
            Some((due, id.to_owned()))
        })
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::InvalidParameter,
                "cursor is not one this API returned",
            )
        })
}

/// The influencer's reminders (open and done) by due time.
#[utoipa::path(
    tag = "reminders",
    security(("bearer" = [])),
    params(("influencer_id" = InfluencerId, Path, description = "The influencer's id."), DuePageQuery),
    responses((status = 200, description = "A page of reminders.", body = Page<Reminder>), BadRequest, Unauthorized, NotFound)
)]
#[get("/influencers/{influencer_id}/reminders")]
pub async fn list_reminders(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<InfluencerId>,
    query: Query<DuePageQuery>,
) -> ApiResult<Json<Page<Reminder>>> {
    let influencer = path.into_inner();
    let query = query.into_inner();
    let paging = PageRequest::from_query(&PageQuery {
        limit: query.limit,
        cursor: query.cursor,
    })?;
    let after = paging.cursor.as_deref().map(parse_cursor).transpose()?;
    let page = state
        .db
        .run(move |conn| {
            let (row, team, _) = influencer_for(conn, influencer, auth.0)?;
            let team = team.to_string();
            let rows = reminders::list(
                conn,
                &ReminderFilter {
                    team_id: &team,
                    influencer_id: Some(&row.id),
                    assignee_id: None,
                    done: None,
                    after,
                    limit: paging.fetch(),
                },
            )?;
            paged(&paging, rows)
        })
        .await?;
    Ok(Json(page))
}

fn paged(paging: &PageRequest, rows: Vec<(ReminderRow, String)>) -> ApiResult<Page<Reminder>> {
    let keyed = rows
        .into_iter()
        .map(|row| Ok((cursor_of(&row.0), to_api(row)?)))
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(paging.page(keyed))
}

/// Set a reminder on an influencer, for yourself or a teammate.
#[utoipa::path(
    tag = "reminders",
    security(("bearer" = [])),
    params(("influencer_id" = InfluencerId, Path, description = "The influencer's id.")),
    request_body = CreateReminder,
    responses(
        (status = 201, description = "Set.", body = Reminder),
        BadRequest, Unauthorized, NotFound, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[post("/influencers/{influencer_id}/reminders")]
pub async fn create_reminder(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<InfluencerId>,
    body: Body<CreateReminder>,
) -> ApiResult<HttpResponse> {
    let influencer = path.into_inner();
    let text = body.validate()?;
    let due_at = stored_time(body.due_at);
    let assignee = body.assignee_id.unwrap_or(auth.0);
    let reminder = state
        .db
        .write(move |conn| {
            let (influencer, team, _) = influencer_for(conn, influencer, auth.0)?;
            check_assignee(conn, team, assignee)?;
            let now = time::now();
            let row = ReminderRow {
                id: new_id().to_string(),
                team_id: team.to_string(),
                influencer_id: influencer.id.clone(),
                text,
                due_at,
                assignee_id: assignee.to_string(),
                created_by: auth.0.to_string(),
                done_at: None,
                created_at: now,
                updated_at: now,
            };
            reminders::insert(conn, &row)?;
            activity::record(
                conn,
                &influencer.id,
                auth.0,
                "reminder.added",
                json!({"id": row.id, "text": row.text, "due_at": utc(row.due_at), "assignee_id": row.assignee_id}),
            )?;
            to_api((row, influencer.display_name))
        })
        .await?;
    Ok(HttpResponse::Created().json(reminder))
}

/// Change a reminder: text, due time, assignee, or mark it done (or open again).
#[utoipa::path(
    tag = "reminders",
    security(("bearer" = [])),
    params(("reminder_id" = ReminderId, Path, description = "The reminder's id.")),
    request_body = UpdateReminder,
    responses(
        (status = 200, description = "The updated reminder.", body = Reminder),
        BadRequest, Unauthorized, NotFound, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[patch("/reminders/{reminder_id}")]
pub async fn update_reminder(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<ReminderId>,
    body: Body<UpdateReminder>,
) -> ApiResult<Json<Reminder>> {
    let id = path.into_inner().to_string();
    let text = body.validate()?;
    let request = body.into_inner();
    let reminder = state
        .db
        .write(move |conn| {
            let (row, team) = reminder_for(conn, &id, auth.0)?;
            if let Some(assignee) = request.assignee_id {
                check_assignee(conn, team, assignee)?;
            }
            let now = time::now();
            let done_change = match (request.done, row.done_at) {
                (Some(true), None) => Some(Some(now)),
                (Some(false), Some(_)) => Some(None),
                _ => None,
            };
            let changes = ReminderChanges {
                text,
                due_at: request.due_at.map(stored_time),
                assignee_id: request.assignee_id.map(|a| a.to_string()),
                done_at: done_change,
                updated_at: Some(now),
            };
            reminders::update(conn, &row.id, &changes)?;
            let kind = match done_change {
                Some(Some(_)) => "reminder.done",
                Some(None) => "reminder.reopened",
                None => "reminder.updated",
            };
            activity::record(
                conn,
                &row.influencer_id,
                auth.0,
                kind,
                json!({"id": row.id}),
            )?;
            to_api(reminders::find(conn, &row.id)?.ok_or_else(|| ApiError::not_found("reminder"))?)
        })
        .await?;
    Ok(Json(reminder))
}

/// Delete a reminder.
#[utoipa::path(
    tag = "reminders",
    security(("bearer" = [])),
    params(("reminder_id" = ReminderId, Path, description = "The reminder's id.")),
    responses((status = 204, description = "Deleted."), BadRequest, Unauthorized, NotFound)
)]
#[delete("/reminders/{reminder_id}")]
pub async fn delete_reminder(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<ReminderId>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner().to_string();
    state
        .db
        .write(move |conn| {
            let (row, _) = reminder_for(conn, &id, auth.0)?;
            reminders::delete(conn, &row.id)?;
            activity::record(
                conn,
                &row.influencer_id,
                auth.0,
                "reminder.deleted",
                json!({"id": row.id, "text": row.text}),
            )?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

fn reminder_for(
    conn: &mut DbConnection,
    id: &str,
    user: UserId,
) -> ApiResult<(ReminderRow, TeamId)> {
    let (row, _) = reminders::find(conn, id)?.ok_or_else(|| ApiError::not_found("reminder"))?;
    let team: TeamId = parse_stored(&row.team_id)?;
    memberships::role_of(conn, team, user)?.ok_or_else(|| ApiError::not_found("reminder"))?;
    Ok((row, team))
}

/// The team's reminders by due time: `mine=true` for yours, `status` open (default), done or all.
#[utoipa::path(
    tag = "reminders",
    security(("bearer" = [])),
    params(("team_id" = TeamId, Path, description = "The team's id."), TeamRemindersQuery),
    responses((status = 200, description = "A page of reminders, soonest first.", body = Page<Reminder>), BadRequest, Unauthorized, NotFound)
)]
#[get("/teams/{team_id}/reminders")]
pub async fn list_team_reminders(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<TeamId>,
    query: Query<TeamRemindersQuery>,
) -> ApiResult<Json<Page<Reminder>>> {
    let team = path.into_inner();
    let query = query.into_inner();
    let paging = PageRequest::from_query(&PageQuery {
        limit: query.limit,
        cursor: query.cursor,
    })?;
    let after = paging.cursor.as_deref().map(parse_cursor).transpose()?;
    let done = match query.status.unwrap_or_default() {
        ReminderStatus::Open => Some(false),
        ReminderStatus::Done => Some(true),
        ReminderStatus::All => None,
    };
    let mine = query.mine.unwrap_or(false);
    let page = state
        .db
        .run(move |conn| {
            role_in(conn, team, auth.0)?;
            let team = team.to_string();
            let me = auth.0.to_string();
            let rows = reminders::list(
                conn,
                &ReminderFilter {
                    team_id: &team,
                    influencer_id: None,
                    assignee_id: mine.then_some(me.as_str()),
                    done,
                    after,
                    limit: paging.fetch(),
                },
            )?;
            paged(&paging, rows)
        })
        .await?;
    Ok(Json(page))
}
