//! Reminders: `/api/v1/influencers/{influencer_id}/reminders`, `/api/v1/reminders/{reminder_id}`,
//! and the team's list by due time, `/api/v1/teams/{team_id}/reminders`.

use actix_web::web::{Data, Json, Path, Query};
use actix_web::{delete, get, patch, post, HttpResponse};
use rapport_domain::page::{Page, TimePageQuery};
use rapport_domain::reminders::{
    CreateReminder, Reminder, ReminderStatus, TeamRemindersQuery, UpdateReminder,
};
use rapport_domain::{InfluencerId, ReminderId, TeamId, Validate};

use crate::auth::AuthUser;
use crate::body::Body;
use crate::crm::reminders;
use crate::error::ApiResult;
use crate::openapi::{
    BadRequest, NotFound, PayloadTooLarge, Unauthorized, Unprocessable, UnsupportedMediaType,
};
use crate::paging::PageRequest;
use crate::state::AppState;

/// The influencer's reminders (open and done) by due time.
#[utoipa::path(
    tag = "reminders",
    security(("bearer" = [])),
    params(("influencer_id" = InfluencerId, Path, description = "The influencer's id."), TimePageQuery),
    responses((status = 200, description = "A page of reminders.", body = Page<Reminder>), BadRequest, Unauthorized, NotFound)
)]
#[get("/influencers/{influencer_id}/reminders")]
pub async fn list_reminders(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<InfluencerId>,
    query: Query<TimePageQuery>,
) -> ApiResult<Json<Page<Reminder>>> {
    let influencer = path.into_inner();
    let query = query.into_inner();
    let paging = PageRequest::new(query.limit, query.cursor)?;
    let page = state
        .db
        .run(move |conn| reminders::list_of_influencer(conn, auth.0, influencer, &paging))
        .await?;
    Ok(Json(page))
}

/// Set a reminder on an influencer, for yourself or a teammate: when it falls due, the assignee
/// gets a notification and an e-mail, once.
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
    let (due_at, assignee) = (body.due_at, body.assignee_id);
    let reminder = state
        .db
        .write(move |conn| reminders::create(conn, auth.0, influencer, text, due_at, assignee))
        .await?;
    Ok(HttpResponse::Created().json(reminder))
}

/// Change a reminder: text, due time, assignee, or mark it done (or open again). Done before it
/// falls due, it notifies nobody; moved to another time, it notifies at that time.
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
    let id = path.into_inner();
    let text = body.validate()?;
    let request = body.into_inner();
    let reminder = state
        .db
        .write(move |conn| reminders::update(conn, auth.0, id, text, &request))
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
    let id = path.into_inner();
    state
        .db
        .write(move |conn| reminders::delete(conn, auth.0, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
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
    let paging = PageRequest::new(query.limit, query.cursor)?;
    let done = match query.status.unwrap_or_default() {
        ReminderStatus::Open => Some(false),
        ReminderStatus::Done => Some(true),
        ReminderStatus::All => None,
    };
    let mine = query.mine.unwrap_or(false);
    let page = state
        .db
        .run(move |conn| reminders::list_of_team(conn, auth.0, team, mine, done, &paging))
        .await?;
    Ok(Json(page))
}
