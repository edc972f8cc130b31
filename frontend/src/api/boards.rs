//! `/teams/{team_id}/boards` and `/boards/{board_id}`.

use gloo_net::http::Method;
use rapport_domain::boards::{Board, BoardListQuery, BoardView, CreateBoard, UpdateBoard};
use rapport_domain::page::Page;
use rapport_domain::{BoardId, TeamId};

use super::{get, query, send_json, ApiError};

/// `GET /teams/{team_id}/boards`.
pub async fn list_boards(team: TeamId, filter: &BoardListQuery) -> Result<Page<Board>, ApiError> {
    let query = query(&[
        ("limit", filter.limit.map(|l| l.to_string())),
        ("archived", filter.archived.map(|a| a.to_string())),
        ("cursor", filter.cursor.clone()),
    ]);
    get(&format!("/teams/{team}/boards{query}")).await
}

/// `POST /teams/{team_id}/boards`.
pub async fn create_board(team: TeamId, request: &CreateBoard) -> Result<Board, ApiError> {
    send_json(Method::POST, &format!("/teams/{team}/boards"), request).await
}

/// `GET /boards/{board_id}`: the whole board, its columns, cards and labels.
pub async fn get_board(board: BoardId) -> Result<BoardView, ApiError> {
    get(&format!("/boards/{board}")).await
}

/// `PATCH /boards/{board_id}`: renames, archives or restores.
pub async fn update_board(board: BoardId, request: &UpdateBoard) -> Result<Board, ApiError> {
    send_json(Method::PATCH, &format!("/boards/{board}"), request).await
}
