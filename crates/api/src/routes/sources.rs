//! Data sources: `/api/v1/teams/{team_id}/sources` (the cards), `.../sources/csv` (uploading a
//! list), `/api/v1/sources/{source_id}` (disconnecting), and the matches of the Influencers tab
//! (`/api/v1/teams/{team_id}/source-matches`, `/api/v1/source-matches/{match_id}/dismiss`).

use actix_web::web::{Data, Json, Path, Payload, Query};
use actix_web::{delete, get, post, HttpResponse};
use rapport_domain::sources::{
    CsvImport, CsvUploadQuery, ImportInfluencer, ImportedInfluencer, MatchQuery, Source,
    SourceMatch, CSV_MAX_BYTES, SOURCE_NAME_MAX,
};
use rapport_domain::validation::clean_name;
use rapport_domain::{FieldErrors, SourceId, SourceMatchId, TeamId};
use rapport_store::sources::MatchFilter;

use crate::auth::AuthUser;
use crate::body::spool;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::openapi::{
    BadRequest, NotFound, PayloadTooLarge, Unauthorized, Unprocessable, UnsupportedMediaType,
};
use crate::sources::{csv_import, listing, manual_import};
use crate::state::AppState;

/// An uploaded list's bytes (in the OpenAPI document: a binary string).
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct CsvFile(pub Vec<u8>);

/// The team's data sources, oldest first.
#[utoipa::path(
    tag = "sources",
    security(("bearer" = [])),
    params(("team_id" = TeamId, Path, description = "The team's id.")),
    responses(
        (status = 200, description = "The sources.", body = Vec<Source>),
        BadRequest, Unauthorized, NotFound
    )
)]
#[get("/teams/{team_id}/sources")]
pub async fn list_sources(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<TeamId>,
) -> ApiResult<Json<Vec<Source>>> {
    let team = path.into_inner();
    let list = state
        .db
        .run(move |conn| listing::list(conn, auth.0, team))
        .await?;
    Ok(Json(list))
}

/// Upload a list of e-mail addresses (a CSV export of a mailing list or customers: Shopify,
/// Mailchimp, Klaviyo, HubSpot, Excel...), as the request body. The e-mail column is found by its
/// header or its content; `,` `;` tab and `|` separate fields; UTF-8 (with or without BOM),
/// UTF-16 and Windows-1252 are read. Columns of Instagram, TikTok or YouTube handles or links are
/// used too. The contacts are matched against the network's creators and the team's
/// influencers; only keyed hashes of them are kept. A list of the same name is replaced, at once.
/// A list does not update by itself: upload it again. A file that cannot be read (empty, not
/// text, no e-mail column) answers 422 `unreadable_list` and stores nothing.
#[utoipa::path(
    tag = "sources",
    security(("bearer" = [])),
    params(("team_id" = TeamId, Path, description = "The team's id."), CsvUploadQuery),
    request_body(content = CsvFile, content_type = "application/octet-stream", description = "The list, as exported (sent as `text/csv` too: the type is not checked, the content is)."),
    responses(
        (status = 200, description = "What the list held, and who matched.", body = CsvImport),
        BadRequest, Unauthorized, NotFound, PayloadTooLarge, Unprocessable
    )
)]
#[post("/teams/{team_id}/sources/csv")]
pub async fn upload_csv(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<TeamId>,
    query: Query<CsvUploadQuery>,
    payload: Payload,
) -> ApiResult<Json<CsvImport>> {
    let team = path.into_inner();
    let mut errors = FieldErrors::default();
    let name = errors.check("name", clean_name(&query.name, SOURCE_NAME_MAX));
    errors.into_result()?;
    let name = name.unwrap_or_default();
    // Only a member's upload is read: nobody else makes the server hold up to 256 MiB.
    let actor = auth.0;
    state
        .db
        .run(move |conn| crate::access::role_in(conn, team, actor).map(drop))
        .await?;
    let file = spool(
        payload,
        CSV_MAX_BYTES,
        "A list is at most 256 MiB: split it, or export fewer columns.",
        ErrorCode::UnreadableList,
    )
    .await?;
    // Read and hashed off the async workers while the write transaction reads the team's
    // targets (the two take about as long), then matched and stored.
    let key = state.data_key.clone();
    let (ready, list) = std::sync::mpsc::sync_channel(1);
    tokio::task::spawn_blocking(move || {
        // Nobody waits any more only when the transaction failed first.
        let _ = ready.send(csv_import::read_list(file, &key));
    });
    let key = state.data_key.clone();
    let now = state.clock.now();
    let imported = state
        .db
        .write(move |conn| {
            let list = || list.recv().map_err(ApiError::internal)?;
            csv_import::import(conn, auth.0, team, &name, list, &key, now)
        })
        .await?;
    Ok(Json(imported))
}

