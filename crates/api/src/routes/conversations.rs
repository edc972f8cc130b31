//! Conversations and messages: `/api/v1/teams/{team_id}/conversations`,
//! `/api/v1/creator/conversations`, `/api/v1/creator/connections/{connection_id}/conversation`,
//! `/api/v1/conversations/{conversation_id}[/messages|/read]`.

use actix_web::web::{Data, Json, Path, Query};
use actix_web::{get, post, HttpResponse};
use rapport_domain::messages::{Conversation, CreateMessage, Message, OpenConversation};
use rapport_domain::page::{Page, PageQuery, TimePageQuery};
use rapport_domain::{ConnectionId, ConversationId, TeamId, Validate};

use crate::auth::AuthUser;
use crate::body::Body;
use crate::error::ApiResult;
use crate::messaging::messages::Delivery;
use crate::messaging::{conversations, messages};
use crate::openapi::{
    BadRequest, NotFound, PayloadTooLarge, Unauthorized, Unprocessable, UnsupportedMediaType,
};
use crate::paging::PageRequest;
use crate::state::AppState;

/// The team's conversations, most recently active first, each with its last message and unread
/// count.
#[utoipa::path(
    tag = "messages",
    security(("bearer" = [])),
    params(("team_id" = TeamId, Path, description = "The team's id."), TimePageQuery),
    responses(
        (status = 200, description = "A page of conversations.", body = Page<Conversation>),
        BadRequest, Unauthorized, NotFound
    )
)]
#[get("/teams/{team_id}/conversations")]
pub async fn list_team_conversations(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<TeamId>,
    query: Query<TimePageQuery>,
) -> ApiResult<Json<Page<Conversation>>> {
    let team = path.into_inner();
    let query = query.into_inner();
    let paging = PageRequest::new(query.limit, query.cursor)?;
    let page = state
        .db
        .run(move |conn| conversations::list_for_team(conn, auth.0, team, &paging))
        .await?;
    Ok(Json(page))
}

/// Open the team's conversation with one of its influencers (the same one every time). A
/// connected creator answers in the app; anyone else by e-mail, when the influencer has one.
#[utoipa::path(
    tag = "messages",
    security(("bearer" = [])),
    params(("team_id" = TeamId, Path, description = "The team's id.")),
    request_body = OpenConversation,
    responses(
        (status = 200, description = "The conversation.", body = Conversation),
        BadRequest, Unauthorized, NotFound, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[post("/teams/{team_id}/conversations")]
pub async fn open_team_conversation(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<TeamId>,
    body: Body<OpenConversation>,
) -> ApiResult<Json<Conversation>> {
    let team = path.into_inner();
    let influencer = body.into_inner().influencer_id;
    let now = state.clock.now();
    let conversation = state
        .db
        .write(move |conn| conversations::open_for_team(conn, auth.0, team, influencer, now))
        .await?;
    Ok(Json(conversation))
}

/// The signed-in creator's conversations with the teams they are connected to.
#[utoipa::path(
    tag = "creator",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The conversations, most recently active first.", body = Vec<Conversation>),
        Unauthorized, NotFound
    )
)]
#[get("/creator/conversations")]
pub async fn list_creator_conversations(
    state: Data<AppState>,
    auth: AuthUser,
) -> ApiResult<Json<Vec<Conversation>>> {
    let list = state
        .db
        .run(move |conn| conversations::list_for_creator(conn, auth.0))
        .await?;
    Ok(Json(list))
}

/// Open the conversation with a team the signed-in creator is connected to.
#[utoipa::path(
    tag = "creator",
    security(("bearer" = [])),
    params(("connection_id" = ConnectionId, Path, description = "The connection's id.")),
    responses((status = 200, description = "The conversation.", body = Conversation), BadRequest, Unauthorized, NotFound)
)]
#[post("/creator/connections/{connection_id}/conversation")]
pub async fn open_creator_conversation(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<ConnectionId>,
) -> ApiResult<Json<Conversation>> {
    let connection = path.into_inner();
    let now = state.clock.now();
    let conversation = state
        .db
        .write(move |conn| conversations::open_for_creator(conn, auth.0, connection, now))
        .await?;
    Ok(Json(conversation))
}

/// One conversation (a team member's or the creator's).
#[utoipa::path(
    tag = "messages",
    security(("bearer" = [])),
    params(("conversation_id" = ConversationId, Path, description = "The conversation's id.")),
    responses((status = 200, description = "The conversation.", body = Conversation), BadRequest, Unauthorized, NotFound)
)]
#[get("/conversations/{conversation_id}")]
pub async fn get_conversation(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<ConversationId>,
) -> ApiResult<Json<Conversation>> {
    let id = path.into_inner();
    let conversation = state
        .db
        .run(move |conn| {
            let (row, side) = conversations::access(conn, auth.0, id)?;
            conversations::view(conn, &row, side)
        })
        .await?;
    Ok(Json(conversation))
}

/// The conversation's messages, newest first, each with whether the other side read it.
#[utoipa::path(
    tag = "messages",
    security(("bearer" = [])),
    params(("conversation_id" = ConversationId, Path, description = "The conversation's id."), PageQuery),
    responses((status = 200, description = "A page of messages.", body = Page<Message>), BadRequest, Unauthorized, NotFound)
)]
#[get("/conversations/{conversation_id}/messages")]
pub async fn list_messages(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<ConversationId>,
    query: Query<PageQuery>,
) -> ApiResult<Json<Page<Message>>> {
    let id = path.into_inner();
    let paging = PageRequest::from_query(&query)?;
    let page = state
        .db
        .run(move |conn| messages::list(conn, auth.0, id, &paging))
        .await?;
    Ok(Json(page))
}

/// Send a message. To an influencer without the app it goes by e-mail from the team's name,
/// with the conversation's reply address (422 `no_contact_email` without an address); a
/// connected creator is notified, and e-mailed at most once per conversation every 15 minutes.
#[utoipa::path(
    tag = "messages",
    security(("bearer" = [])),
    params(("conversation_id" = ConversationId, Path, description = "The conversation's id.")),
    request_body = CreateMessage,
    responses(
        (status = 201, description = "Sent.", body = Message),
        BadRequest, Unauthorized, NotFound, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[post("/conversations/{conversation_id}/messages")]
pub async fn send_message(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<ConversationId>,
    body: Body<CreateMessage>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let message = body.validate()?;
    let shared = state.clone();
    let sent = state
        .db
        .write(move |conn| {
            let hub = shared.hub.clone();
            let online = move |user| hub.is_online(user);
            let delivery = Delivery {
                now: shared.clock.now(),
                public_url: &shared.public_url,
                inbound_domain: &shared.inbound_domain,
                online: &online,
            };
            messages::send(conn, auth.0, id, message, &delivery)
        })
        .await?;
    Ok(HttpResponse::Created().json(sent))
}

/// Mark the conversation read for the caller's side (up to its newest message).
#[utoipa::path(
    tag = "messages",
    security(("bearer" = [])),
    params(("conversation_id" = ConversationId, Path, description = "The conversation's id.")),
    responses((status = 204, description = "Read."), BadRequest, Unauthorized, NotFound)
)]
#[post("/conversations/{conversation_id}/read")]
pub async fn mark_conversation_read(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<ConversationId>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    state
        .db
        .write(move |conn| messages::mark_read(conn, auth.0, id, None))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
