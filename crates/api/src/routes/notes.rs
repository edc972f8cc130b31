//! Notes of both kinds: `/api/v1/influencers/{influencer_id}/notes` and `/comments`,
//! `/api/v1/notes/{note_id}` and `/api/v1/comments/{comment_id}`. Both kinds have the same shape
//! and rules, so one macro writes both groups of routes.

/// Writes the four routes of one kind of note.
macro_rules! note_routes {
    (
        kind: $kind:expr, item: $item:ident, id_param: $id_param:literal, tag: $tag:literal,
        list_path: $list_path:literal, item_path: $item_path:literal,
        $list:ident: $list_doc:literal, $page_doc:literal,
        $create:ident: $create_doc:literal,
        $update:ident: $update_doc:literal, $edited_doc:literal,
        $delete:ident: $delete_doc:literal, $id_doc:literal $(,)?
    ) => {
        use actix_web::web::{Data, Json, Path, Query};
        use actix_web::{delete, get, patch, post, HttpResponse};
        use rapport_domain::notes::{$item, WriteBody};
        use rapport_domain::page::{Page, PageQuery};
        use rapport_domain::{InfluencerId, NoteId, Validate};

        use crate::auth::AuthUser;
        use crate::body::Body;
        use crate::crm::notes;
        use crate::error::ApiResult;
        use crate::openapi::{
            BadRequest, Forbidden, NotFound, PayloadTooLarge, Unauthorized, Unprocessable,
            UnsupportedMediaType,
        };
        use crate::paging::PageRequest;
        use crate::state::AppState;

        #[doc = $list_doc]
        #[utoipa::path(
            tag = $tag,
            security(("bearer" = [])),
            params(("influencer_id" = InfluencerId, Path, description = "The influencer's id."), PageQuery),
            responses((status = 200, description = $page_doc, body = Page<$item>), BadRequest, Unauthorized, NotFound)
        )]
        #[get($list_path)]
        pub async fn $list(
            state: Data<AppState>,
            auth: AuthUser,
            path: Path<InfluencerId>,
            query: Query<PageQuery>,
        ) -> ApiResult<Json<Page<$item>>> {
            let influencer = path.into_inner();
            let paging = PageRequest::from_query(&query)?;
            let page = state
                .db
                .run(move |conn| notes::list(conn, auth.0, $kind, influencer, &paging))
                .await?;
            Ok(Json(Page {
                items: page.items.into_iter().map(<$item>::from).collect(),
                next_cursor: page.next_cursor,
            }))
        }

        #[doc = $create_doc]
        #[utoipa::path(
            tag = $tag,
            security(("bearer" = [])),
            params(("influencer_id" = InfluencerId, Path, description = "The influencer's id.")),
            request_body = WriteBody,
            responses(
                (status = 201, description = "Written.", body = $item),
                BadRequest, Unauthorized, NotFound, PayloadTooLarge, UnsupportedMediaType, Unprocessable
            )
        )]
        #[post($list_path)]
        pub async fn $create(
            state: Data<AppState>,
            auth: AuthUser,
            path: Path<InfluencerId>,
            body: Body<WriteBody>,
        ) -> ApiResult<HttpResponse> {
            let influencer = path.into_inner();
            let text = body.validate()?;
            let created = state
                .db
                .write(move |conn| notes::create(conn, auth.0, $kind, influencer, text))
                .await?;
            Ok(HttpResponse::Created().json(<$item>::from(created)))
        }

        #[doc = $update_doc]
        #[utoipa::path(
            tag = $tag,
            security(("bearer" = [])),
            params(($id_param = NoteId, Path, description = $id_doc)),
            request_body = WriteBody,
            responses(
                (status = 200, description = $edited_doc, body = $item),
                BadRequest, Unauthorized, Forbidden, NotFound, PayloadTooLarge, UnsupportedMediaType, Unprocessable
            )
        )]
        #[patch($item_path)]
        pub async fn $update(
            state: Data<AppState>,
            auth: AuthUser,
            path: Path<NoteId>,
            body: Body<WriteBody>,
        ) -> ApiResult<Json<$item>> {
            let id = path.into_inner();
            let text = body.validate()?;
            let edited = state
                .db
                .write(move |conn| notes::edit(conn, auth.0, $kind, id, text))
                .await?;
            Ok(Json(<$item>::from(edited)))
        }

        #[doc = $delete_doc]
        #[utoipa::path(
            tag = $tag,
            security(("bearer" = [])),
            params(($id_param = NoteId, Path, description = $id_doc)),
            responses((status = 204, description = "Deleted."), BadRequest, Unauthorized, Forbidden, NotFound)
        )]
        #[delete($item_path)]
        pub async fn $delete(
            state: Data<AppState>,
            auth: AuthUser,
            path: Path<NoteId>,
        ) -> ApiResult<HttpResponse> {
            let id = path.into_inner();
            state
                .db
                .write(move |conn| notes::delete(conn, auth.0, $kind, id))
                .await?;
            Ok(HttpResponse::NoContent().finish())
        }
    };
}

// Notes: private to the team, shown on every board the influencer is on.
note_routes! {
    kind: rapport_domain::notes::NoteKind::Note, item: Note, id_param: "note_id", tag: "notes",
    list_path: "/influencers/{influencer_id}/notes", item_path: "/notes/{note_id}",
    list_notes: "The influencer's notes, newest first.", "A page of notes.",
    create_note: "Write a note on an influencer.",
    update_note: "Edit a note (its author only).", "The edited note.",
    delete_note: "Delete a note (its author, an owner or an admin).", "The note's id.",
}

/// Team comments: a conversation among the team about an influencer, never shown to the creator.
pub mod comments {
    note_routes! {
        kind: rapport_domain::notes::NoteKind::Comment, item: Comment, id_param: "comment_id", tag: "comments",
        list_path: "/influencers/{influencer_id}/comments", item_path: "/comments/{comment_id}",
        list_comments: "The influencer's team comments, newest first.", "A page of comments.",
        create_comment: "Write a team comment on an influencer.",
        update_comment: "Edit a comment (its author only).", "The edited comment.",
        delete_comment: "Delete a comment (its author, an owner or an admin).", "The comment's id.",
    }
}
