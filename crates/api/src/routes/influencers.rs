//! `/api/v1/teams/{team_id}/influencers` and `/api/v1/influencers/{influencer_id}` (+ `/accounts`).

use actix_web::web::{Data, Json, Path, Query};
use actix_web::{delete, get, patch, post, HttpResponse};
use rapport_domain::influencers::{
    AddAccount, CreateInfluencer, Influencer, InfluencerQuery, UpdateInfluencer,
};
use rapport_domain::page::{Page, PageQuery};
use rapport_domain::{AccountId, InfluencerId, TeamId, Validate};
use std::collections::HashMap;

use rapport_store::influencers::{self, AccountRow};
use rapport_store::{is_unique_violation, time};
use serde_json::json;

use crate::auth::AuthUser;
use crate::body::Body;
use crate::crm::{activity, influencers as crm};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::openapi::{
    BadRequest, Conflict, NotFound, PayloadTooLarge, Unauthorized, Unprocessable,
    UnsupportedMediaType,
};
use crate::routes::access::{influencer_for, role_in, PageRequest};
use crate::state::AppState;

/// Search text without control characters (which match nothing anyway); `None` when empty.
pub fn search_text(q: Option<&str>) -> Option<String> {
    let text: String = q?.chars().filter(|c| !c.is_control()).collect();
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// The team's influencers, oldest first; `q` filters by name or handle.
#[utoipa::path(
    tag = "influencers",
    security(("bearer" = [])),
    params(("team_id" = TeamId, Path, description = "The team's id."), InfluencerQuery),
    responses((status = 200, description = "A page of influencers.", body = Page<Influencer>), BadRequest, Unauthorized, NotFound)
)]
#[get("/teams/{team_id}/influencers")]
pub async fn list_influencers(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<TeamId>,
    query: Query<InfluencerQuery>,
) -> ApiResult<Json<Page<Influencer>>> {
    let team = path.into_inner();
    let query = query.into_inner();
    if query.q.as_ref().is_some_and(|q| q.chars().count() > 100) {
        return Err(ApiError::new(
            ErrorCode::InvalidParameter,
            "q must be at most 100 characters",
        ));
    }
    let paging = PageRequest::from_query(&PageQuery {
        limit: query.limit,
        cursor: query.cursor,
    })?;
    let q = search_text(query.q.as_deref());
    let page = state
        .db
        .run(move |conn| {
            role_in(conn, team, auth.0)?;
            let rows = influencers::list(
                conn,
                team,
                q.as_deref(),
                paging.cursor.as_deref(),
                paging.fetch(),
            )?;
            let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
            let mut accounts: HashMap<String, Vec<AccountRow>> = HashMap::new();
            for account in influencers::accounts_of_many(conn, &ids)? {
                accounts
                    .entry(account.influencer_id.clone())
                    .or_default()
                    .push(account);
            }
            let items = rows
                .iter()
                .map(|row| {
                    let own = accounts.remove(&row.id).unwrap_or_default();
                    Ok((row.id.clone(), row.to_influencer(&own)?))
                })
                .collect::<ApiResult<Vec<_>>>()?;
            Ok(paging.page(items))
        })
        .await?;
    Ok(Json(page))
}

/// Add an influencer from a profile link or username. If the team already has that account,
/// answers 200 with the influencer holding it instead of making a duplicate.
#[utoipa::path(
    tag = "influencers",
    security(("bearer" = [])),
    params(("team_id" = TeamId, Path, description = "The team's id.")),
    request_body = CreateInfluencer,
    responses(
        (status = 201, description = "Created.", body = Influencer),
        (status = 200, description = "The team already had this account: its influencer.", body = Influencer),
        BadRequest, Unauthorized, NotFound, Conflict, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[post("/teams/{team_id}/influencers")]
pub async fn create_influencer(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<TeamId>,
    body: Body<CreateInfluencer>,
) -> ApiResult<HttpResponse> {
    let team = path.into_inner();
    let new = body.validate()?;
    let (influencer, created) = state
        .db
        .write(move |conn| {
            role_in(conn, team, auth.0)?;
            let (row, created) = crm::find_or_create(
                conn,
                team,
                &new.profile,
                Some(&new.display_name),
                auth.0,
                time::now(),
            )?;
            Ok((crm::view(conn, &row)?, created))
        })
        .await?;
    Ok(if created {
        HttpResponse::Created().json(influencer)
    } else {
        HttpResponse::Ok().json(influencer)
    })
}

/// One influencer, whole.
#[utoipa::path(
    tag = "influencers",
    security(("bearer" = [])),
    params(("influencer_id" = InfluencerId, Path, description = "The influencer's id.")),
    responses((status = 200, description = "The influencer.", body = Influencer), BadRequest, Unauthorized, NotFound)
)]
#[get("/influencers/{influencer_id}")]
pub async fn get_influencer(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<InfluencerId>,
) -> ApiResult<Json<Influencer>> {
    let id = path.into_inner();
    let influencer = state
        .db
        .run(move |conn| {
            let (row, _, _) = influencer_for(conn, id, auth.0)?;
            crm::view(conn, &row)
        })
        .await?;
    Ok(Json(influencer))
}

