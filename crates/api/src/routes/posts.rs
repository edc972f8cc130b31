//! Notes and team comments: `/api/v1/influencers/{influencer_id}/notes` and `/comments`,
//! `/api/v1/notes/{note_id}` and `/api/v1/comments/{comment_id}`. Both have the same shape and
//! rules, so one macro writes both groups of routes.

/// Writes the four routes of one kind of post.
macro_rules! post_routes {
    (
        kind: $kind:expr, item: $item:ident, id: $id:ty, id_param: $id_param:literal, tag: $tag:literal,
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
        use rapport_domain::{$id, InfluencerId, Validate};
        use rapport_store::time::utc;

        use crate::auth::AuthUser;
        use crate::body::Body;
        use crate::crm::posts::{self, Post};
        use crate::error::ApiResult;
        use crate::openapi::{
            BadRequest, Forbidden, NotFound, PayloadTooLarge, Unauthorized, Unprocessable,
            UnsupportedMediaType,
        };
        use crate::routes::access::{parse_stored, PageRequest};
        use crate::state::AppState;

        fn to_api((row, author_name): Post) -> ApiResult<$item> {
            Ok($item {
                id: parse_stored(&row.id)?,
                influencer_id: parse_stored(&row.influencer_id)?,
                author_id: parse_stored(&row.author_id)?,
                author_name,
                body: row.body,
                created_at: utc(row.created_at),
                updated_at: utc(row.updated_at),
            })
        }

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
                .run(move |conn| {
                    let rows = posts::list(conn, $kind, influencer, auth.0, &paging)?
                        .into_iter()
                        .map(|(key, post)| Ok((key, to_api(post)?)))
                        .collect::<ApiResult<Vec<_>>>()?;
                    Ok(paging.page(rows))
                })
                .await?;
            Ok(Json(page))
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
                .write(move |conn| to_api(posts::create(conn, $kind, influencer, auth.0, text)?))
                .await?;
            Ok(HttpResponse::Created().json(created))
        }

        #[doc = $update_doc]
        #[utoipa::path(
            tag = $tag,
            security(("bearer" = [])),
            params(($id_param = $id, Path, description = $id_doc)),
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
            path: Path<$id>,
            body: Body<WriteBody>,
        ) -> ApiResult<Json<$item>> {
            let id = path.into_inner().to_string();
            let text = body.validate()?;
            let edited = state
                .db
                .write(move |conn| to_api(posts::edit(conn, $kind, &id, auth.0, text)?))
                .await?;
            Ok(Json(edited))
        }

        #[doc = $delete_doc]
        #[utoipa::path(
            tag = $tag,
            security(("bearer" = [])),
            params(($id_param = $id, Path, description = $id_doc)),
            responses((status = 204, description = "Deleted."), BadRequest, Unauthorized, Forbidden, NotFound)
        )]
        #[delete($item_path)]
        pub async fn $delete(
            state: Data<AppState>,
            auth: AuthUser,
            path: Path<$id>,
        ) -> ApiResult<HttpResponse> {
            let id = path.into_inner().to_string();
            state
                .db
                .write(move |conn| posts::remove(conn, $kind, &id, auth.0))
                .await?;
            Ok(HttpResponse::NoContent().finish())
        }
    };
}

/// Notes: private to the team, shown on every board the influencer is on.
pub mod notes {
    post_routes! {
        kind: rapport_store::notes::NoteKind::Note, item: Note, id: NoteId, id_param: "note_id", tag: "notes",
        list_path: "/influencers/{influencer_id}/notes", item_path: "/notes/{note_id}",
        list_notes: "The influencer's notes, newest first.", "A page of notes.",
        create_note: "Write a note on an influencer.",
        update_note: "Edit a note (its author only).", "The edited note.",
        delete_note: "Delete a note (its author, an owner or an admin).", "The note's id.",
    }
}

/// Team comments: a conversation among the team about an influencer, never shown to the creator.
pub mod comments {
    post_routes! {
        kind: rapport_store::notes::NoteKind::Comment, item: Comment, id: CommentId, id_param: "comment_id", tag: "comments",
        list_path: "/influencers/{influencer_id}/comments", item_path: "/comments/{comment_id}",
        list_comments: "The influencer's team comments, newest first.", "A page of comments.",
        create_comment: "Write a team comment on an influencer.",
        update_comment: "Edit a comment (its author only).", "The edited comment.",
        delete_comment: "Delete a comment (its author, an owner or an admin).", "The comment's id.",
    }
}