/// Add one influencer by hand (a micro-influencer outside the network), by Instagram handle and
/// e-mail address: they become one of the team's influencers with that contact address (the
/// team's influencer of that profile takes the address), and a contact of the team's source
/// "Added by hand", matched against the network like any contact.
#[utoipa::path(
    tag = "sources",
    security(("bearer" = [])),
    params(("team_id" = TeamId, Path, description = "The team's id.")),
    request_body = ImportInfluencer,
    responses(
        (status = 201, description = "Added.", body = ImportedInfluencer),
        BadRequest, Unauthorized, NotFound, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[post("/teams/{team_id}/sources/manual")]
pub async fn import_influencer(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<TeamId>,
    body: Json<ImportInfluencer>,
) -> ApiResult<HttpResponse> {
    let team = path.into_inner();
    let key = state.data_key.clone();
    let now = state.clock.now();
    let request = body.into_inner();
    let imported = state
        .db
        .write(move |conn| manual_import::import(conn, auth.0, team, &request, &key, now))
        .await?;
    Ok(HttpResponse::Created().json(imported))
}

/// Disconnect a source: its syncs stop; its stored secrets, contacts and matches are deleted.
/// Influencers already on boards stay.
#[utoipa::path(
    tag = "sources",
    security(("bearer" = [])),
    params(("source_id" = SourceId, Path, description = "The source's id.")),
    responses(
        (status = 204, description = "Disconnected."),
        BadRequest, Unauthorized, NotFound
    )
)]
#[delete("/sources/{source_id}")]
pub async fn disconnect_source(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<SourceId>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let now = state.clock.now();
    state
        .db
        .write(move |conn| listing::disconnect(conn, auth.0, id, now))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The team's matches (the Influencers tab), newest first: who they are and where they come
/// from, in the source's own words. Dismissed ones are left out.
#[utoipa::path(
    tag = "sources",
    security(("bearer" = [])),
    params(("team_id" = TeamId, Path, description = "The team's id."), MatchQuery),
    responses(
        (status = 200, description = "The matches.", body = Vec<SourceMatch>),
        BadRequest, Unauthorized, NotFound
    )
)]
#[get("/teams/{team_id}/source-matches")]
pub async fn list_source_matches(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<TeamId>,
    query: Query<MatchQuery>,
) -> ApiResult<Json<Vec<SourceMatch>>> {
    let team = path.into_inner();
    let filter = MatchFilter {
        source: query.into_inner().source_id,
        with_dismissed: false,
    };
    let list = state
        .db
        .run(move |conn| listing::matches(conn, auth.0, team, &filter))
        .await?;
    Ok(Json(list))
}

/// Dismiss a match: it leaves the Influencers tab.
#[utoipa::path(
    tag = "sources",
    security(("bearer" = [])),
    params(("match_id" = SourceMatchId, Path, description = "The match's id.")),
    responses(
        (status = 204, description = "Dismissed."),
        BadRequest, Unauthorized, NotFound
    )
)]
#[post("/source-matches/{match_id}/dismiss")]
pub async fn dismiss_source_match(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<SourceMatchId>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    state
        .db
        .write(move |conn| listing::dismiss(conn, auth.0, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