/// Change an influencer's details: name, contact, shipping address, tags.
#[utoipa::path(
    tag = "influencers",
    security(("bearer" = [])),
    params(("influencer_id" = InfluencerId, Path, description = "The influencer's id.")),
    request_body = UpdateInfluencer,
    responses(
        (status = 200, description = "The updated influencer.", body = Influencer),
        BadRequest, Unauthorized, NotFound, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[patch("/influencers/{influencer_id}")]
pub async fn update_influencer(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<InfluencerId>,
    body: Body<UpdateInfluencer>,
) -> ApiResult<Json<Influencer>> {
    let id = path.into_inner();
    let changes = body.validate()?;
    let influencer = state
        .db
        .write(move |conn| {
            let (row, _, _) = influencer_for(conn, id, auth.0)?;
            activity::lock_boards_of(conn, &row.id)?;
            let mut fields = Vec::new();
            for (name, changed) in [
                ("display_name", changes.display_name.is_some()),
                ("email", changes.email.is_some()),
                ("phone", changes.phone.is_some()),
                ("shipping_address", changes.shipping_address.is_some()),
                ("tags", changes.tags.is_some()),
            ] {
                if changed {
                    fields.push(name);
                }
            }
            if !fields.is_empty() {
                influencers::update(conn, &row.id, &changes, time::now())?;
                activity::record(
                    conn,
                    &row.id,
                    auth.0,
                    "influencer.updated",
                    json!({"fields": fields}),
                )?;
                if changes.display_name.is_some() {
                    activity::touch_boards_of(conn, &row.id, auth.0, "influencer.renamed")?;
                }
            }
            let row =
                influencers::find(conn, id)?.ok_or_else(|| ApiError::not_found("influencer"))?;
            crm::view(conn, &row)
        })
        .await?;
    Ok(Json(influencer))
}

/// Delete an influencer with their accounts, cards, notes, reminders, comments and history.
#[utoipa::path(
    tag = "influencers",
    security(("bearer" = [])),
    params(("influencer_id" = InfluencerId, Path, description = "The influencer's id.")),
    responses((status = 204, description = "Deleted."), BadRequest, Unauthorized, NotFound)
)]
#[delete("/influencers/{influencer_id}")]
pub async fn delete_influencer(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<InfluencerId>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    state
        .db
        .write(move |conn| {
            let (row, _, _) = influencer_for(conn, id, auth.0)?;
            activity::lock_boards_of(conn, &row.id)?;
            activity::touch_boards_of(conn, &row.id, auth.0, "influencer.deleted")?;
            influencers::delete(conn, &row.id)?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Add another platform account to an influencer. An account another influencer of the team
/// holds answers 409 `account_taken` naming them.
#[utoipa::path(
    tag = "influencers",
    security(("bearer" = [])),
    params(("influencer_id" = InfluencerId, Path, description = "The influencer's id.")),
    request_body = AddAccount,
    responses(
        (status = 201, description = "The influencer with the new account.", body = Influencer),
        (status = 200, description = "The influencer already had this account.", body = Influencer),
        BadRequest, Unauthorized, NotFound, Conflict, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[post("/influencers/{influencer_id}/accounts")]
pub async fn add_account(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<InfluencerId>,
    body: Body<AddAccount>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let profile = body.validate()?;
    let (influencer, created) = state
        .db
        .write(move |conn| {
            let (row, team, _) = influencer_for(conn, id, auth.0)?;
            activity::lock_boards_of(conn, &row.id)?;
            let taken = |holder: &str| {
                ApiError::conflict_with(
                    ErrorCode::AccountTaken,
                    "Another influencer of the team has this account.",
                    holder,
                )
            };
            if let Some(existing) =
                influencers::find_account(conn, team, profile.platform, &profile.key)?
            {
                if existing.influencer_id != row.id {
                    return Err(taken(&existing.influencer_id));
                }
                return Ok((crm::view(conn, &row)?, false));
            }
            let now = time::now();
            influencers::insert_account(conn, &crm::account_row(team, &row.id, &profile, now))
                .map_err(|e| {
                    if is_unique_violation(&e) {
                        taken("")
                    } else {
                        e.into()
                    }
                })?;
            activity::record(
                conn,
                &row.id,
                auth.0,
                "account.added",
                json!({"platform": profile.platform, "handle": profile.handle}),
            )?;
            activity::touch_boards_of(conn, &row.id, auth.0, "account.added")?;
            Ok((crm::view(conn, &row)?, true))
        })
        .await?;
    Ok(if created {
        HttpResponse::Created().json(influencer)
    } else {
        HttpResponse::Ok().json(influencer)
    })
}

/// Remove a platform account from an influencer (who keeps at least one).
#[utoipa::path(
    tag = "influencers",
    security(("bearer" = [])),
    params(
        ("influencer_id" = InfluencerId, Path, description = "The influencer's id."),
        ("account_id" = AccountId, Path, description = "The account's id.")
    ),
    responses((status = 204, description = "Removed."), BadRequest, Unauthorized, NotFound, Conflict)
)]
#[delete("/influencers/{influencer_id}/accounts/{account_id}")]
pub async fn remove_account(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<(InfluencerId, AccountId)>,
) -> ApiResult<HttpResponse> {
    let (id, account_id) = path.into_inner();
    state
        .db
        .write(move |conn| {
            let (row, _, _) = influencer_for(conn, id, auth.0)?;
            activity::lock_boards_of(conn, &row.id)?;
            let account = influencers::find_account_of(conn, &row.id, &account_id.to_string())?
                .ok_or_else(|| ApiError::not_found("account"))?;
            if influencers::accounts_of(conn, &row.id)?.len() <= 1 {
                return Err(ApiError::new(
                    ErrorCode::LastAccount,
                    "An influencer keeps at least one platform account; add another first, or delete the influencer.",
                ));
            }
            influencers::delete_account(conn, &account.id)?;
            activity::record(
                conn,
                &row.id,
                auth.0,
                "account.removed",
                json!({"platform": account.platform, "handle": account.handle}),
            )?;
            activity::touch_boards_of(conn, &row.id, auth.0, "account.removed")?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
