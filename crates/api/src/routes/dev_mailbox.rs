//! `GET /api/v1/dev/mailbox`: the mail Rapport sent, and replies typed there as their
//! recipients, in dev mode only.

use actix_web::web::{Data, Json, Path, Query};
use actix_web::{get, post};
use rapport_domain::limits::EMAIL_MAX;
use rapport_domain::mail::Mail;
use rapport_domain::messages::{InboundEmail, InboundResult, MESSAGE_MAX};
use rapport_domain::page::{Page, PageQuery};
use rapport_domain::validation::{normalize_email, FieldErrors};
use rapport_domain::MailId;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::body::Body;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::messaging::inbound;
use crate::openapi::{BadRequest, NotFound, PayloadTooLarge, Unprocessable, UnsupportedMediaType};
use crate::paging::PageRequest;
use crate::state::AppState;

/// Filters of the dev mailbox.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MailboxQuery {
    /// Only mail to this address (any case).
    #[param(max_length = 254)]
    pub to: Option<String>,
    /// How many mails to return (1 to 200, default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    #[param(min_length = 1, max_length = 200, pattern = "^[A-Za-z0-9_-]+$")]
    pub cursor: Option<String>,
}

/// Every mail queued or sent, newest first, in dev mode (404 otherwise). No sign-in needed:
/// this is how a developer reads invitation links without an SMTP server.
#[utoipa::path(
    tag = "dev",
    params(MailboxQuery),
    responses((status = 200, description = "A page of mails, newest first.", body = Page<Mail>), BadRequest, NotFound)
)]
#[get("/dev/mailbox")]
pub async fn list_mailbox(
    state: Data<AppState>,
    query: Query<MailboxQuery>,
) -> ApiResult<Json<Page<Mail>>> {
    if !state.dev {
        return Err(ApiError::not_found("dev mailbox (dev mode is off)"));
    }
    let query = query.into_inner();
    if query
        .to
        .as_ref()
        .is_some_and(|to| to.chars().count() > EMAIL_MAX)
    {
        return Err(ApiError::new(
            ErrorCode::InvalidParameter,
            format!("to must be at most {EMAIL_MAX} characters"),
        ));
    }
    let paging = PageRequest::from_query(&PageQuery {
        limit: query.limit,
        cursor: query.cursor,
    })?;
    // A filter that is no valid address matches no mail.
    let to = match query.to.as_deref().map(normalize_email) {
        Some(Err(_)) => {
            return Ok(Json(Page {
                items: Vec::new(),
                next_cursor: None,
            }))
        }
        Some(Ok(to)) => Some(to),
        None => None,
    };
    let page = state
        .db
        .run(move |conn| {
            let rows = rapport_store::mail::list(
                conn,
                to.as_deref(),
                paging.cursor.as_deref(),
                paging.fetch(),
            )?
            .into_iter()
            .map(|row| Ok((row.id, row.to_mail()?)))
            .collect::<ApiResult<Vec<_>>>()?;
            Ok(paging.page(rows))
        })
        .await?;
    Ok(Json(page))
}

/// A reply typed in the dev mailbox, as the mail's recipient would send it.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DevReply {
    /// The reply's text (quoted history and a signature are removed as from a real client).
    #[schema(min_length = 1, max_length = 10000)]
    pub text: String,
}

/// Reply to a mail that has a reply address, in dev mode (404 otherwise): the reply goes through
/// the same path as a real inbound mail from the recipient, without a mail server or a signature.
#[utoipa::path(
    tag = "dev",
    params(("mail_id" = MailId, Path, description = "The mail's id.")),
    request_body = DevReply,
    responses(
        (status = 200, description = "The reply joined its conversation.", body = InboundResult),
        BadRequest, NotFound, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[post("/dev/mailbox/{mail_id}/reply")]
pub async fn reply_from_mailbox(
    state: Data<AppState>,
    path: Path<MailId>,
    body: Body<DevReply>,
) -> ApiResult<Json<InboundResult>> {
    if !state.dev {
        return Err(ApiError::not_found("dev mailbox (dev mode is off)"));
    }
    let id = path.into_inner();
    let text = body.into_inner().text;
    // As long as a message may be (a real mail's text is cut by the inbound path instead).
    let blank = text.trim().is_empty();
    if blank || text.chars().count() > MESSAGE_MAX {
        let mut errors = FieldErrors::default();
        let code = if blank { "required" } else { "too_long" };
        errors.add("text", code, "A reply is 1 to 10,000 characters.");
        return Err(errors.into());
    }
    let domain = state.inbound_domain.clone();
    let now = state.clock.now();
    let result = state
        .db
        .write(move |conn| {
            let mail =
                rapport_store::mail::find(conn, id)?.ok_or_else(|| ApiError::not_found("mail"))?;
            let reply_to = mail.reply_to.clone().ok_or_else(|| {
                ApiError::new(
                    ErrorCode::UnknownReplyAddress,
                    "This mail has no reply address: only messages to influencers do.",
                )
            })?;
            let reply = InboundEmail {
                from: mail.to_address.clone(),
                to: reply_to,
                subject: Some(format!("Re: {}", mail.subject)),
                text: Some(text),
                html: None,
                message_id: Some(format!(
                    "<dev-{}@rapport.localhost>",
                    rapport_store::new_id::<MailId>()
                )),
                in_reply_to: Some(format!("<{}@rapport>", mail.id)),
            };
            inbound::receive(conn, &reply, &domain, now)
        })
        .await?;
    Ok(Json(result))
}
