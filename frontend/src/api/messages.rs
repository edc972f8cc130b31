//! Conversations and messages: `/teams/{team_id}/conversations`, `/creator/conversations`,
//! `/creator/connections/{connection_id}/conversation`, `/conversations/{id}[/messages|/read]`.

use gloo_net::http::Method;
use rapport_domain::messages::{Conversation, CreateMessage, Message, OpenConversation};
use rapport_domain::page::{Page, PageQuery};
use rapport_domain::{ConnectionId, ConversationId, TeamId};

use super::{get, page_query, send_empty, send_json, ApiError};

/// `GET /teams/{team_id}/conversations`.
pub async fn list_team(team: TeamId) -> Result<Page<Conversation>, ApiError> {
    get(&format!("/teams/{team}/conversations?limit=200")).await
}

/// `POST /teams/{team_id}/conversations`: the team's conversation with an influencer.
pub async fn open_team(team: TeamId, request: &OpenConversation) -> Result<Conversation, ApiError> {
    send_json(
        Method::POST,
        &format!("/teams/{team}/conversations"),
        request,
    )
    .await
}

/// `GET /creator/conversations`.
pub async fn list_mine() -> Result<Vec<Conversation>, ApiError> {
    get("/creator/conversations").await
}

/// `POST /creator/connections/{connection_id}/conversation`.
pub async fn open_mine(connection: ConnectionId) -> Result<Conversation, ApiError> {
    send_empty(
        Method::POST,
        &format!("/creator/connections/{connection}/conversation"),
    )
    .await
}

/// `GET /conversations/{id}`.
pub async fn get_conversation(id: ConversationId) -> Result<Conversation, ApiError> {
    get(&format!("/conversations/{id}")).await
}

/// `GET /conversations/{id}/messages`: newest first.
pub async fn list_messages(
    id: ConversationId,
    page: &PageQuery,
) -> Result<Page<Message>, ApiError> {
    get(&format!("/conversations/{id}/messages{}", page_query(page))).await
}

/// `POST /conversations/{id}/messages`.
pub async fn send(id: ConversationId, request: &CreateMessage) -> Result<Message, ApiError> {
    send_json(
        Method::POST,
        &format!("/conversations/{id}/messages"),
        request,
    )
    .await
}

/// `POST /conversations/{id}/read`.
pub async fn mark_read(id: ConversationId) -> Result<(), ApiError> {
    send_empty(Method::POST, &format!("/conversations/{id}/read")).await
}
